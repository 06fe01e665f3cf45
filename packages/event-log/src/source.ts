/**
 * Where a JobEventLog's bytes come from. A file (node-file.ts) and in-memory or streamed bytes (this module) are
 * the two kinds; a browser reads a log fetched over HTTP through `response.body`.
 */

/** What one pull returns: bytes available now (possibly none), and whether the source has ended for good. */
export interface Pulled {
  bytes: Uint8Array | null;
  done: boolean;
  /** the bytes come from a new file that replaced the old one (log rotation): parsing restarts at its byte 0 */
  rotated?: boolean;
}

export interface EventLogSource {
  /** Bytes available now. */
  pull(): Promise<Pulled>;
  /** The same, synchronously, for sources that can (files, bytes in memory); absent otherwise. */
  pullSync?(): Pulled;
  /** Resolves true when more bytes may be there, false when `timeoutMs` passed first (or the source ended). */
  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean>;
  /** Start reading at this byte offset (resuming from a saved position); sources that cannot seek throw. */
  seek?(offset: number): void;
  /** A name for messages (the file name). */
  readonly name: string;
  close(): void;
}

export type ByteInput = Uint8Array | ArrayBuffer | Iterable<Uint8Array> | AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>;

function concat(chunks: Uint8Array[]): Uint8Array {
  if (chunks.length === 1) return chunks[0] as Uint8Array;
  let n = 0;
  for (const c of chunks) n += c.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const c of chunks) {
    out.set(c, o);
    o += c.length;
  }
  return out;
}

/** Bytes already in memory: everything is available at once and the source has ended. */
class MemorySource implements EventLogSource {
  readonly name = '<bytes>';
  #chunks: Uint8Array[] | null;
  #skip = 0;
  constructor(chunks: Uint8Array[]) {
    this.#chunks = chunks;
  }
  pullSync(): Pulled {
    const c = this.#chunks;
    this.#chunks = null;
    if (!c || !c.length) return { bytes: null, done: true };
    let all = concat(c);
    if (this.#skip) all = all.subarray(Math.min(this.#skip, all.length));
    return { bytes: all, done: true };
  }
  async pull(): Promise<Pulled> {
    return this.pullSync();
  }
  async wait(): Promise<boolean> {
    return false;
  }
  seek(offset: number): void {
    this.#skip = offset;
  }
  close(): void {
    this.#chunks = null;
  }
}

/**
 * A stream: a pump reads it in the background into a queue, so `pull` returns what has arrived without waiting
 * (events(0) semantics) and `wait` resolves on the next chunk.
 */
class StreamSource implements EventLogSource {
  readonly name = '<stream>';
  #queue: Uint8Array[] = [];
  #done = false;
  #error: unknown = null;
  #wake: (() => void) | null = null;
  #iter: AsyncIterator<Uint8Array>;
  #skip = 0;
  #started = false;

  constructor(input: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>) {
    this.#iter = toAsyncIterator(input);
  }

  #start(): void {
    if (this.#started) return;
    this.#started = true;
    void (async () => {
      try {
        for (;;) {
          const r = await this.#iter.next();
          if (r.done || this.#done) break;
          let b = r.value;
          if (this.#skip) {
            const n = Math.min(this.#skip, b.length);
            this.#skip -= n;
            b = b.subarray(n);
          }
          if (b.length) this.#queue.push(b);
          this.#signal();
        }
      } catch (e) {
        this.#error = e;
      }
      this.#done = true;
      this.#signal();
    })();
  }

  #signal(): void {
    const w = this.#wake;
    this.#wake = null;
    w?.();
  }

  async pull(): Promise<Pulled> {
    this.#start();
    // let chunks that are already resolved arrive before answering "nothing now"
    await new Promise((r) => setTimeout(r, 0));
    if (this.#error) throw this.#error;
    const q = this.#queue;
    this.#queue = [];
    return { bytes: q.length ? concat(q) : null, done: this.#done && this.#queue.length === 0 };
  }

  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    this.#start();
    if (this.#queue.length) return Promise.resolve(true);
    if (this.#done) return Promise.resolve(false);
    return new Promise((resolve) => {
      let t: ReturnType<typeof setTimeout> | undefined;
      const onAbort = (): void => finish(false);
      const finish = (v: boolean): void => {
        if (t) clearTimeout(t);
        signal?.removeEventListener('abort', onAbort);
        this.#wake = null;
        resolve(v);
      };
      if (Number.isFinite(timeoutMs)) t = setTimeout(() => finish(false), Math.max(0, timeoutMs));
      signal?.addEventListener('abort', onAbort, { once: true });
      this.#wake = () => finish(true);
    });
  }

  seek(offset: number): void {
    if (this.#started) throw new Error('a stream can only be positioned before it is read');
    this.#skip = offset;
  }

  close(): void {
    this.#done = true;
    void this.#iter.return?.();
    this.#signal();
  }
}

function toAsyncIterator(input: AsyncIterable<Uint8Array> | ReadableStream<Uint8Array>): AsyncIterator<Uint8Array> {
  if (Symbol.asyncIterator in input) return (input as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
  const reader = (input as ReadableStream<Uint8Array>).getReader();
  return {
    next: () => reader.read() as Promise<IteratorResult<Uint8Array>>,
    return: async () => {
      await reader.cancel().catch(() => {});
      return { done: true, value: undefined };
    },
  };
}

/** A source for bytes in memory or a stream of chunks. */
export function bytesSource(input: ByteInput): EventLogSource {
  if (input instanceof Uint8Array) return new MemorySource([input]);
  if (input instanceof ArrayBuffer) return new MemorySource([new Uint8Array(input)]);
  if (typeof (input as ReadableStream).getReader === 'function' || Symbol.asyncIterator in (input as object)) {
    return new StreamSource(input as AsyncIterable<Uint8Array>);
  }
  return new MemorySource([...(input as Iterable<Uint8Array>)]);
}

export function isEventLogSource(x: unknown): x is EventLogSource {
  return typeof x === 'object' && x !== null && typeof (x as EventLogSource).pull === 'function' && typeof (x as EventLogSource).wait === 'function';
}
