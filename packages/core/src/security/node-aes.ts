// AES-256-GCM through Node's crypto module, synchronously (see AesGcmEngine in aes-gcm-cipher.ts). Node-only.
import { createCipheriv, createDecipheriv } from 'node:crypto';
import type { AesGcmEngine } from './aes-gcm-cipher.js';

const TAG = 16;

export const nodeAesGcm: AesGcmEngine = {
  encrypt(key, iv, aad, plaintext) {
    const c = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG });
    c.setAAD(aad);
    const a = c.update(plaintext);
    const b = c.final();
    const tag = c.getAuthTag();
    const out = new Uint8Array(a.length + b.length + TAG);
    out.set(a, 0);
    out.set(b, a.length);
    out.set(tag, a.length + b.length);
    return out;
  },
  decrypt(key, iv, aad, sealed) {
    if (sealed.length < TAG) throw new Error('sealed data shorter than the tag');
    const d = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG });
    d.setAuthTag(sealed.subarray(sealed.length - TAG));
    d.setAAD(aad);
    const a = d.update(sealed.subarray(0, sealed.length - TAG));
    const b = d.final(); // throws when the tag does not authenticate
    if (b.length === 0) return new Uint8Array(a.buffer, a.byteOffset, a.length);
    const out = new Uint8Array(a.length + b.length);
    out.set(a, 0);
    out.set(b, a.length);
    return out;
  },
};
