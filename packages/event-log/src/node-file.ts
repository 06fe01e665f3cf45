/// <reference types="node" />
/**
 * The Node file reader: the only module of this package that touches node:*. Importing it lets `new JobEventLog(path)`
 * open files. It reads from a byte offset, notices appended bytes by polling (fs.watch is unreliable on network and
 * container file systems), and handles rotation as C++ ReadUserLog does for a non-rotated log: at the end of the file,
 * if the path now names another file (or the file shrank), reading starts again at byte 0 of the new one.
 */
import { closeSync, fstatSync, openSync, readSync, statSync } from 'node:fs';
import { JobEventLogError } from './errors.js';
import { JobEventLog, registerPathOpener, type JobEventLogOptions } from './job-event-log.js';
import type { EventLogSource, Pulled } from './source.js';

const CHUNK = 1 << 20;

export interface FileSourceOptions {
  /** how often to look for new bytes while waiting (ms); the default, 100, keeps events within 1 s of being written */
  pollIntervalMs?: number;
}

export class FileSource implements EventLogSource {
  readonly name: string;
  #fd: number | null;
  #ino: number;
  #offset = 0;
  #poll: number;

  constructor(path: string, opts: FileSourceOptions = {}) {
    this.name = path;
    this.#poll = opts.pollIntervalMs ?? 100;
    try {
      this.#fd = openSync(path, 'r');
      this.#ino = fstatSync(this.#fd).ino;
    } catch (e) {
      throw new JobEventLogError(`JobEventLog cannot open ${path}: ${(e as Error).message}`, { cause: e });
    }
  }

  #read(): Uint8Array | null {
    if (this.#fd === null) return null;
    // read straight into the buffer handed to the parser (one copy); at most 2 MiB per pull keeps memory flat
    const out = new Uint8Array(2 * CHUNK);
    let total = 0;
    while (total < out.length) {
      const n = readSync(this.#fd, out, total, Math.min(CHUNK, out.length - total), this.#offset);
      if (n <= 0) break;
      this.#offset += n;
      total += n;
      if (n < CHUNK) break;
    }
    return total ? out.subarray(0, total) : null;
  }

  /** Whether the path now names a different file, or the file shrank (truncated and rewritten). */
  #replaced(): boolean {
    try {
      const st = statSync(this.name);
      return st.ino !== this.#ino || st.size < this.#offset;
    } catch {
      return false; // renamed away and not yet recreated: keep waiting on the old one
    }
  }

  pullSync(): Pulled {
    const b = this.#read();
    if (b) return { bytes: b, done: false };
    if (this.#fd !== null && this.#replaced()) {
      closeSync(this.#fd);
      this.#fd = openSync(this.name, 'r');
      this.#ino = fstatSync(this.#fd).ino;
      this.#offset = 0;
      return { bytes: this.#read(), done: false, rotated: true };
    }
    return { bytes: null, done: false };
  }

  async pull(): Promise<Pulled> {
    return this.pullSync();
  }

  wait(timeoutMs: number, signal?: AbortSignal): Promise<boolean> {
    return new Promise((resolve) => {
      const until = Date.now() + timeoutMs;
      let t: ReturnType<typeof setTimeout> | undefined;
      const done = (v: boolean): void => {
        if (t) clearTimeout(t);
        signal?.removeEventListener('abort', onAbort);
        resolve(v);
      };
      const onAbort = (): void => done(false);
      signal?.addEventListener('abort', onAbort, { once: true });
      const tick = (): void => {
        if (this.#fd === null) return done(false);
        try {
          if (fstatSync(this.#fd).size > this.#offset || this.#replaced()) return done(true);
        } catch {
          return done(false);
        }
        const left = until - Date.now();
        if (left <= 0) return done(false);
        t = setTimeout(tick, Math.min(this.#poll, left));
      };
      tick();
    });
  }

  seek(offset: number): void {
    this.#offset = offset;
  }

  close(): void {
    if (this.#fd !== null) closeSync(this.#fd);
    this.#fd = null;
  }
}

registerPathOpener((path) => new FileSource(path));

/** Opens a job event log file (the same as `new JobEventLog(path, options)` once this module is loaded). */
export function openJobEventLog(path: string, options: JobEventLogOptions & FileSourceOptions = {}): JobEventLog {
  return new JobEventLog(new FileSource(path, options), options);
}
