// The decode side of one CEDAR message: packet payloads are appended as they arrive; values are read with
// synchronous try*() getters that return `undefined` when the bytes are not all here yet (the caller waits for
// the next packet and calls again: no value is half-consumed). Mirrors Stream::get/code in src/condor_io/stream.cpp.
import { HTCondorProtocolError } from '../errors.js';
import { decodeDouble } from './double.js';
import { decodeUtf8 } from './utf8.js';

const TWO32 = 4294967296;

export class MessageReader {
  #buf: Uint8Array = new Uint8Array(0);
  #view: DataView = new DataView(this.#buf.buffer);
  #pos = 0;
  #end = 0;
  /** Where the NUL scan of an incomplete plaintext string stopped, so a resumed scan is linear. */
  #scan = 0;
  #complete = false;
  /** True when the end=1 packet of the current message has been appended. */
  get complete(): boolean {
    return this.#complete;
  }
  /** Bytes received and not yet consumed in this message. */
  get remaining(): number {
    return this.#end - this.#pos;
  }

  /** Appends one packet's (decrypted) payload. */
  append(payload: Uint8Array, end: boolean): void {
    if (this.#complete) throw new HTCondorProtocolError('internal: packet appended after the end of a message');
    if (this.#buf.length - this.#end < payload.length) {
      const unread = this.#end - this.#pos;
      const need = unread + payload.length;
      if (this.#buf.length >= need && this.#pos >= unread) {
        // Enough room once the consumed prefix is dropped: compact in place.
        this.#buf.copyWithin(0, this.#pos, this.#end);
      } else {
        const nb = new Uint8Array(Math.max(need * 2, 4096));
        nb.set(this.#buf.subarray(this.#pos, this.#end), 0);
        this.#setBuf(nb);
      }
      this.#scan -= this.#pos;
      this.#end = unread;
      this.#pos = 0;
    }
    this.#buf.set(payload, this.#end);
    this.#end += payload.length;
    this.#complete = end;
  }

  #setBuf(b: Uint8Array): void {
    this.#buf = b;
    this.#view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }

  /** Starts the next message: the current one must have been consumed entirely. */
  reset(): void {
    this.#pos = 0;
    this.#end = 0;
    this.#scan = 0;
    this.#complete = false;
  }

  #short(what: string): never {
    throw new HTCondorProtocolError(`message ended while reading ${what}: the peer sent less than the protocol requires`);
  }

  #has(n: number, what: string): boolean {
    if (this.#end - this.#pos >= n) return true;
    if (this.#complete) this.#short(what);
    return false;
  }

  /** An 8-byte CEDAR integer as a JS number; fails if it is not exactly representable. */
  tryInt(): number | undefined {
    if (!this.#has(8, 'an integer')) return undefined;
    const hi = this.#view.getInt32(this.#pos, false);
    const lo = this.#view.getUint32(this.#pos + 4, false);
    if (hi > 0x1fffff || hi < -0x200000) {
      throw new HTCondorProtocolError(`integer out of the exactly representable range (high word ${hi}); use the 64-bit getter`);
    }
    this.#pos += 8;
    return hi * TWO32 + lo;
  }

  /** An 8-byte CEDAR integer that the C++ reads into a 32-bit int: the top half must be the sign extension. */
  tryInt32(): number | undefined {
    if (!this.#has(8, 'an integer')) return undefined;
    const hi = this.#view.getInt32(this.#pos, false);
    const lo = this.#view.getInt32(this.#pos + 4, false);
    if (hi !== (lo < 0 ? -1 : 0)) throw new HTCondorProtocolError(`integer does not fit in 32 bits (high word ${hi})`);
    this.#pos += 8;
    return lo;
  }

  tryInt64(): bigint | undefined {
    if (!this.#has(8, 'an integer')) return undefined;
    const v = this.#view.getBigInt64(this.#pos, false);
    this.#pos += 8;
    return v;
  }

  tryDouble(): number | undefined {
    if (!this.#has(16, 'a double')) return undefined;
    const frac = this.#view.getInt32(this.#pos + 4, false);
    const fracHi = this.#view.getInt32(this.#pos, false);
    const exp = this.#view.getInt32(this.#pos + 12, false);
    const expHi = this.#view.getInt32(this.#pos + 8, false);
    if (fracHi !== (frac < 0 ? -1 : 0) || expHi !== (exp < 0 ? -1 : 0)) throw new HTCondorProtocolError('malformed double on the wire');
    this.#pos += 16;
    return decodeDouble(frac, exp);
  }

  /** One raw byte (Stream::get(char)). */
  tryChar(): number | undefined {
    if (!this.#has(1, 'a byte')) return undefined;
    return this.#buf[this.#pos++]!;
  }

  /** n raw bytes (Stream::get_bytes); a copy. */
  tryBytes(n: number): Uint8Array | undefined {
    if (!this.#has(n, `${n} bytes`)) return undefined;
    const out = this.#buf.slice(this.#pos, this.#pos + n);
    this.#pos += n;
    return out;
  }

  /** Where the last tryRawString() found its bytes: buffer[rawStart, rawEnd), the NUL excluded. */
  rawStart = 0;
  rawEnd = 0;
  /** True if the last tryRawString() found the C++ NULL string (the single byte 0xFF). */
  rawNull = false;

  /** The buffer the raw* offsets point into (valid until the next append). */
  get buffer(): Uint8Array {
    return this.#buf;
  }

  /**
   * Locates the next string without decoding it (rawStart/rawEnd/rawNull); false if it is not all here yet.
   * Plaintext streams send NUL-terminated bytes; encrypted streams (crypto mode) prefix an 8-byte length that counts
   * the NUL. Receivers of std::string stop at the first NUL, as the C++ does.
   */
  tryRawString(cryptoMode: boolean): boolean {
    const buf = this.#buf;
    if (cryptoMode) {
      if (!this.#has(8, 'a string length')) return false;
      const hi = this.#view.getInt32(this.#pos, false);
      const len = this.#view.getUint32(this.#pos + 4, false);
      if (hi !== 0 || len === 0) throw new HTCondorProtocolError(`bad string length on an encrypted stream (${hi ? 'huge' : len})`);
      if (!this.#has(8 + len, 'a string')) return false;
      const start = this.#pos + 8;
      const stop = start + len - 1;
      this.#pos = start + len;
      let nul = start;
      while (nul < stop && buf[nul] !== 0) nul++;
      this.rawStart = start;
      this.rawEnd = nul;
      this.rawNull = len === 2 && buf[start] === 0xff;
      return true;
    }
    let i = this.#scan > this.#pos ? this.#scan : this.#pos;
    const end = this.#end;
    while (i < end && buf[i] !== 0) i++;
    if (i === end) {
      this.#scan = i;
      if (this.#complete) this.#short('a string');
      return false;
    }
    this.rawStart = this.#pos;
    this.rawEnd = i;
    this.rawNull = i - this.#pos === 1 && buf[this.#pos] === 0xff;
    this.#pos = i + 1;
    this.#scan = this.#pos;
    return true;
  }

  /** A string; the C++ NULL string is returned as null; undefined if it is not all here yet. */
  tryString(cryptoMode: boolean): string | null | undefined {
    if (!this.tryRawString(cryptoMode)) return undefined;
    if (this.rawNull) return null;
    return decodeUtf8(this.#buf, this.rawStart, this.rawEnd);
  }

  /** True if every byte of a complete message has been read (Stream::peek_end_of_message). */
  atEnd(): boolean {
    return this.#complete && this.#pos === this.#end;
  }

  /** Checks that the message was read to its end (ReliSock::end_of_message on the decode side). */
  finish(): void {
    if (!this.#complete) throw new HTCondorProtocolError('internal: end of message checked before the message arrived');
    const left = this.#end - this.#pos;
    if (left !== 0) throw new HTCondorProtocolError(`${left} unread bytes at the end of a message: the peer sent more than the protocol expects`);
    this.reset();
  }
}
