/**
 * Structural equality of expressions (Python `ExprTree.sameAs`, C++ `SameAs`): same node kinds, operators,
 * names (attribute names case-insensitively, as lookups treat them), and literal values of the same type
 * (reals compared with Object.is, so NaN equals NaN and 0.0 differs from -0.0).
 */
import { ExprTree, Literal, AttributeReference, Operation, FunctionCall, ExprList, NodeKind } from './ast.js';
import type { ClassAd } from './classad.js';
import { AbsTime, RelTime } from './values.js';
import type { LiteralValue } from './values.js';

function sameValue(a: LiteralValue, b: LiteralValue): boolean {
  if (typeof a !== typeof b) return false;
  if (typeof a === 'number') return Object.is(a, b);
  if (a instanceof AbsTime) return b instanceof AbsTime && a.secs === b.secs && a.offset === b.offset;
  if (a instanceof RelTime) return b instanceof RelTime && Object.is(a.secs, b.secs);
  return a === b;
}

/** Whether two expressions are the same tree. */
export function sameAs(a: ExprTree | null, b: ExprTree | null): boolean {
  if (a === b) return true;
  if (a === null || b === null || a.kind !== b.kind) return false;
  switch (a.kind) {
    case NodeKind.Literal:
      return sameValue((a as Literal).value, (b as Literal).value);
    case NodeKind.AttrRef: {
      const x = a as AttributeReference,
        y = b as AttributeReference;
      return x.absolute === y.absolute && x.name.toLowerCase() === y.name.toLowerCase() && sameAs(x.expr, y.expr);
    }
    case NodeKind.Op: {
      const x = a as Operation,
        y = b as Operation;
      return x.op === y.op && sameAs(x.a, y.a) && sameAs(x.b, y.b) && sameAs(x.c, y.c);
    }
    case NodeKind.FnCall: {
      const x = a as FunctionCall,
        y = b as FunctionCall;
      return x.name === y.name && x.args.length === y.args.length && x.args.every((e, i) => sameAs(e, y.args[i] as ExprTree));
    }
    case NodeKind.ExprList: {
      const x = (a as ExprList).exprs,
        y = (b as ExprList).exprs;
      return x.length === y.length && x.every((e, i) => sameAs(e, y[i] as ExprTree));
    }
    default: {
      const x = [...(a as ClassAd).exprEntries()],
        y = [...(b as ClassAd).exprEntries()];
      if (x.length !== y.length) return false;
      const other = b as ClassAd;
      return x.every(([k, e]) => {
        const f = other.lookup(k);
        return f !== undefined && sameAs(e, f);
      });
    }
  }
}
