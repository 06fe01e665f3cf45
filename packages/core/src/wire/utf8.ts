// UTF-8 helpers on Uint8Array only (no Buffer), shared by the codec.
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** A faster decoder a runtime may offer (Node's Buffer utf8Slice); installed by the runtime's transport, never sniffed. */
type Utf8Decoder = (bytes: Uint8Array, start: number, end: number) => string;
let fastDecode: Utf8Decoder | undefined;

export function setUtf8Decoder(fn: Utf8Decoder | undefined): void {
  fastDecode = fn;
}

/** Decodes bytes[start, end) as UTF-8 (invalid sequences become U+FFFD, as TextDecoder does). */
export function decodeUtf8(bytes: Uint8Array, start: number, end: number): string {
  if (fastDecode) return fastDecode(bytes, start, end);
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
