// htcondor.QueryIterator: the job ads of one xquery as an AsyncIterableIterator, with the bindings' extras
// (nextAdsNonBlocking, tag, done, watch) for working several queries at once (poll()).
//
// `for await` reads straight from the connection. The first nextAdsNonBlocking() or watch() starts a background
// reader that keeps up to HIGH_WATER ads in hand (so memory stays bounded when the caller is slower than the
// schedd); from then on next() takes from that buffer, in order.
import type { ClassAd } from '@htcondor-ts/classad';

/** How many ads the background reader buffers before it waits for the caller. */
const HIGH_WATER = 1024;

export class QueryIterator implements AsyncIterableIterator<ClassAd> {
  readonly #source: AsyncGenerator<ClassAd, void, undefined>;
  readonly #tag: string | (() => string);
  #buffer: ClassAd[] = [];
  #head = 0;
  #pumping = false;
  #finished = false;
  #closed = false;
  #error: unknown = undefined;
  #hasError = false;
  #waiters: Array<() => void> = [];
  #resume: (() => void) | undefined;

  /** @internal Use Schedd.xquery(). */
  constructor(source: AsyncGenerator<ClassAd, void, undefined>, tag: string | (() => string)) {
    this.#source = source;
    this.#tag = tag;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  /** The query's tag (the `name` given to xquery, or the schedd's address): tells iterators apart in poll(). */
  tag(): string {
    return typeof this.#tag === 'string' ? this.#tag : this.#tag();
  }

  /** True once every ad has been read from the schedd and handed out (or the iterator was closed). */
  done(): boolean {
    return this.#closed || (this.#finished && this.#available() === 0 && !this.#hasError);
  }

  /**
   * The ads that have arrived and not been handed out yet, without waiting (possibly none). Throws the query's
   * error once the ads before it have been handed out.
   */
  nextAdsNonBlocking(): ClassAd[] {
    this.#startPump();
    const out = this.#buffer.slice(this.#head);
    this.#buffer = [];
    this.#head = 0;
    this.#resume?.();
    if (out.length === 0) this.#throwPending();
    return out;
  }

  /**
   * Resolves when ads are ready for nextAdsNonBlocking() or the query has ended. The bindings return an inotify file
   * descriptor for select(); a Promise is the JavaScript equivalent.
   */
  watch(): Promise<void> {
    this.#startPump();
    if (this.#available() > 0 || this.#finished || this.#closed) return Promise.resolve();
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  async next(): Promise<IteratorResult<ClassAd, undefined>> {
    if (this.#closed) return { done: true, value: undefined };
    if (!this.#pumping) {
      const r = await this.#source.next();
      if (r.done) {
        this.#finished = true;
        return { done: true, value: undefined };
      }
      return r;
    }
    for (;;) {
      if (this.#available() > 0) {
        const ad = this.#buffer[this.#head]!;
        this.#buffer[this.#head++] = undefined as unknown as ClassAd;
        if (this.#head > 4096 && this.#head * 2 > this.#buffer.length) {
          this.#buffer = this.#buffer.slice(this.#head);
          this.#head = 0;
        }
        if (this.#available() < HIGH_WATER / 2) this.#resume?.();
        return { done: false, value: ad };
      }
      this.#throwPending();
      if (this.#finished || this.#closed) return { done: true, value: undefined };
      await new Promise<void>((resolve) => this.#waiters.push(resolve));
    }
  }

  /** Closes the query (and its connection); buffered ads are dropped. */
  async return(): Promise<IteratorResult<ClassAd, undefined>> {
    this.#closed = true;
    this.#buffer = [];
    this.#head = 0;
    this.#resume?.();
    this.#wake();
    await this.#source.return(undefined);
    return { done: true, value: undefined };
  }

  async throw(e?: unknown): Promise<IteratorResult<ClassAd, undefined>> {
    await this.return();
    throw e;
  }

  #available(): number {
    return this.#buffer.length - this.#head;
  }

  #throwPending(): void {
    if (!this.#hasError) return;
    const e = this.#error;
    this.#hasError = false;
    this.#error = undefined;
    throw e;
  }

  #wake(): void {
    const w = this.#waiters;
    this.#waiters = [];
    for (const f of w) f();
  }

  #startPump(): void {
    if (this.#pumping || this.#finished || this.#closed) return;
    this.#pumping = true;
    void this.#pump();
  }

  async #pump(): Promise<void> {
    try {
      for (;;) {
        while (this.#available() >= HIGH_WATER && !this.#closed) {
          await new Promise<void>((resolve) => (this.#resume = resolve));
          this.#resume = undefined;
        }
        if (this.#closed) return;
        const r = await this.#source.next();
        if (r.done) break;
        if (this.#closed) return;
        this.#buffer.push(r.value);
        this.#wake();
      }
    } catch (e) {
      if (!this.#closed) {
        this.#error = e;
        this.#hasError = true;
      }
    }
    this.#finished = true;
    this.#wake();
  }
}
