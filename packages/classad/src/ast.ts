/**
 * The expression tree (AST) of the ClassAd language, shaped like the C++ libclassad node kinds
 * (Literal, AttributeReference, Operation, FunctionCall, ClassAd, ExprList) so that unparsing and
 * evaluation can follow the C++ code node by node.
 */
import type { LiteralValue } from './values.js';
import type { ClassAd, ClassAdValue } from './classad.js';
import { unparse } from './unparse.js';
import { sameAs } from './same-as.js';
import { bridge, exprHome } from './expr-bridge.js';
import { ClassAdInternalError } from './errors.js';

/** Node kinds, as in C++ `ExprTree::NodeKind` (the ClassAd container itself is the CLASSAD node). */
export const NodeKind = {
  Literal: 0,
  AttrRef: 1,
  Op: 2,
  FnCall: 3,
  ClassAd: 4,
  ExprList: 5,
} as const;
export type NodeKind = (typeof NodeKind)[keyof typeof NodeKind];

/**
 * Operator kinds, numbered exactly as C++ `Operation::OpKind` (the unparser's opString table is indexed by it).
 * IS/ISNT are the same operators as META_EQUAL/META_NOT_EQUAL.
 */
export const OpKind = {
  LessThan: 1,
  LessOrEqual: 2,
  NotEqual: 3,
  Equal: 4,
  GreaterOrEqual: 5,
  GreaterThan: 6,
  MetaEqual: 7,
  MetaNotEqual: 8,
  UnaryPlus: 9,
  UnaryMinus: 10,
  Addition: 11,
  Subtraction: 12,
  Multiplication: 13,
  Division: 14,
  Modulus: 15,
  LogicalNot: 16,
  LogicalOr: 17,
  LogicalAnd: 18,
  BitwiseNot: 19,
  BitwiseOr: 20,
  BitwiseXor: 21,
  BitwiseAnd: 22,
  LeftShift: 23,
  RightShift: 24,
  URightShift: 25,
  Parentheses: 26,
  Subscript: 27,
  Ternary: 28,
} as const;
export type OpKind = (typeof OpKind)[keyof typeof OpKind];

/** Base of every expression node. `toString()` is the compact new-syntax form of C++ `ClassAdUnParser`. */
export abstract class ExprTree {
  abstract readonly kind: NodeKind;
  toString(): string {
    return unparse(this);
  }

  /** `JSON.stringify` of an expression gives its new-syntax text. */
  toJSON(): unknown {
    return unparse(this);
  }

  /** What console.log / util.inspect show (the symbol is global; no Node import needed). */
  [Symbol.for('nodejs.util.inspect.custom')](): string {
    return `${this.constructor.name}(${unparse(this)})`;
  }

  /**
   * Evaluate in `scope` (attribute references resolve there; none: they are UNDEFINED), optionally with a
   * TARGET ad as in matchmaking (Python `ExprTree.eval`). Lists come back as arrays, ads as ClassAd.
   * Throws ClassAdEvaluationError where C++ evaluation fails.
   */
  eval(scope?: ClassAd | null, target?: ClassAd | null): ClassAdValue {
    return evalBridge().evaluate(this, scope ?? exprHome.get(this) ?? null, target ?? null);
  }

  /** Evaluate and return the result as an expression (Python `ExprTree.simplify`). */
  simplify(scope?: ClassAd | null, target?: ClassAd | null): ExprTree {
    return evalBridge().simplify(this, scope ?? exprHome.get(this) ?? null, target ?? null);
  }

  /** Structural equality (Python `sameAs`). */
  sameAs(other: ExprTree): boolean {
    return sameAs(this, other);
  }

  /** `this && other` (Python `and_`). */
  and(other: ExprTree): ExprTree {
    return new Operation(OpKind.LogicalAnd, this, other);
  }
  /** `this || other` (Python `or_`). */
  or(other: ExprTree): ExprTree {
    return new Operation(OpKind.LogicalOr, this, other);
  }
  /** `this =?= other` (Python `is_`). */
  is(other: ExprTree): ExprTree {
    return new Operation(OpKind.MetaEqual, this, other);
  }
  /** `this =!= other` (Python `isnt_`). */
  isnt(other: ExprTree): ExprTree {
    return new Operation(OpKind.MetaNotEqual, this, other);
  }
}

function evalBridge(): NonNullable<(typeof bridge)['impl']> {
  if (!bridge.impl) throw new ClassAdInternalError('the ClassAd evaluator is not loaded');
  return bridge.impl;
}

/** A constant: integer (bigint), real (number), string, boolean, undefined, error, absolute or relative time. */
export class Literal extends ExprTree {
  readonly kind = NodeKind.Literal;
  constructor(readonly value: LiteralValue) {
    super();
  }
}

/**
 * A reference to an attribute: `name`, `.name` (absolute), or `expr.name` (selection).
 * `MY.x`, `TARGET.x` and `parent.x` are selections whose base is a reference to MY/TARGET/parent, as in C++.
 */
export class AttributeReference extends ExprTree {
  readonly kind = NodeKind.AttrRef;
  /** @internal the lower-cased name, computed on first lookup */
  folded: string | undefined = undefined;
  constructor(
    readonly expr: ExprTree | null,
    readonly name: string,
    readonly absolute: boolean = false,
  ) {
    super();
  }
}

/**
 * An operator application. Unary operators and parentheses use `a` only; binary ones `a` and `b`;
 * the ternary `a ? b : c` uses all three, with `b === null` for the `a ?: c` form.
 */
export class Operation extends ExprTree {
  readonly kind = NodeKind.Op;
  constructor(
    readonly op: OpKind,
    readonly a: ExprTree,
    readonly b: ExprTree | null = null,
    readonly c: ExprTree | null = null,
  ) {
    super();
  }
}

/** A function call; `name` keeps the spelling it was written with (lookup is case-insensitive). */
export class FunctionCall extends ExprTree {
  readonly kind = NodeKind.FnCall;
  constructor(
    readonly name: string,
    readonly args: readonly ExprTree[],
  ) {
    super();
  }
}

/** A list `{ e1, e2, ... }`. */
export class ExprList extends ExprTree {
  readonly kind = NodeKind.ExprList;
  constructor(readonly exprs: readonly ExprTree[]) {
    super();
  }
}
