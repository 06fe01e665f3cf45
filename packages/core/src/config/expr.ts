/**
 * A small ClassAd expression evaluator for the places where configuration evaluates a value: $INT, $REAL,
 * $STRING, $EVAL and boolean params. It covers literals, arithmetic, comparison, logic, ?: and a few string
 * functions; anything else evaluates to ERROR (or fails to parse), which callers treat as "not a number/string".
 * Attribute references are UNDEFINED, as in HTCondor's empty evaluation ad.
 * TODO(lead): swap for @htcondor-ts/classad's evaluator once it exports one.
 */
import { formatPrintf } from './printf.js';

export type ExprValue =
  | { readonly t: 'int'; readonly v: number }
  | { readonly t: 'real'; readonly v: number }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'undefined' }
  | { readonly t: 'error' };

const UNDEF: ExprValue = { t: 'undefined' };
const ERR: ExprValue = { t: 'error' };

type Tok = { k: 'num'; v: number; int: boolean } | { k: 'str'; v: string } | { k: 'id'; v: string } | { k: 'op'; v: string };

const OPS = ['=?=', '=!=', '>>>', '==', '!=', '<=', '>=', '&&', '||', '<<', '>>', '+', '-', '*', '/', '%', '<', '>', '!', '~', '(', ')', '?', ':', ',', '&', '|', '^'];

function tokenize(s: string): Tok[] | undefined {
  const out: Tok[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i]!;
    if (/\s/.test(c)) { i++; continue; }
    const num = /^(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+[eE][+-]?\d+|0[xX][0-9a-fA-F]+|\d+)/.exec(s.slice(i));
    if (num) {
      const text = num[0];
      const isInt = /^(0[xX][0-9a-fA-F]+|\d+)$/.test(text);
      out.push({ k: 'num', v: isInt ? (text.startsWith('0') && text.length > 1 && !/^0[xX]/.test(text) ? parseInt(text, 8) : Number(text)) : parseFloat(text), int: isInt });
      i += text.length;
      continue;
    }
    if (c === '"') {
      let v = '';
      i++;
      for (;;) {
        if (i >= s.length) return undefined;
        const d = s[i++]!;
        if (d === '"') break;
        if (d === '\\') {
          const e = s[i++];
          if (e === undefined) return undefined;
          v += e === 'n' ? '\n' : e === 't' ? '\t' : e === 'r' ? '\r' : e;
        } else v += d;
      }
      out.push({ k: 'str', v });
      continue;
    }
    const id = /^[A-Za-z_][A-Za-z0-9_.]*/.exec(s.slice(i));
    if (id) { out.push({ k: 'id', v: id[0] }); i += id[0].length; continue; }
    const op = OPS.find((o) => s.startsWith(o, i));
    if (!op) return undefined;
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  return out;
}

type Node = (() => ExprValue);

class Parser {
  private i = 0;
  constructor(private readonly toks: Tok[]) {}
  private peek(): Tok | undefined { return this.toks[this.i]; }
  private isOp(v: string): boolean { const t = this.peek(); return t?.k === 'op' && t.v === v; }
  private expectOp(v: string): void { if (!this.isOp(v)) throw new SyntaxError(v); this.i++; }
  done(): boolean { return this.i >= this.toks.length; }

  ternary(): Node {
    const c = this.binary(0);
    if (!this.isOp('?')) return c;
    this.i++;
    const a = this.ternary();
    this.expectOp(':');
    const b = this.ternary();
    return () => { const v = c(); return v.t === 'bool' ? (v.v ? a() : b()) : v.t === 'undefined' ? UNDEF : ERR; };
  }

  private static readonly LEVELS: readonly (readonly string[])[] = [
    ['||'], ['&&'], ['|'], ['^'], ['&'], ['==', '!=', '=?=', '=!='], ['<', '<=', '>', '>='], ['<<', '>>', '>>>'], ['+', '-'], ['*', '/', '%'],
  ];

  private binary(level: number): Node {
    if (level >= Parser.LEVELS.length) return this.unary();
    let left = this.binary(level + 1);
    for (;;) {
      const t = this.peek();
      if (t?.k !== 'op' || !Parser.LEVELS[level]!.includes(t.v)) return left;
      this.i++;
      const right = this.binary(level + 1);
      const l = left;
      left = () => binop(t.v, l, right);
    }
  }

  private unary(): Node {
    const t = this.peek();
    if (t?.k === 'op' && (t.v === '-' || t.v === '+' || t.v === '!' || t.v === '~')) {
      this.i++;
      const e = this.unary();
      return () => unop(t.v, e());
    }
    return this.primary();
  }

  private primary(): Node {
    const t = this.peek();
    if (!t) throw new SyntaxError('eof');
    this.i++;
    if (t.k === 'num') { const v: ExprValue = t.int ? { t: 'int', v: t.v } : { t: 'real', v: t.v }; return () => v; }
    if (t.k === 'str') { const v: ExprValue = { t: 'string', v: t.v }; return () => v; }
    if (t.k === 'op') {
      if (t.v !== '(') throw new SyntaxError(t.v);
      const e = this.ternary();
      this.expectOp(')');
      return e;
    }
    const name = t.v.toLowerCase();
    if (this.isOp('(')) {
      this.i++;
      const args: Node[] = [];
      if (!this.isOp(')')) {
        for (;;) { args.push(this.ternary()); if (this.isOp(',')) { this.i++; continue; } break; }
      }
      this.expectOp(')');
      return () => call(name, args);
    }
    if (name === 'true' || name === 'false') { const v: ExprValue = { t: 'bool', v: name === 'true' }; return () => v; }
    if (name === 'error') return () => ERR;
    return () => UNDEF; // attribute references (and `undefined`) are undefined in an empty ad
  }
}

const isNum = (v: ExprValue): v is { t: 'int' | 'real'; v: number } => v.t === 'int' || v.t === 'real';

function unop(op: string, v: ExprValue): ExprValue {
  if (v.t === 'undefined') return UNDEF;
  if (op === '!') return v.t === 'bool' ? { t: 'bool', v: !v.v } : ERR;
  if (!isNum(v)) return ERR;
  if (op === '-') return { t: v.t, v: -v.v };
  if (op === '~') return v.t === 'int' ? { t: 'int', v: ~v.v } : ERR;
  return v;
}

function binop(op: string, lf: Node, rf: Node): ExprValue {
  const l = lf();
  if (op === '&&' || op === '||') {
    if (l.t === 'bool' && (op === '&&' ? !l.v : l.v)) return l;
    const r = rf();
    if (l.t === 'error' || r.t === 'error') return ERR;
    if (l.t === 'bool' && r.t === 'bool') return { t: 'bool', v: r.v };
    if (l.t === 'undefined' || r.t === 'undefined') return UNDEF;
    return ERR;
  }
  const r = rf();
  if (op === '=?=' || op === '=!=') {
    const same = l.t === r.t && ('v' in l ? l.v === (r as typeof l).v : true);
    return { t: 'bool', v: op === '=?=' ? same : !same };
  }
  if (l.t === 'error' || r.t === 'error') return ERR;
  if (l.t === 'undefined' || r.t === 'undefined') return UNDEF;
  if (['==', '!=', '<', '<=', '>', '>='].includes(op)) {
    let c: number;
    if (isNum(l) && isNum(r)) c = l.v - r.v;
    else if (l.t === 'string' && r.t === 'string') { const a = l.v.toLowerCase(); const b = r.v.toLowerCase(); c = a < b ? -1 : a > b ? 1 : 0; }
    else if (l.t === 'bool' && r.t === 'bool' && (op === '==' || op === '!=')) c = l.v === r.v ? 0 : 1;
    else return ERR;
    const v = op === '==' ? c === 0 : op === '!=' ? c !== 0 : op === '<' ? c < 0 : op === '<=' ? c <= 0 : op === '>' ? c > 0 : c >= 0;
    return { t: 'bool', v };
  }
  if (!isNum(l) || !isNum(r)) return ERR;
  const int = l.t === 'int' && r.t === 'int';
  switch (op) {
    case '+': return int ? { t: 'int', v: l.v + r.v } : { t: 'real', v: l.v + r.v };
    case '-': return int ? { t: 'int', v: l.v - r.v } : { t: 'real', v: l.v - r.v };
    case '*': return int ? { t: 'int', v: l.v * r.v } : { t: 'real', v: l.v * r.v };
    case '/': return int ? (r.v === 0 ? ERR : { t: 'int', v: Math.trunc(l.v / r.v) }) : { t: 'real', v: l.v / r.v };
    case '%': return int ? (r.v === 0 ? ERR : { t: 'int', v: l.v % r.v }) : ERR;
    default:
      if (!int) return ERR;
      return { t: 'int', v: op === '&' ? l.v & r.v : op === '|' ? l.v | r.v : op === '^' ? l.v ^ r.v : op === '<<' ? l.v << r.v : op === '>>' ? l.v >> r.v : l.v >>> r.v };
  }
}

function call(name: string, args: Node[]): ExprValue {
  const vals = args.map((a) => a());
  const str = (v: ExprValue): string | undefined => (v.t === 'string' ? v.v : isNum(v) || v.t === 'bool' ? unparse(v) : undefined);
  switch (name) {
    case 'strcat': { let s = ''; for (const v of vals) { const x = str(v); if (x === undefined) return v.t === 'undefined' ? UNDEF : ERR; s += x; } return { t: 'string', v: s }; }
    case 'toupper': case 'tolower': {
      const s = vals.length === 1 ? str(vals[0]!) : undefined;
      return s === undefined ? ERR : { t: 'string', v: name === 'toupper' ? s.toUpperCase() : s.toLowerCase() };
    }
    case 'size': case 'strlen': return vals[0]?.t === 'string' ? { t: 'int', v: vals[0].v.length } : ERR;
    case 'ifthenelse': { const c = vals[0]; if (c?.t === 'bool') return c.v ? vals[1] ?? ERR : vals[2] ?? ERR; return c?.t === 'undefined' ? UNDEF : ERR; }
    case 'int': { const v = vals[0]; return v && isNum(v) ? { t: 'int', v: Math.trunc(v.v) } : v?.t === 'bool' ? { t: 'int', v: v.v ? 1 : 0 } : v?.t === 'string' && /^\s*[-+]?\d/.test(v.v) ? { t: 'int', v: Math.trunc(parseFloat(v.v)) } : ERR; }
    case 'real': { const v = vals[0]; return v && isNum(v) ? { t: 'real', v: v.v } : v?.t === 'string' && !isNaN(parseFloat(v.v)) ? { t: 'real', v: parseFloat(v.v) } : ERR; }
    case 'string': { const v = vals[0]; const s = v ? str(v) : undefined; return s === undefined ? ERR : { t: 'string', v: s }; }
    default: return ERR;
  }
}

/** Parses and evaluates `text`; undefined when it does not parse. */
export function evaluateExpr(text: string): ExprValue | undefined {
  const toks = tokenize(text);
  if (!toks || toks.length === 0) return undefined;
  try {
    const p = new Parser(toks);
    const e = p.ternary();
    if (!p.done()) return undefined;
    return e();
  } catch (err) {
    if (err instanceof SyntaxError) return undefined;
    throw err;
  }
}

/** ClassAdUnParser's spelling of a value. */
export function unparse(v: ExprValue): string {
  switch (v.t) {
    case 'int': return String(v.v);
    case 'real': {
      if (!isFinite(v.v)) return isNaN(v.v) ? 'real("NaN")' : v.v > 0 ? 'real("INF")' : 'real("-INF")';
      const s = formatPrintf('%.15G', [v.v]);
      return /[.E]/.test(s) ? s : `${s}.0`;
    }
    case 'string': return JSON.stringify(v.v);
    case 'bool': return v.v ? 'true' : 'false';
    case 'undefined': return 'undefined';
    case 'error': return 'error';
  }
}
