/**
 * Value conversions used by the builtins: C++ `convertValueToStringValue`, `convertValueToRealValue`,
 * `convertValueToIntegerValue` (value.cpp), and UTF-8 byte helpers (C++ strings are byte strings).
 */
import { AbsTime, RelTime, Value } from '../values.js';
import { ClassAd } from '../classad.js';
import { unparse, unparseLiteralValue } from '../unparse.js';
import { absTimeToString, relTimeToString } from '../time-format.js';
import { ExprList } from '../ast.js';
import { EvalValue, ListValue, UNDEF, ERR, realToInt } from './value.js';

const enc = new TextEncoder();
const dec = new TextDecoder();

/** UTF-8 bytes of a string. */
export function utf8(s: string): Uint8Array {
  return enc.encode(s);
}
/** A string from UTF-8 bytes (invalid sequences become U+FFFD). */
export function fromUtf8(b: Uint8Array): string {
  return dec.decode(b);
}
/** Whether a string is pure ASCII (byte and char indices agree). */
export function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}
/** Byte length, as C++ `std::string::size()`. */
export function byteLength(s: string): number {
  return isAscii(s) ? s.length : utf8(s).length;
}

/** C++ `convertValueToStringValue`; returns UNDEF/ERR when it cannot convert. */
export function toStringValue(v: EvalValue): string | typeof Value.Undefined | typeof Value.Error {
  if (typeof v === 'string') return v;
  if (v === Value.Undefined) return Value.Undefined;
  if (v === Value.Error) return Value.Error;
  if (v instanceof AbsTime) return absTimeToString(v);
  if (v instanceof RelTime) return relTimeToString(Math.trunc(v.secs)); // C++ passes a time_t here
  if (v instanceof ClassAd) return unparse(v);
  if (v instanceof ListValue) return unparse(new ExprList(v.exprs));
  return unparseLiteralValue(v);
}

/** C `strtod` on a whole string: the longest valid prefix (after leading white space); null when none. */
export function strtod(s: string): { value: number; consumed: boolean } {
  const m = /^[ \t\n\v\f\r]*([-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|inf(?:inity)?|nan(?:\([0-9A-Za-z_]*\))?|0[xX](?:[0-9a-fA-F]+\.?[0-9a-fA-F]*|\.[0-9a-fA-F]+)(?:[pP][-+]?\d+)?))/i.exec(s);
  if (!m) return { value: 0, consumed: false };
  let t = m[1] as string;
  const lower = t.toLowerCase();
  let sign = 1;
  if (lower.startsWith('-')) sign = -1;
  const body = lower.replace(/^[-+]/, '');
  if (body.startsWith('inf')) return { value: sign * Infinity, consumed: true };
  if (body.startsWith('nan')) return { value: NaN, consumed: true };
  if (body.startsWith('0x')) {
    const hm = /^0x([0-9a-f]*)\.?([0-9a-f]*)(?:p([-+]?\d+))?$/.exec(body);
    if (!hm) return { value: 0, consumed: true };
    const ip = hm[1] || '0';
    const fp = hm[2] || '';
    let v = parseInt(ip, 16);
    for (let i = 0; i < fp.length; i++) v += parseInt(fp[i] as string, 16) / 16 ** (i + 1);
    return { value: sign * v * 2 ** Number(hm[3] ?? 0), consumed: true };
  }
  t = t.replace(/^\+/, '');
  return { value: Number(t), consumed: true };
}

/** C++ `convertValueToRealValue`. */
export function toRealValue(v: EvalValue): EvalValue {
  switch (typeof v) {
    case 'number':
      return v;
    case 'bigint':
      return Number(v);
    case 'boolean':
      return v ? 1 : 0;
    case 'string': {
      const r = strtod(v);
      if (!r.consumed && r.value === 0) return ERR;
      return r.value;
    }
    case 'symbol':
      return v === Value.Undefined ? UNDEF : ERR;
    default:
      if (v instanceof AbsTime) return v.secs;
      if (v instanceof RelTime) return Math.trunc(v.secs);
      return ERR;
  }
}

/** C++ `convertValueToIntegerValue`. */
export function toIntegerValue(v: EvalValue): EvalValue {
  switch (typeof v) {
    case 'bigint':
      return v;
    case 'number':
      return realToInt(v);
    case 'boolean':
      return v ? 1n : 0n;
    case 'string': {
      const r = strtod(v);
      if (!r.consumed) return ERR;
      return realToInt(r.value);
    }
    case 'symbol':
      return v === Value.Undefined ? UNDEF : ERR;
    default:
      if (v instanceof AbsTime) return BigInt(v.secs);
      if (v instanceof RelTime) return BigInt(Math.trunc(v.secs));
      return ERR;
  }
}
