/**
 * Expression builders named after the Python `classad` functions `Attribute`, `Function` and `Literal`.
 */
import { ExprTree, AttributeReference, FunctionCall } from './ast.js';
import { valueToExpr } from './classad.js';
import type { ClassAdInput } from './classad.js';

/** A reference to an attribute (Python `classad.Attribute`). */
export function Attribute(name: string): ExprTree {
  return new AttributeReference(null, name, false);
}

/** A function call expression, not evaluated (Python `classad.Function`); arguments may be JS values. */
// eslint-disable-next-line @typescript-eslint/ban-types
export function Function(name: string, ...args: ClassAdInput[]): ExprTree {
  return new FunctionCall(name, args.map(valueToExpr));
}

/** A literal from a JS value (Python `classad.Literal`): lists and plain objects become lists and ads. */
export function makeLiteral(value: ClassAdInput): ExprTree {
  return valueToExpr(value);
}
