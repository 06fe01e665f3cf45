/**
 * JobEventLog, as Python `htcondor.JobEventLog`: `events(stopAfter)` iterates (no argument: follow forever; 0: what
 * is there now; N: wait up to N seconds in all for more, as the bindings' deadline), `close()`, and a resumable
 * position (the bindings' pickling: a byte offset). Plus a synchronous iterator over what is there now.
 */
import { JobEventLogError, JobEventLogTruncatedError } from './errors.js';
import type { JobEvent } from './job-event.js';
import { EventLogParser, type JobEventLogWarning, type LogFormat } from './parser.js';
import { bytesSource, isEventLogSource, type ByteInput, type EventLogSource, type Pulled } from './source.js';

/** Where to resume: JSON-serialisable (store it, then pass it as `options.position`). */
export interface JobEventLogPosition {
  /** byte offset of the next unread event */
  offset: number;
  /** the format detected at the start of the log (needed to resume in the middle of it) */
  format: LogFormat | null;
}

export interface JobEventLogOptions {
  /** resume here (from `log.position` of an earlier reader of the same log) */
  position?: JobEventLogPosition;
  /** called for what the reader skips (lines that are not events, ads without an event number) */
  onWarning?: (w: JobEventLogWarning) => void;
  /** the current time in seconds; legacy `MM/DD` dates take its year (as C++ does), and ads without EventTime its value */
  now?: () => number;
}

export interface EventsOptions {
  /** stops a waiting iteration */
  signal?: AbortSignal;
}

type PathOpener = (path: string) => EventLogSource;
let pathOpener: PathOpener | null = null;

/** @internal node-file.ts registers the Node file reader here, so portable code never imports node:fs. */
export function registerPathOpener(fn: PathOpener): void {
  pathOpener = fn;
}

export class JobEventLog implements Iterable<JobEvent>, AsyncIterable<JobEvent> {
  #source: EventLogSource;
  #parser: EventLogParser;
  #closed = false;

  /**
   * @param input a file name (Node: import `@htcondor-ts/event-log` under Node or `@htcondor-ts/event-log/node`), bytes, a
   *   ReadableStream / (async) iterable of Uint8Array chunks, or an EventLogSource
   */
  constructor(input: string | ByteInput | EventLogSource, options: JobEventLogOptions = {}) {
    if (typeof input === 'string') {
      if (!pathOpener) throw new JobEventLogError('reading a file needs the Node entry point (@htcondor-ts/event-log/node); elsewhere pass bytes or a stream');
      this.#source = pathOpener(input);
    } else this.#source = isEventLogSource(input) ? input : bytesSource(input);
    const pos = options.position;
    this.#parser = new EventLogParser({ offset: pos?.offset ?? 0, format: pos?.format ?? null, onWarning: options.onWarning, now: options.now });
    if (pos && pos.offset) {
      if (!this.#source.seek) throw new JobEventLogError(`${this.#source.name} cannot resume at an offset`);
      this.#source.seek(pos.offset);
    }
  }

  /** The position after the last event returned: pass it as `options.position` to resume there. */
  get position(): JobEventLogPosition {
    return { offset: this.#parser.offset, format: this.#parser.format };
  }

  /** The file name, or a placeholder for other sources. */
  get name(): string {
    return this.#source.name;
  }

  #take(p: Pulled): boolean {
    if (p.rotated) this.#parser.reset(0, null);
    if (p.bytes && p.bytes.length) {
      this.#parser.push(p.bytes);
      return true;
    }
    return false;
  }

  #ended(): void {
    if (this.#parser.hasPending) throw new JobEventLogTruncatedError(this.#parser.offset, this.#parser.pendingBytes);
  }

  /**
   * Events as they are written. `stopAfter`: undefined/null waits forever for more, 0 returns what is there now, N
   * waits up to N seconds (in all, from this call) for more. A finite stream ends the iteration when it ends.
   * A corrupt event throws JobEventLogParseError; the log has moved past it, so calling events() again continues.
   */
  async *events(stopAfter?: number | null, opts: EventsOptions = {}): AsyncIterableIterator<JobEvent> {
    if (stopAfter !== undefined && stopAfter !== null && !(typeof stopAfter === 'number' && stopAfter >= 0)) {
      throw new TypeError('stopAfter must be a non-negative number of seconds, or null');
    }
    const deadline = stopAfter === undefined || stopAfter === null ? Infinity : Date.now() + stopAfter * 1000;
    for (;;) {
      if (this.#closed) return;
      const ev = this.#parser.next();
      if (ev) {
        yield ev;
        continue;
      }
      const p = await this.#source.pull();
      if (this.#take(p)) continue;
      if (p.done) {
        this.#ended();
        return;
      }
      const left = deadline - Date.now();
      if (left <= 0 || opts.signal?.aborted) return;
      await this.#source.wait(left, opts.signal);
    }
  }

  /** What is there now, synchronously (sources that can read synchronously: files and bytes in memory). */
  *[Symbol.iterator](): Iterator<JobEvent> {
    const src = this.#source;
    if (!src.pullSync) throw new JobEventLogError(`${src.name} can only be read asynchronously (use events())`);
    for (;;) {
      if (this.#closed) return;
      const ev = this.#parser.next();
      if (ev) {
        yield ev;
        continue;
      }
      const p = src.pullSync();
      if (this.#take(p)) continue;
      if (p.done) this.#ended();
      return;
    }
  }

  /** Follows forever, as `events()`. */
  [Symbol.asyncIterator](): AsyncIterator<JobEvent> {
    return this.events();
  }

  /** Closes the underlying file; the log no longer iterates. */
  close(): void {
    this.#closed = true;
    this.#source.close();
  }

  /** Whether close() was called. */
  get closed(): boolean {
    return this.#closed;
  }
}
