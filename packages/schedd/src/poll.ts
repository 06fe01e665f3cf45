// htcondor.poll / BulkQueryIterator (src/python-bindings/bulk_query_iterator.cpp): wait on several xquery
// iterators at once and get each one back when it has ads ready to read without blocking.
import { HTCondorTimeoutError, HTCondorValueError } from '@htcondor-ts/core';
import type { QueryIterator } from './query-iterator.js';

/**
 * Yields, one at a time, a QueryIterator from `queries` whose ads can be read now with nextAdsNonBlocking(); ends
 * when every query is done. Waiting longer than `timeoutMs` for any query throws HTCondorTimeoutError (the
 * bindings' "Timeout when waiting for remote host"); a negative timeout waits forever.
 */
export class BulkQueryIterator implements AsyncIterableIterator<QueryIterator> {
  #pending: QueryIterator[];
  readonly #timeoutMs: number;

  /** @internal Use poll(). */
  constructor(queries: Iterable<QueryIterator>, timeoutMs: number) {
    this.#pending = [...queries];
    this.#timeoutMs = timeoutMs;
  }

  [Symbol.asyncIterator](): this {
    return this;
  }

  async next(): Promise<IteratorResult<QueryIterator, undefined>> {
    for (;;) {
      this.#pending = this.#pending.filter((q) => !q.done());
      if (this.#pending.length === 0) return { done: true, value: undefined };
      const ready = await this.#firstReady();
      // A query that ended with nothing more to read is dropped, as the bindings do.
      if (ready.done()) continue;
      return { done: false, value: ready };
    }
  }

  async return(): Promise<IteratorResult<QueryIterator, undefined>> {
    this.#pending = [];
    return { done: true, value: undefined };
  }

  #firstReady(): Promise<QueryIterator> {
    const race = Promise.race(this.#pending.map((q) => q.watch().then(() => q)));
    if (this.#timeoutMs < 0) return race;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new HTCondorTimeoutError(`none of ${this.#pending.length} queries had ads ready within ${this.#timeoutMs} ms; call poll() again or raise its timeout`)),
        this.#timeoutMs,
      );
    });
    return Promise.race([race, timeout]).finally(() => clearTimeout(timer));
  }
}

/** htcondor.poll: wait on the results of several query iterators (xquery results). */
export function poll(queries: Iterable<QueryIterator>, timeoutMs = 20_000): BulkQueryIterator {
  if (!Number.isFinite(timeoutMs)) throw new HTCondorValueError(`timeoutMs must be a number of milliseconds (negative: no limit), not ${timeoutMs}`);
  return new BulkQueryIterator(queries, timeoutMs);
}
