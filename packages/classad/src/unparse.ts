/**
 * Unparsers identical to C++ `ClassAdUnParser` (src/classad/sink.cpp, 23.9.6): the compact new syntax
 * (`ExprTree#toString`) and the old syntax used on the wire and by `condor_q -l`.
 *
 * String bytes: the C++ unparser works on UTF-8 bytes and, in new syntax, prints every byte that is not
 * printable ASCII as a 3-digit octal escape (so "é" becomes "\303\251"). Old syntax escapes only the quote.
 */
import type { ExprTree, Literal, AttributeReference, Operation, FunctionCall, ExprList } from './ast.js';
import type { ClassAd } from './classad.js';
import { Value, AbsTime, RelTime } from './values.js';
import type { LiteralValue } from './values.js';
import { unparseReal } from './real-format.js';
import { absTimeToString, relTimeToString } from './time-format.js';

/** Operator spellings indexed by OpKind, exactly C++ `ClassAdUnParser::opString` (spaces included). */
const OP_STRING: readonly string[] = [
  '',
  ' < ',
  ' <= ',
  ' != ',
  ' == ',
  ' >= ',
  ' > ',
  ' is ',
  ' isnt ',
  ' +',
  ' -',
  ' + ',
  ' - ',
  ' * ',
  ' / ',
  ' % ',
  ' !',
  ' || ',
  ' && ',
  ' ~',
  ' | ',
  ' ^ ',
  ' & ',
  ' << ',
  ' >> ',
  ' >>> ',
  ' () ',
  ' [] ',
  ' ?: ',
];

const RESERVED = new Set(['error', 'false', 'is', 'isnt', 'parent', 'true', 'undefined']);

const utf8 = new TextEncoder();

/** Unparser settings: old syntax, old syntax inside an attribute value (nested ads keep brackets), XML escaping. */
export interface UnparseOptions {
  old?: boolean;
  oldValue?: boolean;
  xml?: boolean;
  /** C++ `PrettyPrint` layout (what Python's `str(ClassAd)` prints): one attribute / element per line */
  pretty?: boolean;
}

function octal3(b: number): string {
  return '\\' + (b >> 6).toString() + ((b >> 3) & 7).toString() + (b & 7).toString();
}

/** C++ `UnparseString` with the given delimiter (`''`: none, as the XML writer uses); returns the quoted form. */
export function unparseString(s: string, delim: '"' | "'" | '', old: boolean, xml = false): string {
  const n = s.length;
  // fast path: printable ASCII with nothing to escape
  let plain = true;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c > 126 || c === 34 || c === 39 || c === 92 || (xml && (c === 38 || c === 60 || c === 62))) {
      plain = false;
      break;
    }
  }
  if (plain) return delim + s + delim;
  let out = delim;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    const ch = s[i] as string;
    if (ch === delim) {
      out += '\\' + delim;
      continue;
    }
    if (!old) {
      switch (c) {
        case 7:
          out += '\\a';
          continue;
        case 8:
          out += '\\b';
          continue;
        case 12:
          out += '\\f';
          continue;
        case 10:
          out += '\\n';
          continue;
        case 13:
          out += '\\r';
          continue;
        case 9:
          out += '\\t';
          continue;
        case 11:
          out += '\\v';
          continue;
        case 92:
          out += '\\\\';
          continue;
        case 39:
        case 34:
          out += ch;
          continue;
        default:
          if (c < 32 || c === 127) {
            out += octal3(c);
            continue;
          }
          if (c > 127) {
            // every UTF-8 byte of the character, in octal (surrogate pairs encode together)
            let cp = ch;
            if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
              const c2 = s.charCodeAt(i + 1);
              if (c2 >= 0xdc00 && c2 <= 0xdfff) {
                cp = s.slice(i, i + 2);
                i++;
              }
            }
            for (const b of utf8.encode(cp)) out += octal3(b);
            continue;
          }
      }
    }
    if (xml) {
      if (c === 38) {
        out += '&amp;';
        continue;
      }
      if (c === 60) {
        out += '&lt;';
        continue;
      }
      if (c === 62) {
        out += '&gt;';
        continue;
      }
    }
    out += ch;
  }
  return out + delim;
}

/** Whether an attribute name must be written as a quoted name `'...'` (C++ `identifierNeedsQuoting`). */
function identifierNeedsQuoting(s: string): boolean {
  const n = s.length;
  if (n === 0) return true;
  let c = s.charCodeAt(0);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return true;
  for (let i = 1; i < n; i++) {
    c = s.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95)) return true;
  }
  return RESERVED.has(s.toLowerCase());
}

/** An attribute name as the unparser writes it, quoted with `'` when it is not a plain identifier. */
export function unparseAttrName(name: string, old = false): string {
  const q = unparseString(name, "'", old);
  const inner = q.slice(1, -1);
  return identifierNeedsQuoting(inner) ? "'" + inner + "'" : inner;
}

/** A literal value in unparsed form. */
export function unparseLiteralValue(v: LiteralValue, opts: UnparseOptions = {}): string {
  switch (typeof v) {
    case 'bigint':
      return v.toString();
    case 'number':
      return unparseReal(v, !!opts.old);
    case 'string':
      return unparseString(v, '"', !!opts.old, !!opts.xml);
    case 'boolean':
      return v ? 'true' : 'false';
    case 'symbol':
      return v === Value.Undefined ? 'undefined' : 'error';
    default:
      if (v instanceof AbsTime) return 'absTime("' + absTimeToString(v) + '")';
      if (v instanceof RelTime) return 'relTime("' + relTimeToString(v.secs) + '")';
      return 'error';
  }
}

class Unparser {
  old: boolean;
  oldValue: boolean;
  xml: boolean;
  pretty: boolean;
  indent = 0;
  out = '';
  constructor(opts: UnparseOptions) {
    this.pretty = !!opts.pretty;
    this.old = !!opts.old;
    this.oldValue = !!opts.oldValue;
    this.xml = !!opts.xml;
  }

  expr(t: ExprTree): void {
    switch (t.kind) {
      case 0:
        this.out += unparseLiteralValue((t as Literal).value, this);
        return;
      case 1: {
        const r = t as AttributeReference;
        if (r.expr) {
          this.expr(r.expr);
          this.out += '.' + r.name;
          return;
        }
        if (r.absolute) this.out += '.';
        this.out += unparseAttrName(r.name, this.old);
        return;
      }
      case 2:
        this.op(t as Operation);
        return;
      case 3: {
        const f = t as FunctionCall;
        this.out += f.name + '(';
        const args = f.args;
        for (let i = 0; i < args.length; i++) {
          if (i) this.out += ',';
          this.expr(args[i] as ExprTree);
        }
        this.out += ')';
        return;
      }
      case 4:
        this.ad(t as ClassAd);
        return;
      case 5: {
        const l = t as ExprList;
        if (this.pretty) {
          this.prettyList(l);
          return;
        }
        this.out += '{ ';
        const xs = l.exprs;
        for (let i = 0; i < xs.length; i++) {
          if (i) this.out += ',';
          this.expr(xs[i] as ExprTree);
        }
        this.out += ' }';
        return;
      }
    }
  }

  op(o: Operation): void {
    const k = o.op;
    if (k === 26) {
      this.out += '(';
      this.expr(o.a);
      this.out += ')';
      return;
    }
    if (k === 9 || k === 10 || k === 16 || k === 19) {
      this.out += OP_STRING[k];
      this.expr(o.a);
      return;
    }
    if (k === 28) {
      this.expr(o.a);
      if (o.b) {
        this.out += ' ? ';
        this.expr(o.b);
        this.out += ' : ';
      } else {
        this.out += ' ?: ';
      }
      this.expr(o.c as ExprTree);
      return;
    }
    if (k === 27) {
      this.expr(o.a);
      this.out += '[';
      this.expr(o.b as ExprTree);
      this.out += ']';
      return;
    }
    this.expr(o.a);
    if (this.old) {
      this.out += k === 7 ? ' =?= ' : k === 8 ? ' =!= ' : OP_STRING[k];
    } else if (this.xml) {
      this.out += (OP_STRING[k] as string).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
    } else {
      this.out += OP_STRING[k];
    }
    this.expr(o.b as ExprTree);
  }

  prettyList(l: ExprList): void {
    this.indent += 3;
    this.out += '\n' + ' '.repeat(this.indent) + '{';
    this.indent += 3;
    const xs = l.exprs;
    for (let i = 0; i < xs.length; i++) {
      this.out += '\n' + ' '.repeat(this.indent);
      this.expr(xs[i] as ExprTree);
      if (i + 1 < xs.length) this.out += ',';
    }
    this.indent -= 3;
    this.out += '\n' + ' '.repeat(this.indent) + '}';
    this.indent -= 3;
  }

  prettyAd(ad: ClassAd): void {
    this.indent += 4;
    this.out += '\n' + ' '.repeat(this.indent) + '[';
    this.indent += 4;
    let first = true;
    for (const [name, e] of ad.exprEntries()) {
      if (!first) this.out += '; ';
      first = false;
      this.out += '\n' + ' '.repeat(this.indent) + unparseAttrName(name, this.old) + ' = ';
      this.expr(e);
    }
    this.indent -= 4;
    this.out += '\n' + ' '.repeat(this.indent) + ']';
    this.indent -= 4;
  }

  ad(ad: ClassAd): void {
    if (this.pretty) {
      this.prettyAd(ad);
      return;
    }
    const bracketed = !this.old || this.oldValue;
    const delim = bracketed ? '; ' : '\n';
    if (bracketed) this.out += '[ ';
    let first = true;
    for (const [name, e] of ad.exprEntries()) {
      if (!first) this.out += delim;
      first = false;
      this.out += unparseAttrName(name, this.old) + ' = ';
      const save = this.oldValue;
      this.oldValue = true;
      this.expr(e);
      this.oldValue = save;
    }
    this.out += bracketed ? ' ]' : '\n';
  }
}

/** Compact new-syntax form of an expression (C++ `ClassAdUnParser::Unparse`). */
export function unparse(expr: ExprTree, opts: UnparseOptions = {}): string {
  const u = new Unparser(opts);
  u.expr(expr);
  return u.out;
}

/** Old-syntax form of an expression, as written on the wire (C++ `SetOldClassAd(true, true)`). */
export function unparseOld(expr: ExprTree): string {
  return unparse(expr, { old: true, oldValue: true });
}
