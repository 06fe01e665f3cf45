// A CEDAR stream over a Transport: the message-oriented conversation every command uses.
// Encode side: put*() values, then endOfMessage() sends them as packets. Decode side: get*() values (awaiting
// packets as needed), then finishMessage() checks the message was consumed. After a session key is agreed,
// enableCrypto() routes every packet through the PacketCipher and strings switch to their length-prefixed form.
import { HTCondorAbortError, HTCondorException, HTCondorIOError, HTCondorProtocolError, HTCondorTimeoutError } from '../errors.js';
import type { Transport } from '../transport/transport.js';
import { DEFAULT_MAX_PACKET, FrameDecoder, HEADER_SIZE, SEND_PACKET_SIZE, encodePlainPackets, makeHeader, type Packet } from '../wire/frame.js';
import { MessageReader } from '../wire/message-reader.js';
import { MessageWriter } from '../wire/message-writer.js';
import type { PacketCipher, PlaintextTranscript } from '../wire/packet-cipher.js';
import { concatBytes } from '../wire/utf8.js';
import { WireAdReader, putWireAd, wireAdLines, type WireAd } from '../wire/classad-wire.js';
import { adFromWire, adToWireLines } from '../wire/ad-convert.js';
import type { ClassAd } from '@htcondor-ts/classad';

export interface CedarStreamOptions {
  /** Inactivity timeout for each read, in milliseconds (the peer must send something within it). */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  maxPacketSize?: number;
  /** Called with every frame sent and received (a tap for recording fixtures and debugging). */
  tap?: ((direction: 'sent' | 'received', frame: Uint8Array) => void) | undefined;
}

/** The plaintext recorded for the AES-GCM first-packet AAD stops at 1 MiB per direction, as in the C++. */
const TRANSCRIPT_LIMIT = 1024 * 1024;
/** Encrypted packets decrypted concurrently ahead of the reader. */
const DECRYPT_AHEAD = 8;

class Transcript {
  parts: Uint8Array[] = [];
  size = 0;
  overflow = false;
  add(bytes: Uint8Array): void {
    if (this.overflow) return;
    this.size += bytes.length;
    if (this.size > TRANSCRIPT_LIMIT) {
      this.overflow = true;
      this.parts = [];
      return;
    }
    this.parts.push(bytes.slice());
  }
  value(): Uint8Array | null {
    if (this.overflow || this.size === 0) return null;
    return concatBytes(this.parts);
  }
}

export class CedarStream {
  readonly peer: string;
  readonly #transport: Transport;
  readonly #decoder: FrameDecoder;
  readonly #reader = new MessageReader();
  readonly #writer = new MessageWriter();
  #timeoutMs: number;
  #signal: AbortSignal | undefined;
  #onAbort: (() => void) | undefined;
  #tap: CedarStreamOptions['tap'];
  #cipher: PacketCipher | undefined;
  #ahead: { end: boolean; payload: Promise<Uint8Array> }[] = [];
  #failure: HTCondorException | undefined;
  #closed = false;
  #sentPlain: Transcript | undefined = new Transcript();
  #recvPlain: Transcript | undefined = new Transcript();
  /** Counts for tests and diagnostics. */
  bytesSent = 0;
  bytesReceived = 0;

  constructor(transport: Transport, options: CedarStreamOptions) {
    this.#transport = transport;
    this.peer = transport.peer;
    this.#timeoutMs = options.timeoutMs;
    this.#tap = options.tap;
    this.#decoder = new FrameDecoder(options.maxPacketSize ?? DEFAULT_MAX_PACKET);
    this.setSignal(options.signal);
  }

  /** Replaces the AbortSignal watched by this stream (a command may bring its own). */
  setSignal(signal: AbortSignal | undefined): void {
    if (this.#signal && this.#onAbort) this.#signal.removeEventListener('abort', this.#onAbort);
    this.#signal = signal;
    this.#onAbort = undefined;
    if (!signal) return;
    if (signal.aborted) {
      this.#fail(new HTCondorAbortError(`operation with ${this.peer} was aborted`, { where: this.peer, cause: signal.reason }));
      return;
    }
    this.#onAbort = () => this.#fail(new HTCondorAbortError(`operation with ${this.peer} was aborted`, { where: this.peer, cause: signal.reason }));
    signal.addEventListener('abort', this.#onAbort, { once: true });
  }

  setTimeout(ms: number): void {
    this.#timeoutMs = ms;
  }

  /** True once crypto is on: strings carry their length, packets go through the cipher. */
  get cryptoMode(): boolean {
    return this.#cipher !== undefined;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** The synchronous reader of the current incoming message, for hot loops (see fill()). */
  get reader(): MessageReader {
    return this.#reader;
  }

  // ---- plaintext transcript (AES-GCM AAD) ----

  /** Forgets what was exchanged so far (after the shared-port preamble, which the daemon never sees). */
  resetTranscript(): void {
    this.#sentPlain = new Transcript();
    this.#recvPlain = new Transcript();
  }

  /** The plaintext exchanged before crypto, frozen by the caller when it derives the first-packet AAD. */
  plaintextTranscript(): PlaintextTranscript {
    return { sent: this.#sentPlain?.value() ?? null, received: this.#recvPlain?.value() ?? null };
  }

  /** Switches crypto on in both directions (the message in progress on each side must be complete). */
  enableCrypto(cipher: PacketCipher): void {
    if (this.#writer.length !== 0) throw new HTCondorProtocolError('internal: crypto enabled in the middle of an outgoing message');
    this.#cipher = cipher;
    this.#sentPlain = undefined;
    this.#recvPlain = undefined;
  }

  // ---- encode side ----

  putInt(v: number | bigint): this {
    this.#writer.putInt(v);
    return this;
  }
  putDouble(d: number): this {
    this.#writer.putDouble(d);
    return this;
  }
  putString(s: string | null): this {
    this.#writer.putString(s, this.cryptoMode);
    return this;
  }
  putBytes(b: Uint8Array): this {
    this.#writer.putBytes(b);
    return this;
  }
  putChar(c: number): this {
    this.#writer.putChar(c);
    return this;
  }

  /** A ClassAd given as its "Name = expr" lines (old syntax). */
  putAdLines(lines: readonly string[]): this {
    putWireAd(this.#writer, lines, this.cryptoMode);
    return this;
  }

  /** A ClassAd, in the wire form putClassAd gives it. */
  putClassAd(ad: ClassAd): this {
    return this.putAdLines(adToWireLines(ad));
  }

  /** Sends what was put as one message. With nothing put, sends nothing (the C++ "empty message" case). */
  async endOfMessage(): Promise<void> {
    this.#check();
    const body = this.#writer.take();
    if (body.length === 0) return;
    const frames: Uint8Array[] = [];
    if (!this.#cipher) {
      for (const f of encodePlainPackets(body)) {
        this.#sentPlain?.add(f);
        frames.push(f);
      }
    } else {
      for (let off = 0; off < body.length; off += SEND_PACKET_SIZE) {
        const chunk = body.subarray(off, Math.min(body.length, off + SEND_PACKET_SIZE));
        const end = off + chunk.length >= body.length;
        const header = makeHeader(end, chunk.length + this.#cipher.overhead(chunk.length));
        const sealed = await this.#cipher.seal(header, chunk);
        const frame = new Uint8Array(HEADER_SIZE + sealed.length);
        frame.set(header, 0);
        frame.set(sealed, HEADER_SIZE);
        frames.push(frame);
      }
    }
    const data = frames.length === 1 ? frames[0]! : concatBytes(frames);
    if (this.#tap) for (const f of frames) this.#tap('sent', f);
    this.bytesSent += data.length;
    try {
      await this.#transport.write(data);
    } catch (e) {
      throw this.#fail(e instanceof HTCondorIOError ? e : new HTCondorIOError(`sending to ${this.peer} failed`, { cause: e, where: this.peer }));
    }
  }

  // ---- decode side ----

  /** Loads the next packet of the current message into the reader. Throws if the message is already complete. */
  async fill(): Promise<void> {
    this.#check();
    if (this.#reader.complete) throw new HTCondorProtocolError(`internal: read past the end of a message from ${this.peer}`);
    for (;;) {
      if (this.#cipher) {
        // Start decrypting every whole packet already buffered (a few ahead), in order: WebCrypto overlaps them,
        // which is most of the speed of a large encrypted reply. They are appended one per fill(), in order.
        while (this.#ahead.length < DECRYPT_AHEAD) {
          const pkt = this.#nextPacket();
          if (!pkt) break;
          const payload = this.#cipher.open(pkt.header, pkt.payload);
          payload.catch(() => undefined); // observed when its turn comes
          this.#ahead.push({ end: pkt.end, payload });
        }
        const next = this.#ahead.shift();
        if (next) {
          let payload: Uint8Array;
          try {
            payload = await next.payload;
          } catch (e) {
            throw this.#fail(e instanceof HTCondorException ? e : new HTCondorProtocolError(`packet from ${this.peer} failed its integrity check`, { cause: e, where: this.peer }));
          }
          this.#check();
          this.#reader.append(payload, next.end);
          return;
        }
      } else {
        const pkt = this.#nextPacket();
        if (pkt) {
          if (this.#recvPlain) {
            this.#recvPlain.add(pkt.header);
            this.#recvPlain.add(pkt.payload);
          }
          this.#reader.append(pkt.payload, pkt.end);
          return;
        }
      }
      const chunk = await this.#readChunk();
      this.bytesReceived += chunk.length;
      this.#decoder.push(chunk);
    }
  }

  /** The next whole packet off the wire (tapped), or null; a bad frame fails the stream. */
  #nextPacket(): Packet | null {
    let pkt: Packet | null;
    try {
      pkt = this.#decoder.next();
    } catch (e) {
      throw this.#fail(e as HTCondorException);
    }
    if (pkt && this.#tap) {
      const f = new Uint8Array(HEADER_SIZE + pkt.payload.length);
      f.set(pkt.header);
      f.set(pkt.payload, HEADER_SIZE);
      this.#tap('received', f);
    }
    return pkt;
  }

  async #readChunk(): Promise<Uint8Array> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        reject(this.#fail(new HTCondorTimeoutError(`no answer from ${this.peer} within ${this.#timeoutMs} ms`, { where: this.peer })));
      }, this.#timeoutMs);
    });
    try {
      const chunk = await Promise.race([this.#transport.read(), timeout]);
      this.#check();
      if (chunk === null) {
        throw this.#fail(new HTCondorIOError(`${this.peer} closed the connection in the middle of a message`, { where: this.peer }));
      }
      return chunk;
    } catch (e) {
      if (this.#failure) throw this.#failure;
      throw this.#fail(e instanceof HTCondorIOError ? e : new HTCondorIOError(`reading from ${this.peer} failed`, { cause: e, where: this.peer }));
    } finally {
      clearTimeout(timer);
    }
  }

  async getInt(): Promise<number> {
    for (;;) {
      const v = this.#reader.tryInt();
      if (v !== undefined) return v;
      await this.fill();
    }
  }
  async getInt32(): Promise<number> {
    for (;;) {
      const v = this.#reader.tryInt32();
      if (v !== undefined) return v;
      await this.fill();
    }
  }
  async getInt64(): Promise<bigint> {
    for (;;) {
      const v = this.#reader.tryInt64();
      if (v !== undefined) return v;
      await this.fill();
    }
  }
  async getDouble(): Promise<number> {
    for (;;) {
      const v = this.#reader.tryDouble();
      if (v !== undefined) return v;
      await this.fill();
    }
  }
  /** A string; the C++ NULL string comes back as null. */
  async getNullableString(): Promise<string | null> {
    for (;;) {
      const v = this.#reader.tryString(this.cryptoMode);
      if (v !== undefined) return v;
      await this.fill();
    }
  }
  async getString(): Promise<string> {
    return (await this.getNullableString()) ?? '';
  }
  async getBytes(n: number): Promise<Uint8Array> {
    for (;;) {
      const v = this.#reader.tryBytes(n);
      if (v !== undefined) return v;
      await this.fill();
    }
  }

  /** One ClassAd as its wire names and values. */
  async getWireAd(): Promise<WireAd> {
    const rd = new WireAdReader();
    for (;;) {
      const ad = rd.tryRead(this.#reader, this.cryptoMode);
      if (ad) return ad;
      await this.fill();
    }
  }

  /** One ClassAd as its "Name = expr" lines (and names/values). */
  async getAdLines(): Promise<WireAd & { lines: string[] }> {
    const ad = await this.getWireAd();
    return { ...ad, lines: wireAdLines(ad) };
  }

  /** One ClassAd (values parsed lazily, on first access). */
  async getClassAd(): Promise<ClassAd> {
    return adFromWire(await this.getWireAd());
  }

  /** Waits for the rest of the current message and checks it was all consumed. */
  async finishMessage(): Promise<void> {
    while (!this.#reader.complete) await this.fill();
    try {
      this.#reader.finish();
    } catch (e) {
      throw this.#fail(e as HTCondorException);
    }
  }

  /** True if the current incoming message has been consumed entirely (waits for its end first). */
  async peekEndOfMessage(): Promise<boolean> {
    if (this.#reader.remaining > 0) return false;
    while (!this.#reader.complete) {
      await this.fill();
      if (this.#reader.remaining > 0) return false;
    }
    return this.#reader.atEnd();
  }

  // ---- lifecycle ----

  #check(): void {
    if (this.#failure) throw this.#failure;
    if (this.#closed) throw new HTCondorIOError(`the connection to ${this.peer} is closed`, { where: this.peer });
  }

  /** Records the first failure, closes the transport, and returns the error to throw. */
  #fail<E extends HTCondorException>(err: E): HTCondorException {
    if (!this.#failure) {
      this.#failure = err;
      this.close();
    }
    return this.#failure;
  }

  /** Closes the connection (idempotent). */
  close(): void {
    if (this.#signal && this.#onAbort) this.#signal.removeEventListener('abort', this.#onAbort);
    this.#onAbort = undefined;
    if (this.#closed) return;
    this.#closed = true;
    this.#transport.close();
  }
}
