/**
 * HTCondor handles configuration as bytes (UTF-8 in practice): $SUBSTR counts bytes, isspace() sees bytes.
 * Internally we keep every configuration string as a "byte string" (one char per byte, 0-255) and convert at
 * the edges: text coming in is UTF-8 encoded, text going out is decoded (invalid sequences become U+FFFD,
 * as a UTF-8 terminal shows condor_config_val's output).
 */
const ASCII = /^[\x00-\x7f]*$/;
const encoder = new TextEncoder();
const decoder = new TextDecoder('utf-8');

/** JS text -> byte string. */
export function toBytes(s: string): string {
  if (ASCII.test(s)) return s;
  const b = encoder.encode(s);
  let out = '';
  for (let i = 0; i < b.length; i += 8192) out += String.fromCharCode(...b.subarray(i, i + 8192));
  return out;
}

/** Byte string -> JS text. */
export function fromBytes(s: string): string {
  if (ASCII.test(s)) return s;
  const b = new Uint8Array(s.length);
  for (let i = 0; i < s.length; i++) b[i] = s.charCodeAt(i) & 0xff;
  return decoder.decode(b);
}
