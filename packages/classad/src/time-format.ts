/**
 * Text forms of absolute and relative times, as C++ `absTimeToString` / `relTimeToString` (util.cpp).
 */
import type { AbsTime } from './values.js';

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** C `%g` (precision 6): shortest of %e/%f style with trailing zeros removed. */
export function formatG6(v: number): string {
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  if (!Number.isFinite(v)) return Number.isNaN(v) ? 'nan' : v < 0 ? '-inf' : 'inf';
  const e = Math.abs(v).toExponential(5);
  const ei = e.indexOf('e');
  const exp = Number(e.slice(ei + 1));
  const sign = v < 0 ? '-' : '';
  let s: string;
  if (exp < -4 || exp >= 6) {
    let m = e.slice(0, ei);
    if (m.indexOf('.') >= 0) m = m.replace(/0+$/, '').replace(/\.$/, '');
    const a = Math.abs(exp);
    s = m + (exp < 0 ? 'e-' : 'e+') + (a < 10 ? '0' : '') + a;
  } else {
    s = Math.abs(v).toFixed(5 - exp);
    if (s.indexOf('.') >= 0) s = s.replace(/0+$/, '').replace(/\.$/, '');
  }
  return sign + s;
}

/** `%02g`: at least two characters, zero padded (C pads NaN and infinities with spaces). */
function g02(v: number, nanText: string): string {
  if (Number.isNaN(v)) return nanText;
  const s = formatG6(v);
  if (s.length >= 2) return s;
  return '0' + s;
}

/** `%02d`: zero padded to two characters after the sign, as printf does. */
function d02(n: number): string {
  if (n < 0) {
    const a = String(-n);
    return '-' + (a.length < 1 ? '0' + a : a);
  }
  return n < 10 ? '0' + n : String(n);
}

/** C `(int) x` on x86-64: truncation; NaN and out-of-range values give INT_MIN. */
function cInt(x: number): number {
  if (Number.isNaN(x) || x >= 2147483648 || x <= -2147483649) return -2147483648;
  return Math.trunc(x);
}

/** `YYYY-MM-DDTHH:MM:SS±hh:mm` in the time's own offset (an offset of 0 prints as `-00:00`, as C++ does). */
export function absTimeToString(t: AbsTime): string {
  const d = new Date((t.secs + t.offset) * 1000);
  const y = d.getUTCFullYear();
  let tz = t.offset;
  let sign = '+';
  if (!(tz > 0)) {
    sign = '-';
    tz = -tz;
  }
  return (
    `${y}-${pad2(d.getUTCMonth() + 1)}-${pad2(d.getUTCDate())}T${pad2(d.getUTCHours())}:${pad2(d.getUTCMinutes())}:${pad2(d.getUTCSeconds())}` +
    `${sign}${pad2(Math.trunc(tz / 3600))}:${pad2(Math.trunc(tz / 60) % 60)}`
  );
}

/** `[-][D+]HH:MM:SS`, dropping leading zero fields, as C++ `relTimeToString` (int arithmetic included). */
export function relTimeToString(secsIn: number): string {
  let rsecs = secsIn;
  let out = '';
  if (rsecs < 0) {
    out = '-';
    rsecs = -rsecs;
  }
  const frac = rsecs - Math.floor(rsecs);
  // x86 produces a negative default NaN for inf - inf; a NaN input keeps its (here: positive) sign
  const nanText = Number.isNaN(secsIn) ? 'nan' : '-nan';
  let days = cInt(rsecs);
  let hrs = days % 86400 | 0;
  let mins = hrs % 3600 | 0;
  const secs = (mins % 60) + frac;
  days = (days / 86400) | 0;
  hrs = (hrs / 3600) | 0;
  mins = (mins / 60) | 0;
  const sec = frac === 0 ? d02(cInt(secs)) : g02(secs, nanText);
  if (days) return `${out}${days}+${d02(hrs)}:${d02(mins)}:${sec}`;
  if (hrs) return `${out}${d02(hrs)}:${d02(mins)}:${sec}`;
  if (mins) return `${out}${d02(mins)}:${sec}`;
  return out + sec;
}
