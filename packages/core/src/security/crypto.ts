// The cryptographic primitives HTCondor 23.9.6's security layer uses, on WebCrypto only (globalThis.crypto.subtle):
// SHA-256 (AES-GCM first-packet AAD), HMAC-SHA1 (Condor_Auth_Passwd::hmac), HKDF-SHA256 (session keys, IDTOKENS
// ka/kb), randomness. Node >= 20, browsers and workers all provide it; nothing here imports node:crypto.
import { HTCondorNotSupportedError } from '../errors.js';

/** The WebCrypto object, or a clear error where the runtime lacks it (an insecure browser context, old Node). */
export function webCrypto(): Crypto {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (!c || !c.subtle) {
    throw new HTCondorNotSupportedError(
      'WebCrypto (globalThis.crypto.subtle) is not available in this runtime; HTCondor security needs it ' +
        '(Node >= 20, or a browser page served over https)',
    );
  }
  return c;
}

/** WebCrypto wants an ArrayBuffer-backed view; copying also detaches us from a caller who later wipes its array. */
function buf(b: Uint8Array): Uint8Array<ArrayBuffer> {
  return new Uint8Array(b) as Uint8Array<ArrayBuffer>;
}

export function randomBytes(n: number): Uint8Array {
  const out = new Uint8Array(n);
  // getRandomValues is limited to 65536 bytes per call.
  for (let off = 0; off < n; off += 65536) webCrypto().getRandomValues(out.subarray(off, Math.min(n, off + 65536)));
  return out;
}

export async function sha256(data: Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await webCrypto().subtle.digest('SHA-256', buf(data)));
}

/** HMAC-SHA1(key, data): the only MAC Condor_Auth_Passwd uses (note: its C++ helper takes the data first). */
export async function hmacSha1(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const subtle = webCrypto().subtle;
  const k = await subtle.importKey('raw', buf(key), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, buf(data)));
}

export async function hmacSha256(key: Uint8Array, data: Uint8Array): Promise<Uint8Array> {
  const subtle = webCrypto().subtle;
  const k = await subtle.importKey('raw', buf(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  return new Uint8Array(await subtle.sign('HMAC', k, buf(data)));
}

/** HKDF-SHA256 (RFC 5869) as Condor_Auth_Passwd::hkdf: IKM, salt, info, output length in bytes. */
export async function hkdfSha256(ikm: Uint8Array, salt: Uint8Array, info: Uint8Array, length: number): Promise<Uint8Array> {
  const subtle = webCrypto().subtle;
  const k = await subtle.importKey('raw', buf(ikm), 'HKDF', false, ['deriveBits']);
  const bits = await subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt: buf(salt), info: buf(info) }, k, length * 8);
  return new Uint8Array(bits);
}
