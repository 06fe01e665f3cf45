/**
 * The incremental event log parser: bytes in (any chunking), complete events out. It detects the format from the
 * first non-blank character as C++ ReadUserLog::determineLogType does (`<` XML, `{` JSON, anything else text), and
 * hands out an event only once all of it is there: a text event when its `...` sync line has arrived, a JSON or XML
 * event when its closing brace or `</c>` has. A half-written last event therefore just waits.
 * It tracks the byte offset of the next unread event, which is the resumable position.
 */
import { parseJsonAd, parseXmlAds, type ClassAd } from '@htcondor-ts/classad';
import { eventFromAd } from './ad-events.js';
import { JobEventLogParseError } from './errors.js';
import { JobEvent } from './job-event.js';
import { Lines, TEXT_READERS, readFuture } from './text-events.js';
import { readHeader } from './time.js';
import type { Extras, Rec } from './model.js';

export type LogFormat = 'text' | 'json' | 'xml';

/** Something the reader skipped, as the C++ reader does silently (a line that is not an event header, ...). */
export interface JobEventLogWarning {
  offset: number;
  message: string;
}

function utf8Length(s: string, from: number, to: number): number {
  let n = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n++;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

const NON_ASCII = /[^\x00-\x7f]/;

/** Whether every byte is below 0x80, four bytes at a time where the buffer is aligned. */
function isAscii(b: Uint8Array): boolean {
  let i = 0;
  const n = b.length;
  if (b.byteOffset % 4 === 0 && n >= 64) {
    const words = new Uint32Array(b.buffer, b.byteOffset, n >>> 2);
    for (let w = 0; w < words.length; w++) if ((words[w]! & 0x80808080) !== 0) return false;
    i = words.length << 2;
  }
  for (; i < n; i++) if (b[i]! >= 0x80) return false;
  return true;
}

export interface ParserOptions {
  format?: LogFormat | null;
  offset?: number;
  onWarning?: (w: JobEventLogWarning) => void;
  /** current time in seconds, for legacy MM/DD dates and ads without EventTime */
  now?: () => number;
}

export class EventLogParser {
  #dec = new TextDecoder('utf-8');
  #carry: Uint8Array | null = null;
  #buf = '';
  #pos = 0;
  #ascii = true;
  /** a carriage return was seen (CRLF logs): the slower line handling is needed */
  #cr = false;
  #offset: number;
  #format: LogFormat | null;
  #warn: (w: JobEventLogWarning) => void;
  #now: () => number;

  constructor(opts: ParserOptions = {}) {
    this.#offset = opts.offset ?? 0;
    this.#format = opts.format ?? null;
    this.#warn = opts.onWarning ?? (() => {});
    this.#now = opts.now ?? (() => Date.now() / 1000);
  }

  /** Byte offset of the next unread event. */
  get offset(): number {
    return this.#offset;
  }

  get format(): LogFormat | null {
    return this.#format;
  }

  /** Whether unread text other than white space is buffered (an incomplete event). */
  get hasPending(): boolean {
    if (this.#carry) return true;
    return /\S/.test(this.#buf.slice(this.#pos, this.#pos + 4096)) || this.#buf.length - this.#pos > 4096;
  }

  /** Bytes buffered but not yet consumed. */
  get pendingBytes(): number {
    if (this.#carry) return this.#carry.length + (this.#ascii ? this.#buf.length - this.#pos : utf8Length(this.#buf, this.#pos, this.#buf.length));
    return this.#ascii ? this.#buf.length - this.#pos : utf8Length(this.#buf, this.#pos, this.#buf.length);
  }

  /** Append bytes. */
  push(bytes: Uint8Array): void {
    if (!bytes.length) return;
    // Node's TextDecoder is several times slower in streaming mode, so whole characters are decoded in one call
    // and only the bytes of a character split across chunks are carried to the next push.
    let b = bytes;
    if (this.#carry) {
      const joined = new Uint8Array(this.#carry.length + b.length);
      joined.set(this.#carry);
      joined.set(b, this.#carry.length);
      b = joined;
      this.#carry = null;
    }
    const ascii = isAscii(b);
    let end = b.length;
    if (!ascii) {
      // back up over an incomplete trailing UTF-8 sequence (at most 3 bytes)
      let k = end - 1;
      while (k > 0 && k > end - 4 && (b[k]! & 0xc0) === 0x80) k--;
      const lead = b[k]!;
      const need = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
      if (k + need > end) end = k;
      if (end < b.length) this.#carry = b.slice(end);
    }
    const text = this.#dec.decode(end === b.length ? b : b.subarray(0, end));
    if (this.#pos > 0) {
      this.#buf = this.#buf.slice(this.#pos);
      this.#pos = 0;
      if (!this.#ascii) this.#ascii = !NON_ASCII.test(this.#buf);
    }
    this.#buf = this.#buf.length ? this.#buf + text : text;
    this.#ascii = this.#ascii && ascii;
    if (!this.#cr && text.includes('\r')) this.#cr = true;
  }

  /** Forget buffered text and start at `offset` of a new byte sequence (a rotated or reopened file). */
  reset(offset = 0, format: LogFormat | null = null): void {
    this.#carry = null;
    this.#buf = '';
    this.#pos = 0;
    this.#ascii = true;
    this.#cr = false;
    this.#offset = offset;
    this.#format = format;
  }

  #advance(to: number): void {
    this.#offset += this.#ascii ? to - this.#pos : utf8Length(this.#buf, this.#pos, to);
    this.#pos = to;
  }

  /**
   * The next complete event, or null when more bytes are needed. Throws JobEventLogParseError for a complete event
   * that does not parse, after moving past it.
   */
  next(): JobEvent | null {
    for (;;) {
      if (this.#format === null) {
        const m = /\S/.exec(this.#buf.slice(this.#pos, this.#pos + 65536));
        if (!m) return null;
        const c = m[0];
        // C++ determineLogType knows a log only by its first non-blank character: '<', '{' or the '0' of an event
        // number; with anything else the bindings read nothing from the file, ever.
        if (c !== '<' && c !== '{' && c !== '0') {
          throw new JobEventLogParseError(`not a job event log: it starts with ${JSON.stringify(c)}, not an event number, '<' or '{'`, this.#offset);
        }
        this.#format = c === '<' ? 'xml' : c === '{' ? 'json' : 'text';
      }
      const r = this.#format === 'text' ? this.#text() : this.#format === 'json' ? this.#json() : this.#xml();
      if (r !== undefined) return r;
    }
  }

  /** Skip the rest of the current line, with a warning unless it is blank or a stray sync line. */
  #skipLine(lineEnd: number, line: string): void {
    const t = line.trim();
    if (t !== '' && t !== '...') this.#warn({ offset: this.#offset, message: `skipped a line that is not an event: ${JSON.stringify(line.slice(0, 80))}` });
    this.#advance(lineEnd + 1);
  }

  /** undefined: skipped something, call again */
  #text(): JobEvent | null | undefined {
    const buf = this.#buf;
    const start = this.#pos;
    if (start >= buf.length) return null;
    const lineEnd = buf.indexOf('\n', start);
    if (lineEnd < 0) return null;
    const c0 = buf.charCodeAt(start),
      c1 = buf.charCodeAt(start + 1),
      c2 = buf.charCodeAt(start + 2);
    if (!(c0 >= 48 && c0 <= 57 && c1 >= 48 && c1 <= 57 && c2 >= 48 && c2 <= 57 && buf.charCodeAt(start + 3) === 32)) {
      this.#skipLine(lineEnd, buf.slice(start, lineEnd));
      return undefined;
    }
    // find the sync line: "..." alone on a line (CRLF tolerated)
    let from = lineEnd;
    let syncAt: number;
    let end: number;
    if (!this.#cr) {
      // no carriage return anywhere: one search finds it
      const k = buf.indexOf('\n...\n', lineEnd);
      if (k < 0) return null;
      syncAt = k;
      end = k + 5;
    } else for (;;) {
      const k = buf.indexOf('\n...', from);
      if (k < 0) return null;
      const a = buf.charCodeAt(k + 4);
      if (a === 10) {
        syncAt = k;
        end = k + 5;
        break;
      }
      if (a === 13 && buf.charCodeAt(k + 5) === 10) {
        syncAt = k;
        end = k + 6;
        break;
      }
      if (Number.isNaN(a) || (a === 13 && k + 5 >= buf.length)) return null;
      from = k + 1;
    }
    const body = buf.slice(start, syncAt);
    const lines = body.split('\n');
    if (this.#cr) {
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i] as string;
        if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
      }
    }
    const at = this.#offset;
    this.#advance(end);
    return this.#textEvent(lines, at);
  }

  #textEvent(lines: string[], at: number): JobEvent {
    const head = lines[0] as string;
    const type = (head.charCodeAt(0) - 48) * 100 + (head.charCodeAt(1) - 48) * 10 + (head.charCodeAt(2) - 48);
    const h = readHeader(head, this.#now);
    if (!h || h.rest < 0) throw new JobEventLogParseError(`event ${head.slice(0, 3)} has a malformed header`, at);
    lines[0] = head.slice(h.rest);
    const c = new Lines(lines);
    const rec: Rec = {};
    const extras: Extras = {};
    const reader = TEXT_READERS[type];
    let ok: boolean;
    try {
      ok = reader ? reader(c, rec, extras) : readFuture(c, extras);
    } catch (e) {
      throw new JobEventLogParseError(`event ${head.slice(0, 3)} does not parse: ${(e as Error).message}`, at, { cause: e });
    }
    if (!ok) throw new JobEventLogParseError(`event ${head.slice(0, 3)} (${h.cluster}.${h.proc}.${h.subproc}) does not parse`, at);
    if (type === 22 && (!rec['DisconnectReason'] || !rec['StartdAddr'] || !rec['StartdName'])) extras.noAd = 'JobDisconnectedEvent lacks a field';
    if (type === 23 && (!rec['StartdAddr'] || !rec['StartdName'] || !rec['StarterAddr'])) extras.noAd = 'JobReconnectedEvent lacks a field';
    if (type === 24 && (!rec['Reason'] || !rec['StartdName'])) extras.noAd = 'JobReconnectFailedEvent lacks a field';
    return new JobEvent({ type, cluster: h.cluster, proc: h.proc, subproc: h.subproc, clock: h.clock, eventTime: h.eventTime, rec, extras });
  }

  #skipGarbage(): void {
    const buf = this.#buf;
    let e = buf.indexOf('\n', this.#pos);
    if (e < 0) e = buf.length - 1;
    this.#skipLine(e, buf.slice(this.#pos, e));
  }

  #skipSpace(): boolean {
    const buf = this.#buf;
    let i = this.#pos;
    while (i < buf.length) {
      const c = buf.charCodeAt(i);
      if (c === 32 || (c >= 9 && c <= 13)) i++;
      else break;
    }
    if (i > this.#pos) this.#advance(i);
    return i < buf.length;
  }

  #fromAd(parse: () => ClassAd, at: number, what: string): JobEvent | undefined {
    let ad: ClassAd;
    try {
      ad = parse();
    } catch (e) {
      throw new JobEventLogParseError(`a ${what} event does not parse: ${(e as Error).message}`, at, { cause: e });
    }
    const parts = eventFromAd(ad, this.#now);
    if (!parts) {
      this.#warn({ offset: at, message: `skipped a ${what} ad without EventTypeNumber` });
      return undefined;
    }
    return new JobEvent(parts);
  }

  #json(): JobEvent | null | undefined {
    if (!this.#skipSpace()) return null;
    const buf = this.#buf;
    const start = this.#pos;
    if (buf[start] !== '{') {
      if (buf.indexOf('\n', start) < 0) return null;
      this.#skipGarbage();
      return undefined;
    }
    let depth = 0;
    let i = start;
    const n = buf.length;
    for (; i < n; i++) {
      const c = buf.charCodeAt(i);
      if (c === 34) {
        // skip a string, honouring backslash escapes
        for (i++; i < n; i++) {
          const d = buf.charCodeAt(i);
          if (d === 92) i++;
          else if (d === 34) break;
        }
      } else if (c === 123 || c === 91) depth++;
      else if (c === 125 || c === 93) {
        if (--depth === 0) break;
      }
    }
    if (i >= n) return null;
    const text = buf.slice(start, i + 1);
    const at = this.#offset;
    this.#advance(i + 1);
    return this.#fromAd(() => parseJsonAd(text), at, 'JSON');
  }

  #xml(): JobEvent | null | undefined {
    if (!this.#skipSpace()) return null;
    const buf = this.#buf;
    const start = this.#pos;
    if (buf.startsWith('<?', start) || buf.startsWith('<!', start)) {
      const e = buf.indexOf('>', start);
      if (e < 0) return null;
      this.#advance(e + 1);
      return undefined;
    }
    if (buf.startsWith('<classads>', start) || buf.startsWith('</classads>', start)) {
      this.#advance(buf.indexOf('>', start) + 1);
      return undefined;
    }
    if (start + 3 > buf.length) return null;
    if (!(buf.startsWith('<c>', start) || buf.startsWith('<c ', start))) {
      if (buf.indexOf('\n', start) < 0) return null;
      this.#skipGarbage();
      return undefined;
    }
    // find the matching </c>: nested ads (ExecuteProps, ToE) are <c> elements too
    let depth = 0;
    let i = start;
    let end = -1;
    for (;;) {
      const k = buf.indexOf('<', i);
      if (k < 0 || k + 4 > buf.length) break;
      if (buf.charCodeAt(k + 1) === 99 /* c */ && (buf[k + 2] === '>' || buf[k + 2] === ' ')) depth++;
      else if (buf.startsWith('</c>', k)) {
        if (--depth === 0) {
          end = k + 4;
          break;
        }
      } else if (buf.startsWith('<c/>', k)) {
        /* an empty nested ad */
      }
      i = k + 1;
    }
    if (end < 0) return null;
    const text = buf.slice(start, end);
    const at = this.#offset;
    this.#advance(end);
    return this.#fromAd(
      () => {
        const ads = parseXmlAds(text);
        if (ads.length !== 1) throw new Error('expected one <c> element');
        return ads[0] as ClassAd;
      },
      at,
      'XML',
    );
  }
}
