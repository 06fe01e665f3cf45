// ClassAds on the wire (putClassAd / getClassAd in src/condor_utils/classad_oldnew.cpp):
//   int N; N strings "Name = <expr in old syntax>"; then two strings (MyType, TargetType; modern peers send "" "").
// A private attribute may come as the marker "ZKM" followed by the real line (sent with put_secret).
// The reader is resumable: it keeps its place when the message runs dry, so a large reply decodes in one pass.
import { HTCondorProtocolError } from '../errors.js';
import type { MessageReader } from './message-reader.js';
import type { MessageWriter } from './message-writer.js';

const SECRET_MARKER = 'ZKM';
/** No real ad has this many attributes; a larger count is a desync, refused before allocating. */
const MAX_ATTRIBUTES = 1_000_000;

export interface WireAd {
  /** The "Name = expr" lines in wire order. */
  lines: string[];
  /** The two trailing strings (historically MyType and TargetType). */
  myType: string;
  targetType: string;
}

export class WireAdReader {
  #state: 0 | 1 | 2 | 3 = 0;
  #n = 0;
  #lines: string[] = [];
  #myType = '';
  #secretNext = false;
  readonly #withTypes: boolean;

  constructor(withTypes = true) {
    this.#withTypes = withTypes;
  }

  /** Reads as much of one ad as is buffered; returns it once complete, else undefined (call again after fill()). */
  tryRead(r: MessageReader, cryptoMode: boolean): WireAd | undefined {
    if (this.#state === 0) {
      const n = r.tryInt();
      if (n === undefined) return undefined;
      if (n < 0 || n > MAX_ATTRIBUTES) throw new HTCondorProtocolError(`bad ClassAd on the wire: ${n} attributes`);
      this.#n = n;
      this.#state = 1;
    }
    if (this.#state === 1) {
      const lines = this.#lines;
      while (lines.length < this.#n) {
        const s = r.tryString(cryptoMode);
        if (s === undefined) return undefined;
        if (s === null) throw new HTCondorProtocolError('bad ClassAd on the wire: a NULL attribute line');
        if (!this.#secretNext && s === SECRET_MARKER) {
          this.#secretNext = true;
          continue;
        }
        this.#secretNext = false;
        lines.push(s);
      }
      this.#state = this.#withTypes ? 2 : 3;
    }
    if (this.#state === 2) {
      const t = r.tryString(cryptoMode);
      if (t === undefined) return undefined;
      this.#myType = t ?? '';
      this.#state = 3;
      if (!this.#withTypes) return this.#done('');
    }
    if (this.#withTypes) {
      const t = r.tryString(cryptoMode);
      if (t === undefined) return undefined;
      return this.#done(t ?? '');
    }
    return this.#done('');
  }

  #done(targetType: string): WireAd {
    const ad = { lines: this.#lines, myType: this.#myType, targetType };
    this.#state = 0;
    this.#n = 0;
    this.#lines = [];
    this.#myType = '';
    return ad;
  }
}

/** Writes an ad given as "Name = expr" lines (old syntax), with the two empty trailing type strings. */
export function putWireAd(w: MessageWriter, lines: readonly string[], cryptoMode: boolean): void {
  w.putInt(lines.length);
  for (const l of lines) w.putString(l, cryptoMode);
  w.putString('', cryptoMode);
  w.putString('', cryptoMode);
}
