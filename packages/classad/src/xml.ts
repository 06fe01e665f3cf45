/**
 * The XML form of ClassAds (`condor_q -xml`, `condor_status -xml`): writer identical to C++
 * `ClassAdXMLUnParser` (xmlSink.cpp), reader following `ClassAdXMLParser` (xmlSource.cpp) on top of
 * fast-xml-parser. Tags: <classads> <c> <a n="..."> <i> <r> <s> <b v="t|f"/> <un/> <er/> <at> <rt> <l> <e>.
 */
import { XMLParser } from 'fast-xml-parser';
import { ExprTree, Literal, ExprList } from './ast.js';
import { ClassAd } from './classad.js';
import { AbsTime, RelTime, Value } from './values.js';
import type { LiteralValue } from './values.js';
import { unparse, unparseString } from './unparse.js';
import { formatE15 } from './real-format.js';
import { absTimeToString } from './time-format.js';
import { parseExpression } from './parser.js';
import { convertEscapes } from './lexer.js';
import { parseAbsTimeString, parseRelTimeString } from './time-literals.js';
import { ClassAdParseError } from './errors.js';

class XmlWriter {
  out = '';
  constructor(readonly compact: boolean) {}

  value(v: LiteralValue): void {
    switch (typeof v) {
      case 'string': {
        // new-syntax escaping without a delimiter, then XML escaping
        this.out += '<s>' + unparseString(v, '', false, true) + '</s>';
        return;
      }
      case 'bigint':
        this.out += '<i>' + v.toString() + '</i>';
        return;
      case 'number': {
        let t: string;
        // C++ tests `real == 0.0` first, which -0.0 also passes
        if (v === 0) t = '0.0';
        else if (Number.isNaN(v)) t = 'NaN';
        else if (v === Infinity) t = 'INF';
        else if (v === -Infinity) t = '-INF';
        else t = formatE15(v);
        this.out += '<r>' + t + '</r>';
        return;
      }
      case 'boolean':
        this.out += v ? '<b v="t"/>' : '<b v="f"/>';
        return;
      case 'symbol':
        this.out += v === Value.Undefined ? '<un/>' : '<er/>';
        return;
      default:
        if (v instanceof AbsTime) this.out += '<at>' + absTimeToString(v) + '</at>';
        // a relative-time literal's value is a REAL in C++ (ReltimeLiteral::GetValue)
        else if (v instanceof RelTime) this.value(v.secs);
    }
  }

  expr(t: ExprTree, indent: number): void {
    if (t instanceof Literal) this.value(t.value);
    else if (t instanceof ClassAd) this.ad(t, indent);
    else if (t instanceof ExprList) {
      this.out += '<l>';
      for (const e of t.exprs) this.expr(e, indent);
      this.out += '</l>';
    } else this.out += '<e>' + unparse(t, { xml: true }) + '</e>';
  }

  ad(ad: ClassAd, indent: number): void {
    this.out += '<c>';
    if (!this.compact) this.out += '\n';
    for (const [name, e] of ad.exprEntries()) {
      if (!this.compact) this.out += ' '.repeat(indent + 4);
      const n = unparseString(name, '"', false, true).slice(1, -1);
      this.out += `<a n="${n}">`;
      this.expr(e, indent + 4);
      this.out += '</a>';
      if (!this.compact) this.out += '\n';
    }
    if (!this.compact) this.out += ' '.repeat(indent);
    this.out += '</c>';
    if (!this.compact && indent === 0) this.out += '\n';
  }
}

/** One ad in XML (C++ `ClassAdXMLUnParser`; `compact` false is what condor_q -xml writes). */
export function unparseXml(ad: ClassAd, compact = false): string {
  const w = new XmlWriter(compact);
  w.ad(ad, 0);
  return w.out;
}

/** A whole `condor_q -xml` document: header, the ads, footer (C++ AddClassAdXMLFileHeader/Footer). */
export function printXmlDocument(ads: Iterable<ClassAd>): string {
  let s = '<?xml version="1.0"?>\n<!DOCTYPE classads SYSTEM "classads.dtd">\n<classads>\n';
  for (const ad of ads) s += unparseXml(ad, false);
  return s + '</classads>\n';
}

type XNode = Record<string, unknown>;

const xml = new XMLParser({
  preserveOrder: true,
  ignoreAttributes: false,
  attributeNamePrefix: '',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: false,
  processEntities: true,
  htmlEntities: false,
  ignoreDeclaration: true,
  ignorePiTags: true,
});

function tagOf(n: XNode): string | undefined {
  for (const k of Object.keys(n)) if (k !== ':@') return k;
  return undefined;
}

function textOf(children: unknown): string {
  if (!Array.isArray(children)) return '';
  let s = '';
  for (const c of children as XNode[]) if ('#text' in c) s += String(c['#text']);
  return s;
}

function elements(children: unknown): XNode[] {
  if (!Array.isArray(children)) return [];
  return (children as XNode[]).filter((c) => !('#text' in c));
}

function fail(msg: string): never {
  throw new ClassAdParseError(`invalid ClassAd XML: ${msg}`);
}

function readValue(n: XNode): ExprTree {
  const tag = tagOf(n) as string;
  const kids = n[tag];
  switch (tag) {
    case 'i': {
      const t = textOf(kids);
      if (!/^-?\d+/.test(t)) return new Literal(Value.Error);
      const v = BigInt((/^-?\d+/.exec(t) as RegExpExecArray)[0]);
      return new Literal(v > 0x7fffffffffffffffn || v < -0x8000000000000000n ? Value.Error : v);
    }
    case 'r': {
      const t = textOf(kids).trim();
      const m = /^[-+]?(?:inf(?:inity)?|nan|(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?)/i.exec(t);
      if (!m) return new Literal(Value.Error);
      const s = m[0].toLowerCase();
      const v = s.includes('nan') ? NaN : s.includes('inf') ? (s.startsWith('-') ? -Infinity : Infinity) : Number(s);
      return new Literal(v);
    }
    case 's': {
      const s = convertEscapes(textOf(kids));
      if (s === null) fail('string with a NUL');
      return new Literal(s);
    }
    case 'b': {
      const v = String(((n[':@'] as XNode | undefined) ?? {})['v'] ?? '');
      return new Literal(v === 't' || v === 'T');
    }
    case 'un':
      return new Literal(Value.Undefined);
    case 'er':
      return new Literal(Value.Error);
    case 'at': {
      const t = parseAbsTimeString(textOf(kids));
      return t ? new Literal(t) : fail('bad absolute time');
    }
    case 'rt': {
      const t = parseRelTimeString(textOf(kids));
      return t ? new Literal(t) : fail('bad relative time');
    }
    case 'l':
      return new ExprList(elements(kids).map(readValue));
    case 'c':
      return readAd(kids);
    case 'e':
      return parseExpression(textOf(kids));
  }
  return fail(`unexpected <${tag}>`);
}

function readAd(children: unknown): ClassAd {
  const ad = new ClassAd();
  for (const a of elements(children)) {
    if (tagOf(a) !== 'a') continue;
    const name = String(((a[':@'] as XNode | undefined) ?? {})['n'] ?? '');
    const vals = elements(a['a']);
    const v = vals[0];
    if (!v) fail(`attribute ${name} has no value`);
    if (name.length) ad.insert(convertEscapes(name) ?? name, readValue(v));
  }
  return ad;
}

/** Read every <c> ad of an XML text (a `<classads>` document or bare <c> elements). */
export function parseXmlAds(text: string): ClassAd[] {
  let doc: unknown;
  try {
    doc = xml.parse(text);
  } catch (e) {
    throw new ClassAdParseError(`invalid XML: ${(e as Error).message}`, undefined, { cause: e });
  }
  const ads: ClassAd[] = [];
  const walk = (nodes: unknown): void => {
    for (const n of elements(nodes)) {
      const tag = tagOf(n);
      if (tag === 'c') ads.push(readAd(n['c']));
      else if (tag === 'classads') walk(n['classads']);
    }
  };
  walk(doc);
  return ads;
}
