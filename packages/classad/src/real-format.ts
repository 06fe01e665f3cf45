/**
 * printf-compatible formatting of doubles, as glibc does it, for the formats the C++ unparsers use:
 * `%.16G` (old syntax and JSON), `%1.15E` (new syntax) and `%.1f` (zero).
 *
 * JS `toExponential`/`toFixed` round exact decimal ties away from zero while glibc rounds them to even;
 * `roundsToEvenTie` detects the (rare) exact ties and corrects the digit.
 */

/** C `%.<p>E` style digits: [mantissa digits without point, exponent] rounded to `p+1` significant digits, glibc rounding. */
function sigDigits(v: number, p: number): [string, number] {
  const a = Math.abs(v);
  const s = a.toExponential(p);
  const ei = s.indexOf('e');
  const exp = Number(s.slice(ei + 1));
  const digits = s.slice(0, ei).replace('.', '');
  // cheap filter: an exact tie shows a final 5 with one more digit (toExponential is exact there)
  const more = a.toExponential(p + 1);
  if (more.charCodeAt(more.indexOf('e') - 1) === 53 /* 5 */ && isExactTie(a, p)) {
    // JS rounded the tie up; glibc rounds half to even: keep the truncation when its last digit is even
    const down = truncateDigits(a, p);
    if ((Number(down.digits[down.digits.length - 1]) & 1) === 0) return [down.digits, down.exp];
  }
  return [digits, exp];
}

/** The exact decimal expansion of a positive finite double, as [digit string, exponent of first digit]. */
function exactDecimal(v: number): { digits: string; exp: number } {
  // v = mant * 2^e2 with integer mant
  const buf = new DataView(new ArrayBuffer(8));
  buf.setFloat64(0, v);
  const hi = buf.getUint32(0);
  const lo = buf.getUint32(4);
  const bexp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let e2: number;
  if (bexp === 0) e2 = -1074;
  else {
    mant |= 1n << 52n;
    e2 = bexp - 1075;
  }
  let num: bigint;
  let scale = 0; // value = num * 10^-scale
  if (e2 >= 0) num = mant << BigInt(e2);
  else {
    // mant / 2^-e2 = mant * 5^-e2 / 10^-e2
    num = mant * 5n ** BigInt(-e2);
    scale = -e2;
  }
  const s = num.toString();
  return { digits: s, exp: s.length - 1 - scale };
}

/** Whether rounding v to p+1 significant digits is an exact tie (the dropped part is exactly one half). */
function isExactTie(v: number, p: number): boolean {
  if (v === 0) return false;
  const { digits } = exactDecimal(v);
  const keep = p + 1;
  if (digits.length <= keep) return false;
  if (digits[keep] !== '5') return false;
  for (let i = keep + 1; i < digits.length; i++) if (digits[i] !== '0') return false;
  return true;
}

/** v truncated (not rounded) to p+1 significant digits. */
function truncateDigits(v: number, p: number): { digits: string; exp: number } {
  const { digits, exp } = exactDecimal(v);
  return { digits: digits.slice(0, p + 1).padEnd(p + 1, '0'), exp };
}

function expPart(exp: number): string {
  const a = Math.abs(exp);
  return (exp < 0 ? 'E-' : 'E+') + (a < 10 ? '0' : '') + a;
}

/** C `%1.15E`. */
export function formatE15(v: number): string {
  const [d, exp] = sigDigits(v, 15);
  return (v < 0 ? '-' : '') + d[0] + '.' + d.slice(1) + expPart(exp);
}

/** C `%.16G` (no `#` flag: trailing zeros and a trailing point are removed). */
export function formatG16(v: number): string {
  const [d, exp] = sigDigits(v, 15);
  const sign = v < 0 ? '-' : '';
  const trimmed = d.replace(/0+$/, '');
  if (exp < -4 || exp >= 16) {
    const m = trimmed.length > 1 ? trimmed[0] + '.' + trimmed.slice(1) : trimmed;
    return sign + m + expPart(exp);
  }
  if (exp < 0) return sign + '0.' + '0'.repeat(-exp - 1) + trimmed;
  const intLen = exp + 1;
  if (trimmed.length <= intLen) return sign + trimmed.padEnd(intLen, '0');
  return sign + trimmed.slice(0, intLen) + '.' + trimmed.slice(intLen);
}

/**
 * C++ `ClassAdUnParser::UnparseReal`: zero as `%.1f` (keeps the sign of -0.0), NaN/Inf as `real("NaN")`,
 * `real("INF")`, `real("-INF")`; old syntax `%.16G` plus `.0` if that looks integral; new syntax `%1.15E`.
 */
export function unparseReal(v: number, old: boolean): string {
  if (v === 0) return Object.is(v, -0) ? '-0.0' : '0.0';
  if (Number.isNaN(v)) return 'real("NaN")';
  if (v === Infinity) return 'real("INF")';
  if (v === -Infinity) return 'real("-INF")';
  if (old) return g16WithPoint(v);
  return formatE15(v);
}

/** `%.16G`, then `.0` appended when the result has no '.', 'E' or 'e' (used by old syntax and JSON). */
export function g16WithPoint(v: number): string {
  const s = formatG16(v);
  return s.indexOf('.') < 0 && s.indexOf('E') < 0 ? s + '.0' : s;
}
