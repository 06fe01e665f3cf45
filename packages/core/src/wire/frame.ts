// CEDAR (ReliSock) packet framing: a message is a run of packets, each a 5-byte header (end flag, big-endian
// uint32 payload length) and the payload; the packet with end=1 closes the message.
// Refs: ReliSock::RcvMsg::rcv_packet / SndMsg::snd_packet in src/condor_io/reli_sock.cpp.
import { HTCondorProtocolError } from '../errors.js';

export const HEADER_SIZE = 5;
/** The C++ receiver refuses payloads larger than this (max_packet_size in rcv_packet). */
export const DEFAULT_MAX_PACKET = 1024 * 1024;
/** What we put in one packet when sending (any size up to 1 MiB is accepted; AES adds its overhead on top). */
export const SEND_PACKET_SIZE = 256 * 1024;

export interface Packet {
  end: boolean;
  /** The 5 header bytes as received (AES-GCM authenticates them). */
  header: Uint8Array;
  payload: Uint8Array;
}

export function makeHeader(end: boolean, length: number): Uint8Array {
  const h = new Uint8Array(HEADER_SIZE);
  h[0] = end ? 1 : 0;
  new DataView(h.buffer).setUint32(1, length, false);
  return h;
}

/**
 * Incremental packet parser: push() chunks as they come off the transport, next() returns whole packets.
 * It does not care where chunks split. A length over `maxPacket` is refused before anything is allocated.
 */
export class FrameDecoder {
  #chunks: Uint8Array[] = [];
  #buffered = 0;
  readonly #maxPacket: number;

  constructor(maxPacket: number = DEFAULT_MAX_PACKET) {
    this.#maxPacket = maxPacket;
  }

  get buffered(): number {
    return this.#buffered;
  }

  push(chunk: Uint8Array): void {
    if (chunk.length === 0) return;
    this.#chunks.push(chunk);
    this.#buffered += chunk.length;
  }

  /** The next whole packet, or null if more bytes are needed. Throws HTCondorProtocolError on a bad header. */
  next(): Packet | null {
    if (this.#buffered < HEADER_SIZE) return null;
    const header = this.#peek(HEADER_SIZE);
    const end = header[0]!;
    // The C++ receiver accepts 0..10 (historical values); anything else is not CEDAR.
    if (end > 10) throw new HTCondorProtocolError(`bad CEDAR packet header: end flag ${end} (expected 0 or 1); the peer is not speaking CEDAR`);
    const len = new DataView(header.buffer, header.byteOffset, HEADER_SIZE).getUint32(1, false);
    if (len === 0) throw new HTCondorProtocolError('bad CEDAR packet: zero-length payload');
    if (len > this.#maxPacket) {
      throw new HTCondorProtocolError(`CEDAR packet of ${len} bytes exceeds the maximum of ${this.#maxPacket}; refusing it`);
    }
    if (this.#buffered < HEADER_SIZE + len) return null;
    const all = this.#take(HEADER_SIZE + len);
    return { end: end !== 0, header: all.subarray(0, HEADER_SIZE), payload: all.subarray(HEADER_SIZE) };
  }

  /** Copies the first n buffered bytes without consuming them (n is small: the header). */
  #peek(n: number): Uint8Array {
    const first = this.#chunks[0]!;
    if (first.length >= n) return first.subarray(0, n);
    const out = new Uint8Array(n);
    let o = 0;
    for (const c of this.#chunks) {
      const k = Math.min(c.length, n - o);
      out.set(c.subarray(0, k), o);
      o += k;
      if (o === n) break;
    }
    return out;
  }

  /** Consumes n bytes; avoids a copy when they lie in one chunk. */
  #take(n: number): Uint8Array {
    this.#buffered -= n;
    const first = this.#chunks[0]!;
    if (first.length >= n) {
      if (first.length === n) this.#chunks.shift();
      else this.#chunks[0] = first.subarray(n);
      return first.subarray(0, n);
    }
    const out = new Uint8Array(n);
    let o = 0;
    while (o < n) {
      const c = this.#chunks[0]!;
      const k = Math.min(c.length, n - o);
      out.set(c.subarray(0, k), o);
      o += k;
      if (k === c.length) this.#chunks.shift();
      else this.#chunks[0] = c.subarray(k);
    }
    return out;
  }
}

/** Splits a message body into wire packets (header + payload), the last one flagged end=1. */
export function encodePlainPackets(body: Uint8Array, packetSize: number = SEND_PACKET_SIZE): Uint8Array[] {
  const out: Uint8Array[] = [];
  if (body.length === 0) return out;
  for (let off = 0; off < body.length; off += packetSize) {
    const n = Math.min(packetSize, body.length - off);
    const pkt = new Uint8Array(HEADER_SIZE + n);
    pkt[0] = off + n >= body.length ? 1 : 0;
    new DataView(pkt.buffer).setUint32(1, n, false);
    pkt.set(body.subarray(off, off + n), HEADER_SIZE);
    out.push(pkt);
  }
  return out;
}
