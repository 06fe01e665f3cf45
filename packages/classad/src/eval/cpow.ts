/**
 * `pow()` as glibc computes it: C99 special cases and a correctly rounded result. JS `Math.pow` is not
 * correctly rounded (about 4% of random real inputs print differently in 16 digits), so the general case
 * is computed in 160-bit fixed point with BigInt (ln via atanh series, exp via Taylor series) and rounded
 * once; integral exponents up to 64 are computed exactly.
 */

const P = 160n; // fraction bits of the fixed-point numbers
const ONE = 1n << P;

/** 2*atanh(u) for a fixed-point u (|u| small): the series sum u^(2k+1)/(2k+1). */
function atanh2(u: bigint): bigint {
  const u2 = (u * u) >> P;
  let term = u;
  let sum = 0n;
  // BigInt division truncates toward zero, so a negative term also reaches 0 (>> would stop at -1)
  for (let k = 1n; term !== 0n; k += 2n) {
    sum += term / k;
    term = (term * u2) / ONE;
  }
  return 2n * sum;
}

let LN2: bigint | null = null;
function ln2(): bigint {
  // ln 2 = 2 atanh(1/3)
  LN2 ??= atanh2(ONE / 3n);
  return LN2;
}

const SQRT2_M = 6369051672525773n; // floor(sqrt(2) * 2^52)

/** x = M * 2^(E - 52) with M in [2^52, 2^53) (x positive, normal or subnormal). */
function decompose(x: number): { M: bigint; E: number } {
  const dv = new DataView(new ArrayBuffer(8));
  dv.setFloat64(0, x);
  const hi = dv.getUint32(0),
    lo = dv.getUint32(4);
  const be = (hi >>> 20) & 0x7ff;
  let M = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let E: number;
  if (be === 0) {
    // subnormal: normalize
    E = -1022;
    while (M < 1n << 52n) {
      M <<= 1n;
      E--;
    }
  } else {
    M |= 1n << 52n;
    E = be - 1023;
  }
  return { M, E };
}

/** ln(x) in fixed point. */
function lnFixed(x: number): bigint {
  let { M, E } = decompose(x);
  let base = 1n << 52n;
  // bring the mantissa into [sqrt(2)/2, sqrt(2)) so the series converges fast
  if (M > SQRT2_M) {
    base <<= 1n;
    E += 1;
  }
  const u = ((M - base) << P) / (M + base);
  return atanh2(u) + BigInt(E) * ln2();
}

/** exp(t) for fixed-point t, as [mantissa (fixed point), power of two]. */
function expFixed(t: bigint): [bigint, bigint] {
  const l2 = ln2();
  // k = round(t / ln2)
  let k = t / l2;
  let r = t - k * l2;
  if (r > l2 / 2n) {
    k += 1n;
    r -= l2;
  } else if (r < -l2 / 2n) {
    k -= 1n;
    r += l2;
  }
  let term = ONE;
  let sum = ONE;
  for (let n = 1n; term !== 0n; n++) {
    term = (term * r) / (n << P);
    sum += term;
  }
  return [sum, k];
}

/** Round m * 2^e (m > 0, BigInt) to the nearest double, ties to even. */
function toDouble(m: bigint, e: bigint): number {
  const bl = BigInt(m.toString(2).length);
  let shift = bl - 53n;
  let mant: bigint;
  if (shift > 0n) {
    mant = m >> shift;
    const rem = m & ((1n << shift) - 1n);
    const half = 1n << (shift - 1n);
    if (rem > half || (rem === half && (mant & 1n) === 1n)) mant += 1n;
    if (mant === 1n << 53n) {
      mant >>= 1n;
      shift += 1n;
    }
  } else {
    mant = m << -shift;
  }
  let exp = Number(shift + e);
  let v = Number(mant);
  // scale in steps so intermediate powers of two stay finite
  while (exp > 1000) {
    v *= 2 ** 1000;
    exp -= 1000;
  }
  while (exp < -1000) {
    v *= 2 ** -1000;
    exp += 1000;
  }
  return v * 2 ** exp;
}

function isOddInteger(y: number): boolean {
  return Number.isInteger(y) && Math.abs(y) < 2 ** 53 && Math.abs(y % 2) === 1;
}

/** C `pow(x, y)` (glibc, round to nearest). */
export function cpow(x: number, y: number): number {
  if (y === 0) return 1;
  if (x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return NaN;
  if (x === -1 && !Number.isFinite(y)) return 1;
  if (!Number.isFinite(x) || !Number.isFinite(y) || x === 0) return Math.pow(x, y);
  let neg = false;
  if (x < 0) {
    if (!Number.isInteger(y)) return NaN;
    neg = isOddInteger(y);
    x = -x;
  }
  let r: number;
  if (y === 1) r = x;
  else if (y === 0.5) r = Math.sqrt(x);
  else {
    const approx = Math.pow(x, y);
    if (approx === 0 || approx === Infinity || approx < 2.2250738585072014e-308) {
      // over/underflow and subnormal results: keep the platform's answer
      r = approx;
    } else if (Number.isInteger(y) && y > 1 && y <= 64) {
      // exact: M^y * 2^((E-52) y)
      const { M, E } = decompose(x);
      r = toDouble(M ** BigInt(y), BigInt(E - 52) * BigInt(y));
    } else {
      // y = Y * 2^ey exactly
      const { M: YM, E: YE } = decompose(Math.abs(y));
      let t = lnFixed(x) * YM;
      const sh = BigInt(YE - 52);
      t = sh >= 0n ? t << sh : t >> -sh;
      if (y < 0) t = -t;
      const [m, k] = expFixed(t);
      r = toDouble(m, k - P);
    }
  }
  return neg ? -r : r;
}
