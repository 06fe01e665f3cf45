// The encode side of CEDAR messages: values are appended to a growable buffer; the stream cuts the buffer into
// packets at end_of_message. Mirrors Stream::put/code in src/condor_io/stream.cpp. Encoders stay synchronous.
import { HTCondorValueError } from '../errors.js';
import { encodeDouble } from './double.js';
import { encodeUtf8Into } from './utf8.js';

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;

export class MessageWriter {
  #buf = new Uint8Array(1024);
  #view = new DataView(this.#buf.buffer);
  #len = 0;

  get length(): number {
    return this.#len;
  }

  #reserve(n: number): void {
    if (this.#len + n <= this.#buf.length) return;
    const nb = new Uint8Array(Math.max(this.#buf.length * 2, this.#len + n));
    nb.set(this.#buf.subarray(0, this.#len));
    this.#buf = nb;
    this.#view = new DataView(nb.buffer);
  }

  /** An integer as CEDAR's 8-byte big-endian two's complement (every integer type on the wire). */
  putInt(v: number | bigint): this {
    this.#reserve(8);
    if (typeof v === 'bigint') {
      if (v < INT64_MIN || v > INT64_MAX) throw new HTCondorValueError(`integer ${v} does not fit in 64 bits`);
      this.#view.setBigInt64(this.#len, v, false);
    } else {
      if (!Number.isSafeInteger(v)) throw new HTCondorValueError(`${v} is not an integer that can be sent exactly; pass a bigint`);
      const lo = v % 4294967296;
      const hi = (v - lo) / 4294967296;
      // Two's complement split of a safe integer into high and low words.
      this.#view.setInt32(this.#len, lo < 0 ? hi - 1 : hi, false);
      this.#view.setUint32(this.#len + 4, lo < 0 ? lo + 4294967296 : lo, false);
    }
    this.#len += 8;
    return this;
  }

  putDouble(d: number): this {
    const [frac, exp] = encodeDouble(d);
    return this.putInt(frac).putInt(exp);
  }

  putChar(b: number): this {
    this.#reserve(1);
    this.#buf[this.#len++] = b & 0xff;
    return this;
  }

  putBytes(bytes: Uint8Array): this {
    this.#reserve(bytes.length);
    this.#buf.set(bytes, this.#len);
    this.#len += bytes.length;
    return this;
  }

  /**
   * A string: NUL-terminated; on an encrypted stream (crypto mode) preceded by its 8-byte length counting the NUL.
   * null is the C++ NULL string (put_nullstr): the single byte 0xFF.
   */
  putString(s: string | null, cryptoMode: boolean): this {
    const max = s === null ? 1 : s.length * 3;
    this.#reserve(max + 9);
    const lenAt = this.#len;
    if (cryptoMode) this.#len += 8;
    let n: number;
    if (s === null) {
      this.#buf[this.#len] = 0xff;
      n = 1;
    } else {
      n = encodeUtf8Into(s, this.#buf, this.#len);
    }
    this.#buf[this.#len + n] = 0;
    this.#len += n + 1;
    if (cryptoMode) {
      this.#view.setUint32(lenAt, 0, false);
      this.#view.setUint32(lenAt + 4, n + 1, false);
    }
    return this;
  }

  /** Takes the buffered message body and empties the writer. */
  take(): Uint8Array {
    const out = this.#buf.slice(0, this.#len);
    this.#len = 0;
    return out;
  }
}
