// ClassAds on the wire (putClassAd / getClassAd in src/condor_utils/classad_oldnew.cpp):
//   int N; N strings "Name = <expr in old syntax>"; then two strings (MyType, TargetType; modern peers send "" "").
// A private attribute may come as the marker "ZKM" followed by the real line (sent with put_secret).
// The reader is resumable: it keeps its place when the message runs dry, so a large reply decodes in one pass.
// It splits each line at its first '=' on the bytes (C++ SplitLongFormAttrValue) and decodes name and value
// separately; a name equal to the one at the same position in the previous ad is reused, not decoded again
// (ads of one reply mostly list the same attributes in the same order).
import { HTCondorProtocolError } from '../errors.js';
import type { MessageReader } from './message-reader.js';
import type { MessageWriter } from './message-writer.js';
import { decodeUtf8 } from './utf8.js';

const SECRET_MARKER = [0x5a, 0x4b, 0x4d]; // "ZKM"
/** No real ad has this many attributes; a larger count is a desync, refused before allocating. */
const MAX_ATTRIBUTES = 1_000_000;

export interface WireAd {
  /** Attribute names in wire order. */
  names: string[];
  /** The matching values: unparsed old-syntax expression text. */
  values: string[];
  /** The two trailing strings (historically MyType and TargetType). */
  myType: string;
  targetType: string;
}

/** The "Name = expr" lines of a wire ad. */
export function wireAdLines(ad: WireAd): string[] {
  return ad.names.map((n, i) => `${n} = ${ad.values[i]}`);
}

function isSpace(c: number): boolean {
  return c === 32 || (c >= 9 && c <= 13);
}

export class WireAdReader {
  #state: 0 | 1 | 2 | 3 = 0;
  #n = 0;
  #names: string[] = [];
  #values: string[] = [];
  #myType = '';
  #secretNext = false;
  readonly #withTypes: boolean;
  /** The previous ad's names by position, and their bytes, for reuse. */
  #cacheNames: string[] = [];
  #cacheBytes: Uint8Array[] = [];

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
      const names = this.#names;
      while (names.length < this.#n) {
        if (!r.tryRawString(cryptoMode)) return undefined;
        if (r.rawNull) throw new HTCondorProtocolError('bad ClassAd on the wire: a NULL attribute line');
        const buf = r.buffer;
        const start = r.rawStart;
        const end = r.rawEnd;
        if (!this.#secretNext && end - start === 3 && buf[start] === SECRET_MARKER[0] && buf[start + 1] === SECRET_MARKER[1] && buf[start + 2] === SECRET_MARKER[2]) {
          this.#secretNext = true;
          continue;
        }
        this.#secretNext = false;
        this.#split(buf, start, end, names.length);
      }
      this.#state = this.#withTypes ? 2 : 3;
    }
    if (!this.#withTypes) return this.#done('');
    if (this.#state === 2) {
      const t = r.tryString(cryptoMode);
      if (t === undefined) return undefined;
      this.#myType = t ?? '';
      this.#state = 3;
    }
    const t = r.tryString(cryptoMode);
    if (t === undefined) return undefined;
    return this.#done(t ?? '');
  }

  #split(buf: Uint8Array, start: number, end: number, pos: number): void {
    let i = start;
    while (i < end && isSpace(buf[i]!)) i++;
    let eq = i;
    while (eq < end && buf[eq] !== 0x3d) eq++;
    let e = eq;
    while (e > i && buf[e - 1] === 32) e--;
    if (eq === end || e === i) {
      const shown = decodeUtf8(buf, start, Math.min(end, start + 80));
      throw new HTCondorProtocolError(`bad ClassAd on the wire: ${JSON.stringify(shown)} is not an attribute assignment`);
    }
    let v = eq + 1;
    while (v < end && buf[v] === 32) v++;
    let name: string | undefined;
    const cached = this.#cacheBytes[pos];
    if (cached && cached.length === e - i) {
      let k = 0;
      while (k < cached.length && cached[k] === buf[i + k]) k++;
      if (k === cached.length) name = this.#cacheNames[pos];
    }
    if (name === undefined) {
      name = decodeUtf8(buf, i, e);
      this.#cacheNames[pos] = name;
      this.#cacheBytes[pos] = buf.slice(i, e);
    }
    this.#names.push(name);
    this.#values.push(decodeUtf8(buf, v, end));
  }

  #done(targetType: string): WireAd {
    const ad = { names: this.#names, values: this.#values, myType: this.#myType, targetType };
    this.#state = 0;
    this.#n = 0;
    this.#names = [];
    this.#values = [];
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
