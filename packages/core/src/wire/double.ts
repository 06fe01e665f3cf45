// CEDAR sends a double as two 8-byte ints: frac = (int)(frexp(d).mantissa * 2147483647) and the frexp exponent
// (Stream::put(double) in src/condor_io/stream.cpp). It is lossy (about 31 bits of mantissa), like the C++.

const INT_MAX = 2147483647;

/** frexp: d = m * 2^e with 0.5 <= |m| < 1 (m = 0, e = 0 for zero; non-finite values pass through with e = 0). */
export function frexp(d: number): [number, number] {
  if (d === 0 || !Number.isFinite(d)) return [d, 0];
  const abs = Math.abs(d);
  // Subnormals: 2^-e would overflow to Infinity below; scale into the normal range first.
  if (abs < 2 ** -1000) {
    const [m, e] = frexp(d * 2 ** 600);
    return [m, e - 600];
  }
  let e = Math.max(-1073, Math.floor(Math.log2(abs)) + 1);
  let m = abs * Math.pow(2, -e);
  // log2 may be off by one near powers of two; fix up so that 0.5 <= m < 1.
  while (m < 0.5) { m *= 2; e -= 1; }
  while (m >= 1) { m /= 2; e += 1; }
  return [d < 0 ? -m : m, e];
}

export function encodeDouble(d: number): [number, number] {
  const [m, e] = frexp(d);
  // C++ casts with truncation toward zero.
  return [Math.trunc(m * INT_MAX), e];
}

export function decodeDouble(frac: number, exp: number): number {
  return (frac / INT_MAX) * Math.pow(2, exp);
}
