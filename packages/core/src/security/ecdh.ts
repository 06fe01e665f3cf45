// The ephemeral key agreement of a new session (SecMan::GenerateKeyExchange / FinishKeyExchange, 23.x):
// ECDH on P-256, public keys as the uncompressed point 04||X||Y in base64 (the ECDHPublicKey attribute), the shared
// X coordinate run through HKDF-SHA256(salt "htcondor", info "keygen") to give the 32-byte AES-256-GCM session key.
import { HTCondorAuthenticationError } from '../errors.js';
import { encodeUtf8, fromBase64, toBase64, wipe } from './bytes.js';
import { hkdfSha256, webCrypto } from './crypto.js';

/** SEC_SESSION_KEY_LENGTH_V9: AES-256. */
export const SESSION_KEY_LENGTH = 32;

const ALG = { name: 'ECDH', namedCurve: 'P-256' } as const;

/** Derives the session key from the raw ECDH secret, exactly as Condor_Crypt_Base::hkdf does. */
export function deriveSessionKey(sharedSecret: Uint8Array): Promise<Uint8Array> {
  return hkdfSha256(sharedSecret, encodeUtf8('htcondor'), encodeUtf8('keygen'), SESSION_KEY_LENGTH);
}

/** One side of one key exchange: our public key to send, and finish() once the peer's arrives. */
export class KeyExchange {
  readonly publicKeyBase64: string;
  readonly #privateKey: CryptoKey;

  private constructor(publicKeyBase64: string, privateKey: CryptoKey) {
    this.publicKeyBase64 = publicKeyBase64;
    this.#privateKey = privateKey;
  }

  static async generate(): Promise<KeyExchange> {
    const subtle = webCrypto().subtle;
    const pair = (await subtle.generateKey(ALG, false, ['deriveBits'])) as CryptoKeyPair;
    const raw = new Uint8Array(await subtle.exportKey('raw', pair.publicKey));
    return new KeyExchange(toBase64(raw), pair.privateKey);
  }

  /** The raw ECDH secret with the peer's base64 public key (exposed for tests against other implementations). */
  async sharedSecret(peerPublicKeyBase64: string): Promise<Uint8Array> {
    const subtle = webCrypto().subtle;
    let peer: CryptoKey;
    try {
      const raw = fromBase64(peerPublicKeyBase64);
      if (raw.length !== 65 || raw[0] !== 4) throw new RangeError(`expected a 65-byte uncompressed P-256 point, got ${raw.length} bytes`);
      peer = await subtle.importKey('raw', new Uint8Array(raw), ALG, false, []);
    } catch (e) {
      throw new HTCondorAuthenticationError(`the server's ECDH public key is invalid: ${(e as Error).message}`, { cause: e });
    }
    return new Uint8Array(await subtle.deriveBits({ name: 'ECDH', public: peer }, this.#privateKey, 256));
  }

  /** The session key agreed with the peer. */
  async finish(peerPublicKeyBase64: string): Promise<Uint8Array> {
    const secret = await this.sharedSecret(peerPublicKeyBase64);
    try {
      return await deriveSessionKey(secret);
    } finally {
      wipe(secret);
    }
  }
}
