// AES-256-GCM per CEDAR packet, as 23.9.6 does it (Condor_Crypt_AESGCM::encrypt/decrypt and the AAD logic of
// ReliSock::SndMsg::snd_packet / RcvMsg::rcv_packet):
// - a random 16-byte base IV per direction; packet n uses the base IV with its first 4 bytes replaced by
//   BE32(BE32(base[0..3]) + n); the base IV travels in front of the ciphertext of packet 0 only;
// - the 16-byte tag follows the ciphertext; the header length counts IV + ciphertext + tag;
// - AAD is the 5-byte wire header, except for the first packet in each direction, whose AAD is
//   SHA256(sender's plaintext sent) || SHA256(sender's plaintext received) || header, 32 zero bytes standing for a
//   direction in which nothing was exchanged. The receiver uses the same two digests, seen from its side.
import { HTCondorProtocolError } from '../errors.js';
import type { PacketCipher, PlaintextTranscript } from '../wire/packet-cipher.js';
import { concatBytes } from './bytes.js';
import { randomBytes, sha256, webCrypto } from './crypto.js';

/**
 * A synchronous AES-256-GCM implementation a runtime may offer (Node's crypto module): the same bytes as WebCrypto,
 * without WebCrypto's per-call promise and copies, which dominate the cost of small CEDAR packets. Installed by the
 * runtime's transport (never sniffed); without one, WebCrypto is used.
 */
export interface AesGcmEngine {
  /** ciphertext || 16-byte tag */
  encrypt(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, plaintext: Uint8Array): Uint8Array;
  /** plaintext; throws if the tag does not authenticate */
  decrypt(key: Uint8Array, iv: Uint8Array, aad: Uint8Array, sealed: Uint8Array): Uint8Array;
}

let engine: AesGcmEngine | undefined;

export function setAesGcmEngine(e: AesGcmEngine | undefined): void {
  engine = e;
}

export const IV_SIZE = 16;
export const TAG_SIZE = 16;
const MAX_PACKETS = 0xffffffff;
const ZERO_DIGEST = new Uint8Array(32);

/** The IV of packet `counter` of a direction whose base IV is `base`. */
export function packetIv(base: Uint8Array, counter: number): Uint8Array {
  const iv = base.slice();
  const view = new DataView(iv.buffer, iv.byteOffset, 4);
  view.setUint32(0, (view.getUint32(0) + counter) >>> 0);
  return iv;
}

/** SHA-256 digests of the plaintext exchanged before crypto, from our side: what we sent, what we received. */
export interface HandshakeDigests {
  sent: Uint8Array;
  received: Uint8Array;
}

export async function digestTranscript(t: PlaintextTranscript): Promise<HandshakeDigests> {
  return {
    sent: t.sent && t.sent.length > 0 ? await sha256(t.sent) : ZERO_DIGEST,
    received: t.received && t.received.length > 0 ? await sha256(t.received) : ZERO_DIGEST,
  };
}

export interface AesGcmCipherOptions {
  /** The 32-byte session key. */
  key: Uint8Array;
  /** Digests of the plaintext exchanged on this connection before crypto (frozen when crypto starts). */
  digests: HandshakeDigests;
  /** Where the connection goes, for error messages. */
  peer?: string;
  /** Fixed base IV for the sending direction (tests only; production draws it at random). */
  sendBaseIv?: Uint8Array;
  /** The AES-GCM implementation: the installed engine by default; null forces WebCrypto (tests). */
  engine?: AesGcmEngine | null;
}

/** The per-connection AES-GCM state of one CEDAR stream (both directions). */
export class AesGcmPacketCipher implements PacketCipher {
  readonly #keyPromise: Promise<CryptoKey>;
  readonly #rawKey: Uint8Array;
  readonly #engine: AesGcmEngine | undefined;
  #key: CryptoKey | undefined;
  readonly #digests: HandshakeDigests;
  readonly #peer: string;
  readonly #sendBase: Uint8Array;
  #sendCounter = 0;
  #recvBase: Uint8Array | undefined;
  #recvCounter = 0;

  constructor(options: AesGcmCipherOptions) {
    if (options.key.length !== 32) throw new RangeError(`AES-256-GCM needs a 32-byte key, got ${options.key.length}`);
    this.#rawKey = options.key.slice();
    this.#engine = options.engine === undefined ? engine : options.engine ?? undefined;
    this.#keyPromise = webCrypto().subtle.importKey('raw', new Uint8Array(options.key), 'AES-GCM', false, ['encrypt', 'decrypt']);
    this.#keyPromise.catch(() => undefined);
    this.#digests = options.digests;
    this.#peer = options.peer ?? 'the peer';
    this.#sendBase = options.sendBaseIv ? options.sendBaseIv.slice() : randomBytes(IV_SIZE);
    if (this.#sendBase.length !== IV_SIZE) throw new RangeError('the base IV must be 16 bytes');
  }

  /** The imported key (awaited once; later packets skip the promise). */
  async #cryptoKey(): Promise<CryptoKey> {
    return (this.#key ??= await this.#keyPromise);
  }

  overhead(_plaintextLength: number): number {
    return TAG_SIZE + (this.#sendCounter === 0 ? IV_SIZE : 0);
  }

  async seal(header: Uint8Array, plaintext: Uint8Array): Promise<Uint8Array> {
    if (this.#sendCounter >= MAX_PACKETS) throw new HTCondorProtocolError(`too many packets on one connection to ${this.#peer}`);
    // The packet's number is taken before any await, so packets may be sealed (and opened) concurrently, in call order.
    const n = this.#sendCounter++;
    const first = n === 0;
    const iv = packetIv(this.#sendBase, n);
    const aad = first ? concatBytes([this.#digests.sent, this.#digests.received, header]) : header;
    let sealed: Uint8Array;
    if (this.#engine) {
      sealed = this.#engine.encrypt(this.#rawKey, iv, aad, plaintext);
    } else {
      const key = this.#key ?? (await this.#cryptoKey());
      // Views are passed as they are (WebCrypto copies its inputs): no extra copy per packet.
      sealed = new Uint8Array(
        await webCrypto().subtle.encrypt(
          { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: aad as Uint8Array<ArrayBuffer>, tagLength: 128 },
          key,
          plaintext as Uint8Array<ArrayBuffer>,
        ),
      );
    }
    if (!first) return sealed;
    const out = new Uint8Array(IV_SIZE + sealed.length);
    out.set(iv, 0);
    out.set(sealed, IV_SIZE);
    return out;
  }

  async open(header: Uint8Array, payload: Uint8Array): Promise<Uint8Array> {
    if (this.#recvCounter >= MAX_PACKETS) throw new HTCondorProtocolError(`too many packets on one connection from ${this.#peer}`);
    const n = this.#recvCounter;
    const first = n === 0;
    let body = payload;
    if (first) {
      if (payload.length < IV_SIZE + TAG_SIZE) throw this.#integrity(`a ${payload.length}-byte first packet is too short to hold the IV and tag`);
      this.#recvBase = payload.slice(0, IV_SIZE);
      body = payload.subarray(IV_SIZE);
    } else if (payload.length < TAG_SIZE) {
      throw this.#integrity(`a ${payload.length}-byte packet is too short to hold the tag`);
    }
    this.#recvCounter++;
    const iv = packetIv(this.#recvBase!, n);
    // From the receiver's side the sender's "sent" is our "received".
    const aad = first ? concatBytes([this.#digests.received, this.#digests.sent, header]) : header;
    if (this.#engine) {
      try {
        return this.#engine.decrypt(this.#rawKey, iv, aad, body);
      } catch (e) {
        throw this.#integrity(`packet ${n} failed AES-GCM authentication (tampered, or a different session key)`, e);
      }
    }
    let plain: ArrayBuffer;
    try {
      const key = this.#key ?? (await this.#cryptoKey());
      plain = await webCrypto().subtle.decrypt(
        { name: 'AES-GCM', iv: iv as Uint8Array<ArrayBuffer>, additionalData: aad as Uint8Array<ArrayBuffer>, tagLength: 128 },
        key,
        body as Uint8Array<ArrayBuffer>,
      );
    } catch (e) {
      throw this.#integrity(`packet ${n} failed AES-GCM authentication (tampered, or a different session key)`, e);
    }
    return new Uint8Array(plain);
  }

  #integrity(why: string, cause?: unknown): HTCondorProtocolError {
    return new HTCondorProtocolError(`integrity check of data from ${this.#peer} failed: ${why}; the connection was closed`, { cause, where: this.#peer });
  }
}
