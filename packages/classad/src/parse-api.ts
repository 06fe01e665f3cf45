/**
 * The parsing entry points of the Python `classad` module, in camelCase: parse, parseOne, parseAds,
 * parseNext, parseOld, parseOldAds, plus quote/unquote.
 */
import { ClassAd } from './classad.js';
import { parseClassAd, parseClassAdAt, parseExpression } from './parser.js';
import { parseJsonAds } from './json-parse.js';
import { parseXmlAds } from './xml.js';
import { Literal } from './ast.js';
import { unparseString } from './unparse.js';
import { ClassAdValueError } from './errors.js';

/** Which syntax to read (Python `classad.Parser`). */
export const Parser = { Auto: 0, Old: 1, New: 2, Json: 3, Xml: 4 } as const;
export type Parser = (typeof Parser)[keyof typeof Parser];

/** Parse a new-syntax ad `[ ... ]` (Python `parse`, deprecated there). */
export function parse(text: string): ClassAd {
  return parseClassAd(text);
}

/**
 * Iterate the ads of a long-form text (`condor_q -l` / `condor_status -l` output): `Name = value`
 * lines, ads separated by blank lines; lines starting with `#` are skipped (C++
 * `CondorClassAdFileParseHelper`). Values are kept as text and parsed on first access when `lazy`.
 */
export function* parseOldAds(text: string, options: { lazy?: boolean } = {}): IterableIterator<ClassAd> {
  const lazy = options.lazy ?? false;
  let ad = new ClassAd();
  let started = false;
  const n = text.length;
  let pos = 0;
  while (pos <= n) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = n;
    let lineEnd = end;
    if (lineEnd > pos && text.charCodeAt(lineEnd - 1) === 13) lineEnd--;
    // skip leading blanks to classify the line
    let i = pos;
    while (i < lineEnd && (text.charCodeAt(i) === 32 || text.charCodeAt(i) === 9)) i++;
    if (i === lineEnd) {
      if (started) {
        yield ad;
        ad = new ClassAd();
        started = false;
      }
    } else if (text.charCodeAt(i) !== 35 /* # */) {
      ad.insertWireRange(text, pos, lineEnd, lazy);
      started = true;
    }
    pos = end + 1;
  }
  if (started) yield ad;
}

/** One long-form ad from the whole text (blank lines ignored; later duplicates win). Python `parseOld`. */
export function parseOld(text: string): ClassAd {
  const out = new ClassAd();
  for (const ad of parseOldAds(text)) out.update(ad);
  return out;
}

function isWs(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\r' || c === '\n';
}

/**
 * Format detection as HTCondor's `Parse_auto`: `{` then `[` is a list of new-syntax ads
 * (`condor_status -ads:new`), `[` then `{` a JSON array; otherwise `[` new syntax, `{` JSON,
 * `<` XML, anything else the long form.
 */
function detect(text: string, from = 0): Parser {
  let i = from;
  while (i < text.length && isWs(text[i])) i++;
  const c = text[i];
  let j = i + 1;
  while (j < text.length && isWs(text[j])) j++;
  const c2 = text[j];
  if (c === '{') return c2 === '[' ? Parser.New : Parser.Json;
  if (c === '[') return c2 === '{' ? Parser.Json : Parser.New;
  if (c === '<') return Parser.Xml;
  return Parser.Old;
}

/**
 * Iterate the ads of a text (Python `parseAds`): long form, new syntax (`[...]` ads one after another), or
 * JSON (an object, objects, or an array of objects); `Parser.Auto` looks at the first character.
 */
export function* parseAds(text: string, parser: Parser = Parser.Auto): IterableIterator<ClassAd> {
  const p = parser === Parser.Auto ? detect(text) : parser;
  if (p === Parser.Old) {
    yield* parseOldAds(text);
    return;
  }
  if (p === Parser.Json) {
    yield* parseJsonAds(text);
    return;
  }
  if (p === Parser.Xml) {
    yield* parseXmlAds(text);
    return;
  }
  // new syntax: ads one after another, optionally as a list `{ [...], [...] }`
  let pos = 0;
  let inList = false;
  for (;;) {
    while (pos < text.length && isWs(text[pos])) pos++;
    if (!inList && text[pos] === '{') {
      inList = true;
      pos++;
      continue;
    }
    if (inList && (text[pos] === ',' || text[pos] === '}')) {
      if (text[pos] === '}') inList = false;
      pos++;
      continue;
    }
    const r = parseClassAdAt(text, pos);
    if (r === null) return;
    yield r.ad;
    pos = r.end;
  }
}

/** All ads of the text merged into one (Python `parseOne`). */
export function parseOne(text: string, parser: Parser = Parser.Auto): ClassAd {
  const out = new ClassAd();
  for (const ad of parseAds(text, parser)) out.update(ad);
  return out;
}

/**
 * The next ad of a text starting at `offset` (Python `parseNext`, which advances a file): returns the ad
 * and the offset after it, or null at the end. Long-form ads end at a blank line.
 */
export function parseNext(text: string, offset = 0, parser: Parser = Parser.Auto): { ad: ClassAd; end: number } | null {
  const p = parser === Parser.Auto ? detect(text, offset) : parser;
  if (p === Parser.New) {
    let i = offset;
    while (i < text.length && (isWs(text[i]) || text[i] === ',' || text[i] === '{' || text[i] === '}')) i++;
    return parseClassAdAt(text, i);
  }
  if (p === Parser.Json || p === Parser.Xml) {
    const rest = text.slice(offset);
    const ads = p === Parser.Json ? parseJsonAds(rest) : parseXmlAds(rest);
    const first = ads[0];
    return first ? { ad: first, end: text.length } : null;
  }
  // long form: up to the next blank line after some content
  let pos = offset;
  let started = false;
  const ad = new ClassAd();
  while (pos < text.length) {
    let end = text.indexOf('\n', pos);
    if (end < 0) end = text.length;
    const line = text.slice(pos, end).replace(/\r$/, '');
    const t = line.trim();
    pos = end + 1;
    if (t.length === 0) {
      if (started) return { ad, end: Math.min(pos, text.length) };
      continue;
    }
    if (t[0] === '#') continue;
    ad.insertFromWire(line);
    started = true;
  }
  return started ? { ad, end: text.length } : null;
}

/** A new-syntax string literal for `s`, with ClassAd escaping (Python `quote`). */
export function quote(s: string): string {
  return unparseString(s, '"', false);
}

/** The string a new-syntax string literal stands for (Python `unquote`). */
export function unquote(text: string): string {
  const t = parseExpression(text);
  if (t instanceof Literal && typeof t.value === 'string') return t.value;
  throw new ClassAdValueError(`not a string literal: ${text.length > 60 ? text.slice(0, 57) + '...' : text}`);
}

