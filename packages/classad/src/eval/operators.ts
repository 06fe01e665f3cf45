/**
 * Operator semantics, a port of C++ `Operation::_doOperation` and helpers (src/classad/operators.cpp):
 * strictness, three-valued logic, numeric promotion, 64-bit integer arithmetic, time arithmetic.
 */
import { OpKind } from '../ast.js';
import { AbsTime, RelTime, Value } from '../values.js';
import { ClassAd } from '../classad.js';
import { EvalValue, ListValue, VT, typeOf, boolEquiv, wrap64, toInt32, UNDEF, ERR } from './value.js';
// evaluator.ts imports this module; the cycle is only used at run time
import { evaluateAttrOf, listElement } from './evaluator.js';
import type { EvalState } from './evaluator.js';

const INT64_MIN = -0x8000000000000000n;
const INT64_MAX = 0x7fffffffffffffffn;

/** Which children mattered (C++ SIG_CHLD1/2/3); used by flattening. */
export const SIG_NONE = 0,
  SIG_CHLD1 = 1,
  SIG_CHLD2 = 2,
  SIG_CHLD3 = 4;

export function isStrictOperator(op: OpKind): boolean {
  return !(op === OpKind.MetaEqual || op === OpKind.MetaNotEqual || op === OpKind.LogicalAnd || op === OpKind.LogicalOr || op === OpKind.Ternary);
}

/**
 * C++ `Operation::Operate` takes its operands by reference and the numeric promotion
 * (`coerceToNumber`) rewrites them in place; builtins that reuse an operand (min/max, member,
 * anyCompare...) observe that. `io` receives the promoted operands.
 */
export interface OperandsOut {
  v1: EvalValue;
  v2: EvalValue;
}

/** Result of an operation: the value and the significance bits. */
export interface OpResult {
  v: EvalValue;
  sig: number;
}


/**
 * C++ `_doOperation`. `valid` flags say which operands exist (for unary operators and `?:`).
 */
export function doOperation(
  op: OpKind,
  v1: EvalValue,
  v2: EvalValue,
  v3: EvalValue,
  valid1: boolean,
  valid2: boolean,
  valid3: boolean,
  state?: EvalState,
  io?: OperandsOut,
): OpResult {
  if (op === OpKind.Parentheses) return { v: v1, sig: SIG_CHLD1 };
  if (op === OpKind.UnaryPlus) {
    const t = typeOf(v1);
    if (t === VT.Boolean || t === VT.String || t === VT.List || t === VT.ClassAd || t === VT.AbsTime) return { v: ERR, sig: SIG_CHLD1 };
    return { v: v1, sig: SIG_CHLD1 };
  }
  if (isStrictOperator(op)) {
    if (v1 === Value.Error) return { v: ERR, sig: SIG_CHLD1 };
    if (valid2 && v2 === Value.Error) return { v: ERR, sig: SIG_CHLD2 };
    if (valid3 && v3 === Value.Error) return { v: ERR, sig: SIG_CHLD3 };
    if (valid1 && v1 === Value.Undefined) return { v: UNDEF, sig: SIG_CHLD1 };
    if (valid2 && v2 === Value.Undefined) return { v: UNDEF, sig: SIG_CHLD2 };
    if (valid3 && v3 === Value.Undefined) return { v: UNDEF, sig: SIG_CHLD3 };
  }
  if (op >= OpKind.LessThan && op <= OpKind.MetaNotEqual) return doComparison(op, v1, v2, io);
  if (op >= OpKind.UnaryPlus && op <= OpKind.Modulus) return doArithmetic(op, v1, v2, io);
  if (op >= OpKind.LogicalNot && op <= OpKind.LogicalAnd) return doLogical(op, v1, v2, io);
  if (op >= OpKind.BitwiseNot && op <= OpKind.URightShift) return doBitwise(op, v1, v2);
  if (op === OpKind.Ternary) {
    const t1 = typeOf(v1);
    if (t1 === VT.Undefined && valid2) return { v: UNDEF, sig: SIG_CHLD1 };
    if (!valid2) {
      if (t1 === VT.Undefined) return { v: v3, sig: SIG_CHLD3 };
      return { v: v1, sig: SIG_CHLD1 };
    }
    const b = boolEquiv(v1);
    if (b === undefined) return { v: ERR, sig: SIG_CHLD1 };
    return b ? { v: v2, sig: SIG_CHLD2 } : { v: v3, sig: SIG_CHLD3 };
  }
  if (op === OpKind.Subscript) {
    if (v1 instanceof ClassAd && typeof v2 === 'string') {
      const r = evaluateAttrOf(v1, v2);
      if (!r.found) return { v: UNDEF, sig: SIG_CHLD2 };
      if (!r.ok) return { v: ERR, sig: SIG_CHLD2 };
      return { v: r.v, sig: SIG_CHLD1 | SIG_CHLD2 };
    }
    if (v1 instanceof ListValue && typeof v2 === 'bigint') {
      // C++ reads the index into an int (truncating to 32 bits)
      const index = toInt32(v2);
      if (index < 0 || index >= v1.exprs.length) return { v: ERR, sig: SIG_CHLD2 };
      return { v: listElement(v1, index, state), sig: SIG_CHLD1 | SIG_CHLD2 };
    }
    return { v: ERR, sig: SIG_CHLD1 | SIG_CHLD2 };
  }
  return { v: ERR, sig: SIG_NONE };
}

/** C++ `coerceToNumber`: returns the common type and the promoted operands. */
function coerceToNumber(a: EvalValue, b: EvalValue): [VT, EvalValue, EvalValue] {
  const ta = typeOf(a),
    tb = typeOf(b);
  if (ta === VT.ClassAd || tb === VT.ClassAd) return [VT.ClassAd, a, b];
  if (ta === VT.List || tb === VT.List) return [VT.List, a, b];
  if (ta === VT.String || tb === VT.String) return [VT.String, a, b];
  if (ta === VT.Undefined || tb === VT.Undefined) return [VT.Undefined, a, b];
  if (ta === VT.Error || tb === VT.Error) return [VT.Error, a, b];
  if (ta === VT.AbsTime || tb === VT.AbsTime) return [VT.AbsTime, a, b];
  if (ta === VT.RelTime || tb === VT.RelTime) return [VT.RelTime, a, b];
  if (typeof a === 'boolean') a = a ? 1n : 0n;
  if (typeof b === 'boolean') b = b ? 1n : 0n;
  if (typeof a === 'bigint' && typeof b === 'bigint') return [VT.Integer, a, b];
  if (typeof a === 'number' && typeof b === 'number') return [VT.Real, a, b];
  if (typeof a === 'bigint') a = Number(a);
  else if (typeof b === 'bigint') b = Number(b);
  return [VT.Real, a, b];
}

function cmpResult(op: OpKind, c: number): boolean {
  switch (op) {
    case OpKind.LessThan:
      return c < 0;
    case OpKind.LessOrEqual:
      return c <= 0;
    case OpKind.Equal:
    case OpKind.MetaEqual:
      return c === 0;
    case OpKind.NotEqual:
    case OpKind.MetaNotEqual:
      return c !== 0;
    case OpKind.GreaterThan:
      return c > 0;
    default:
      return c >= 0;
  }
}

/** strcmp / strcasecmp on the UTF-8 bytes (code-point order equals byte order for valid UTF-8). */
export function strcmp(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    let x = a.codePointAt(i) as number;
    let y = b.codePointAt(i) as number;
    if (x !== y) {
      // surrogate halves compare by code point
      if (x >= 0xdc00 && x <= 0xdfff) x = a.codePointAt(i - 1) as number;
      if (y >= 0xdc00 && y <= 0xdfff) y = b.codePointAt(i - 1) as number;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** ASCII-only lower-casing, as C `tolower` in the C locale. */
export function asciiLower(s: string): string {
  let simple = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 65 && c <= 90) {
      simple = false;
      break;
    }
  }
  if (simple) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
  }
  return out;
}

export function strcasecmp(a: string, b: string): number {
  return strcmp(asciiLower(a), asciiLower(b));
}

function doComparison(op: OpKind, a: EvalValue, b: EvalValue, io?: OperandsOut): OpResult {
  const S = SIG_CHLD1 | SIG_CHLD2;
  let ct: VT;
  let t1: VT, t2: VT;
  if (op === OpKind.MetaEqual || op === OpKind.MetaNotEqual) {
    t1 = typeOf(a);
    t2 = typeOf(b);
    ct = t1;
    if (t1 !== t2) return { v: op === OpKind.MetaNotEqual, sig: S };
    if (t1 === VT.Undefined || t1 === VT.Error) return { v: op === OpKind.MetaEqual, sig: S };
  } else {
    [ct, a, b] = coerceToNumber(a, b);
    if (io) {
      io.v1 = a;
      io.v2 = b;
    }
    t1 = typeOf(a);
    t2 = typeOf(b);
  }
  switch (ct) {
    case VT.String: {
      if (t1 !== VT.String || t2 !== VT.String) return { v: ERR, sig: S };
      const meta = op === OpKind.MetaEqual || op === OpKind.MetaNotEqual;
      const c = meta ? strcmp(a as string, b as string) : strcasecmp(a as string, b as string);
      return { v: cmpResult(op, c), sig: S };
    }
    case VT.Integer: {
      const x = a as bigint,
        y = b as bigint;
      return { v: cmpResult(op, x < y ? -1 : x > y ? 1 : 0), sig: S };
    }
    case VT.Real: {
      const x = a as number,
        y = b as number;
      let r: boolean;
      switch (op) {
        case OpKind.LessThan:
          r = x < y;
          break;
        case OpKind.LessOrEqual:
          r = x <= y;
          break;
        case OpKind.Equal:
        case OpKind.MetaEqual:
          r = x === y;
          break;
        case OpKind.NotEqual:
        case OpKind.MetaNotEqual:
          r = x !== y;
          break;
        case OpKind.GreaterThan:
          r = x > y;
          break;
        default:
          r = x >= y;
      }
      return { v: r, sig: S };
    }
    case VT.Boolean: {
      if (t1 !== VT.Boolean || t2 !== VT.Boolean) return { v: ERR, sig: S };
      const x = a ? 1 : 0,
        y = b ? 1 : 0;
      return { v: cmpResult(op, x - y), sig: S };
    }
    case VT.AbsTime: {
      if (!(a instanceof AbsTime) || !(b instanceof AbsTime)) return { v: ERR, sig: S };
      if (op === OpKind.MetaEqual) return { v: a.secs === b.secs && a.offset === b.offset, sig: S };
      if (op === OpKind.MetaNotEqual) return { v: a.secs !== b.secs || a.offset !== b.offset, sig: S };
      return { v: cmpResult(op, a.secs < b.secs ? -1 : a.secs > b.secs ? 1 : 0), sig: S };
    }
    case VT.RelTime: {
      if (!(a instanceof RelTime) || !(b instanceof RelTime)) return { v: ERR, sig: S };
      const x = a.secs,
        y = b.secs;
      let r: boolean;
      switch (op) {
        case OpKind.LessThan:
          r = x < y;
          break;
        case OpKind.LessOrEqual:
          r = x <= y;
          break;
        case OpKind.Equal:
        case OpKind.MetaEqual:
          r = x === y;
          break;
        case OpKind.NotEqual:
        case OpKind.MetaNotEqual:
          r = x !== y;
          break;
        case OpKind.GreaterThan:
          r = x > y;
          break;
        default:
          r = x >= y;
      }
      return { v: r, sig: S };
    }
    default:
      // lists and ads are not comparable
      return { v: ERR, sig: S };
  }
}

function isArith(v: EvalValue): boolean {
  const t = typeof v;
  return t === 'bigint' || t === 'number' || t === 'boolean' || v instanceof AbsTime || v instanceof RelTime;
}

/** `(int) r` as x86-64 cvttsd2si into 32 bits: out of range gives INT32_MIN. */
function realToInt32(r: number): number {
  if (Number.isNaN(r) || r >= 2147483648 || r <= -2147483649) return -2147483648;
  return Math.trunc(r);
}

function doArithmetic(op: OpKind, a: EvalValue, b: EvalValue, io?: OperandsOut): OpResult {
  const S = SIG_CHLD1 | SIG_CHLD2;
  if (!isArith(a) || (op !== OpKind.UnaryMinus && !isArith(b))) return { v: ERR, sig: S };
  if (op === OpKind.UnaryMinus) {
    if (typeof a === 'bigint') return { v: wrap64(-a), sig: SIG_CHLD1 };
    if (typeof a === 'number') return { v: -a, sig: SIG_CHLD1 };
    if (a instanceof RelTime) return { v: new RelTime(-a.secs), sig: SIG_CHLD1 };
    // booleans and absolute times fall through to error, as in C++
    return { v: ERR, sig: SIG_CHLD1 };
  }
  const [ct, x, y] = coerceToNumber(a, b);
  if (io) {
    io.v1 = x;
    io.v2 = y;
  }
  if (ct === VT.Integer) {
    const i1 = x as bigint,
      i2 = y as bigint;
    switch (op) {
      case OpKind.Addition:
        return { v: wrap64(i1 + i2), sig: S };
      case OpKind.Subtraction:
        return { v: wrap64(i1 - i2), sig: S };
      case OpKind.Multiplication:
        return { v: wrap64(i1 * i2), sig: S };
      case OpKind.Division:
        if (i1 === INT64_MIN && i2 === -1n) return { v: INT64_MAX, sig: S };
        if (i2 === 0n) return { v: ERR, sig: S };
        return { v: i1 / i2, sig: S };
      default:
        if (i1 === INT64_MIN && i2 === -1n) return { v: 0n, sig: S };
        if (i2 === 0n) return { v: ERR, sig: S };
        return { v: i1 % i2, sig: S };
    }
  }
  if (ct === VT.Real) {
    const r1 = x as number,
      r2 = y as number;
    let c: number;
    switch (op) {
      case OpKind.Addition:
        c = r1 + r2;
        break;
      case OpKind.Subtraction:
        c = r1 - r2;
        break;
      case OpKind.Multiplication:
        c = r1 * r2;
        break;
      case OpKind.Division:
        c = r1 / r2;
        break;
      default:
        return { v: ERR, sig: S };
    }
    // C++ treats +HUGE_VAL (positive overflow or x/0) as an error, but not -inf or NaN
    if (c === Infinity) return { v: ERR, sig: S };
    return { v: c, sig: S };
  }
  // time arithmetic (C++ doTimeArithmetic)
  if (op === OpKind.Addition) {
    if (x instanceof AbsTime && y instanceof RelTime) return { v: new AbsTime(x.secs + realToInt32(y.secs), x.offset), sig: S };
    if (x instanceof RelTime && y instanceof AbsTime) return { v: new AbsTime(y.secs + realToInt32(x.secs), y.offset), sig: S };
    if (x instanceof RelTime && y instanceof RelTime) return { v: new RelTime(x.secs + y.secs), sig: S };
  }
  if (op === OpKind.Subtraction) {
    if (x instanceof AbsTime && y instanceof AbsTime) return { v: new RelTime(x.secs - y.secs), sig: S };
    if (x instanceof AbsTime && y instanceof RelTime) return { v: new AbsTime(x.secs - realToInt32(y.secs), x.offset), sig: S };
    if (x instanceof RelTime && y instanceof RelTime) return { v: new RelTime(x.secs - y.secs), sig: S };
  }
  if (op === OpKind.Multiplication || op === OpKind.Division) {
    if (x instanceof RelTime && typeof y === 'bigint') {
      const n = Number(y);
      return { v: new RelTime(op === OpKind.Multiplication ? x.secs * n : x.secs / n), sig: S };
    }
    if (x instanceof RelTime && typeof y === 'number') {
      return { v: new RelTime(op === OpKind.Multiplication ? x.secs * y : x.secs / y), sig: S };
    }
    if (typeof x === 'bigint' && y instanceof RelTime && op === OpKind.Multiplication) return { v: new RelTime(Number(x) * y.secs), sig: S };
    if (typeof x === 'number' && y instanceof RelTime && op === OpKind.Multiplication) {
      // C++ reads the operands crosswise through the Value union, which still gives real * seconds
      return { v: new RelTime(x * y.secs), sig: S };
    }
  }
  return { v: ERR, sig: S };
}

function doLogical(op: OpKind, a: EvalValue, b: EvalValue, io?: OperandsOut): OpResult {
  // C++ converts boolean-equivalent operands to booleans in place
  const ba = boolEquiv(a);
  if (ba !== undefined) a = ba;
  const bb = boolEquiv(b);
  if (bb !== undefined) b = bb;
  if (io) {
    io.v1 = a;
    io.v2 = b;
  }
  const t1 = typeOf(a),
    t2 = typeOf(b);
  if (t1 !== VT.Undefined && t1 !== VT.Error && t1 !== VT.Boolean) return { v: ERR, sig: SIG_CHLD1 };
  if (t2 !== VT.Undefined && t2 !== VT.Error && t2 !== VT.Boolean) return { v: ERR, sig: SIG_CHLD2 };
  if (op === OpKind.LogicalNot) {
    if (t1 === VT.Boolean) return { v: !a, sig: SIG_CHLD1 };
    return { v: a, sig: SIG_CHLD1 };
  }
  const S = SIG_CHLD1 | SIG_CHLD2;
  if (op === OpKind.LogicalOr) {
    if (a === true) return { v: true, sig: SIG_CHLD1 };
    if (t1 === VT.Error) return { v: ERR, sig: SIG_CHLD1 };
    if (a === false) return { v: b, sig: S };
    if (t2 !== VT.Boolean) return { v: b, sig: S };
    if (b) return { v: true, sig: S };
    return { v: UNDEF, sig: S };
  }
  if (a === false) return { v: false, sig: SIG_CHLD1 };
  if (t1 === VT.Error) return { v: ERR, sig: SIG_CHLD1 };
  if (a === true) return { v: b, sig: S };
  if (t2 !== VT.Boolean) return { v: b, sig: S };
  if (!b) return { v: false, sig: S };
  return { v: UNDEF, sig: S };
}

function doBitwise(op: OpKind, a: EvalValue, b: EvalValue): OpResult {
  if (op === OpKind.BitwiseNot) {
    if (typeof a !== 'bigint') return { v: ERR, sig: SIG_CHLD1 };
    return { v: ~a, sig: SIG_CHLD1 };
  }
  const S = SIG_CHLD1 | SIG_CHLD2;
  if (typeof a !== 'bigint' || typeof b !== 'bigint') return { v: ERR, sig: S };
  const i1 = a,
    i2 = b;
  // shift counts are masked to 6 bits, as the x86-64 shift instructions do
  const count = BigInt(Number(i2 & 63n));
  switch (op) {
    case OpKind.BitwiseOr:
      return { v: i1 | i2, sig: S };
    case OpKind.BitwiseAnd:
      return { v: i1 & i2, sig: S };
    case OpKind.BitwiseXor:
      return { v: i1 ^ i2, sig: S };
    case OpKind.LeftShift:
      return { v: wrap64(i1 << count), sig: S };
    case OpKind.URightShift: {
      if (i1 >= 0n) return { v: i1 >> count, sig: S };
      const logical1 = BigInt.asUintN(64, i1) >> 1n; // sign bit cleared
      const c2 = BigInt(Number((i2 - 1n) & 63n));
      return { v: logical1 >> c2, sig: S };
    }
    default: {
      if (i1 >= 0n) return { v: i1 >> count, sig: S };
      // C++ loops min(64, i2) times shifting in sign bits
      const n = i2 < 64n ? i2 : 64n;
      return { v: n <= 0n ? i1 : i1 >> n, sig: S };
    }
  }
}
