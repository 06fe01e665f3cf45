/**
 * Values produced by evaluation (C++ `classad::Value`): the literal values plus ClassAds and lists.
 * A list value remembers the ad it was evaluated in, because C++ evaluates list elements in the
 * element's parent scope (`ExprList::GetValueAt`), which is the ad the list expression belongs to.
 */
import type { ExprTree } from '../ast.js';
import type { ClassAd } from '../classad.js';
import { AbsTime, RelTime, Value } from '../values.js';
import type { LiteralValue } from '../values.js';

/** A list value: the (unevaluated) element expressions and the ad they are evaluated in. */
export class ListValue {
  constructor(
    readonly exprs: readonly ExprTree[],
    readonly scope: ClassAd | null,
  ) {}
}

/** What evaluation yields. ClassAd values are ClassAd objects; lists are ListValue. */
export type EvalValue = LiteralValue | ClassAd | ListValue;

/** Value types, as C++ `Value::ValueType` (used to compare types, e.g. by =?=). */
export const VT = {
  Undefined: 1,
  Error: 2,
  Boolean: 3,
  Integer: 4,
  Real: 5,
  String: 6,
  AbsTime: 7,
  RelTime: 8,
  ClassAd: 9,
  List: 10,
} as const;
export type VT = (typeof VT)[keyof typeof VT];

export const UNDEF: EvalValue = Value.Undefined;
export const ERR: EvalValue = Value.Error;

/** The value type of v. */
export function typeOf(v: EvalValue): VT {
  switch (typeof v) {
    case 'bigint':
      return VT.Integer;
    case 'number':
      return VT.Real;
    case 'string':
      return VT.String;
    case 'boolean':
      return VT.Boolean;
    case 'symbol':
      return v === Value.Undefined ? VT.Undefined : VT.Error;
    default:
      if (v instanceof ListValue) return VT.List;
      if (v instanceof AbsTime) return VT.AbsTime;
      if (v instanceof RelTime) return VT.RelTime;
      return VT.ClassAd;
  }
}

/** C++ `IsBooleanValueEquiv`: booleans, and numbers as non-zero (NaN counts as true, as in C). */
export function boolEquiv(v: EvalValue): boolean | undefined {
  switch (typeof v) {
    case 'boolean':
      return v;
    case 'bigint':
      return v !== 0n;
    case 'number':
      return v !== 0;
    default:
      return undefined;
  }
}

/** C++ `IsNumber`: integers, reals and booleans. */
export function isNumber(v: EvalValue): boolean {
  const t = typeof v;
  return t === 'bigint' || t === 'number' || t === 'boolean';
}

/** C++ `IsNumber(double&)`. */
export function toReal(v: EvalValue): number | undefined {
  switch (typeof v) {
    case 'bigint':
      return Number(v);
    case 'number':
      return v;
    case 'boolean':
      return v ? 1 : 0;
    default:
      return undefined;
  }
}

/** C++ `IsNumber(long long&)`: reals truncate (saturating like x86 cvttsd2si: out of range gives INT64_MIN). */
export function toInt(v: EvalValue): bigint | undefined {
  switch (typeof v) {
    case 'bigint':
      return v;
    case 'number':
      return realToInt(v);
    case 'boolean':
      return v ? 1n : 0n;
    default:
      return undefined;
  }
}

/** `(long long) r` as x86-64 does it: truncation; NaN and out-of-range give INT64_MIN. */
export function realToInt(r: number): bigint {
  if (Number.isNaN(r) || r >= 9223372036854775808 || r < -9223372036854775808) return -0x8000000000000000n;
  return BigInt(Math.trunc(r));
}

/** `(int) x` for a 64-bit integer: keep the low 32 bits, signed. */
export function toInt32(v: bigint): number {
  return Number(BigInt.asIntN(32, v));
}

/** Wrap to int64 (C++ signed overflow wraps on the targets HTCondor runs on). */
export function wrap64(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

export function isExceptional(v: EvalValue): boolean {
  return v === Value.Undefined || v === Value.Error;
}
