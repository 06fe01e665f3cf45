// UTF-8 helpers on Uint8Array only (no Buffer), shared by the codec.
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** Decodes bytes[start, end) as UTF-8; pure-ASCII runs take a cheaper path than TextDecoder. */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  const len = end - start;
  // Short ASCII strings (attribute names, most values) are the bulk of the wire: fromCharCode beats TextDecoder there.
  if (len <= 64) {
    let ascii = true;
    for (let i = start; i < end; i++) {
      if (bytes[i]! >= 0x80) { ascii = false; break; }
    }
    if (ascii) return String.fromCharCode.apply(null, bytes.subarray(start, end) as unknown as number[]);
  }
  return decoder.decode(bytes.subarray(start, end));
}

export function encodeUtf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** Writes s into dest at offset; returns the number of bytes written (dest must have room for 3*s.length). */
export function encodeUtf8Into(s: string, dest: Uint8Array, offset: number): number {
  return encoder.encodeInto(s, dest.subarray(offset)).written;
}

export function concatBytes(parts: readonly Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) { out.set(p, o); o += p.length; }
  return out;
}

export function toHex(bytes: Uint8Array): string {
  let s = '';
  for (const b of bytes) s += b.toString(16).padStart(2, '0');
  return s;
}

export function fromHex(hex: string): Uint8Array {
  const clean = hex.replace(/\s+/g, '');
  if (clean.length % 2 !== 0 || /[^0-9a-fA-F]/.test(clean)) throw new RangeError('invalid hex string');
  const out = new Uint8Array(clean.length / 2);
  for (let i = 0; i < out.length; i++) out[i] = parseInt(clean.substr(i * 2, 2), 16);
  return out;
}
