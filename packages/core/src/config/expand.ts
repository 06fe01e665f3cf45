/**
 * Macro expansion as param() does it (the char* expand_macro of config.cpp): find the leftmost macro, replace it
 * with its raw value (or function result), rescan from the start, and finally turn $(DOLLAR) into '$'.
 * HTCondor loops forever on a cycle; we remember, for every character, which chain of macros produced it, so a
 * macro that reappears inside its own expansion is reported as a ConfigMacroCycleError.
 */
import { ConfigMacroCycleError, ConfigMacroError } from './errors.js';
import { evaluateExpr, unparse } from './expr.js';
import type { EvalContext, MacroSet } from './macro-set.js';
import { formatPrintf, printfKind } from './printf.js';
import { MacroId, nextMacro, splitTokens, type MacroPos, type SkipBody } from './scan.js';

/** The macros whose expansion produced a piece of text, innermost last. */
interface Chain {
  readonly name: string;
  readonly parent: Chain | undefined;
}

const chainHas = (c: Chain | undefined, upper: string): boolean => {
  for (let x = c; x; x = x.parent) if (x.name === upper) return true;
  return false;
};
const chainList = (c: Chain | undefined): string[] => {
  const out: string[] = [];
  for (let x = c; x; x = x.parent) out.unshift(x.name);
  return out;
};

/** Backstops for cycles the per-character bookkeeping cannot see (text spliced across macro boundaries). */
const MAX_STEPS = 100_000;
const MAX_LENGTH = 4 * 1024 * 1024;
/** Total characters rescanned in one expansion; bounds the time a runaway expansion can take (~0.1 s). */
const MAX_WORK = 64 * 1024 * 1024;

const isDollar = (body: string): boolean => body.length === 6 && body.toUpperCase() === 'DOLLAR';
const noDollar: SkipBody = (id, body) => id === MacroId.Normal && isDollar(body);
const dollarOnly: SkipBody = (id, body) => !(id === MacroId.Normal && isDollar(body));

/** Fully expands `value` (param()'s expansion). */
export function expandMacros(value: string, set: MacroSet, ctx: EvalContext): string {
  return expand(value, set, ctx, undefined);
}

function expand(value: string, set: MacroSet, ctx: EvalContext, chain: Chain | undefined, keepDollar = false): string {
  let s = value;
  let owners: (Chain | undefined)[] = new Array<Chain | undefined>(s.length).fill(chain);
  let steps = 0;
  let work = 0;
  for (;;) {
    const pos = nextMacro(s, 0, 'config', noDollar);
    if (!pos) break;
    const parent = owners[pos.dollar];
    work += s.length;
    if (++steps > MAX_STEPS || s.length > MAX_LENGTH || work > MAX_WORK) {
      throw new ConfigMacroCycleError([...chainList(parent), s.slice(pos.body, pos.right - 1), '...']);
    }
    const { text, owner } = evaluate(s, pos, set, ctx, parent);
    s = s.slice(0, pos.dollar) + text + s.slice(pos.right);
    owners = owners.slice(0, pos.dollar).concat(new Array<Chain | undefined>(text.length).fill(owner), owners.slice(pos.right));
  }
  if (!keepDollar) {
    for (let pos = nextMacro(s, 0, 'config', dollarOnly); pos; pos = nextMacro(s, 0, 'config', dollarOnly)) {
      s = `${s.slice(0, pos.dollar)}$${s.slice(pos.right)}`;
    }
  }
  return s;
}

/** expand_self_macro: expand only references to `self` (and to `self` without its subsys/localname prefix). */
export function expandSelf(value: string, self: string, set: MacroSet, ctx: EvalContext): string {
  const names = [self.toLowerCase()];
  for (const prefix of [ctx.localname, ctx.subsys]) {
    if (!prefix) continue;
    const p = `${prefix.toLowerCase()}.`;
    if (names[0]!.startsWith(p) && names[0]!.length > p.length) {
      names.push(names[0]!.slice(p.length));
      break;
    }
  }
  const skip: SkipBody = (id, body) => {
    if (id !== MacroId.Normal && id !== MacroId.Filename) return true;
    const lower = body.toLowerCase();
    return !names.some((n) => lower === n || (lower.startsWith(n) && lower[n.length] === ':'));
  };
  let s = value;
  let steps = 0;
  for (let pos = nextMacro(s, 0, 'config', skip); pos; pos = nextMacro(s, 0, 'config', skip)) {
    if (++steps > 10_000) throw new ConfigMacroCycleError([self, self]);
    const { text } = evaluate(s, pos, set, ctx, undefined);
    s = s.slice(0, pos.dollar) + text + s.slice(pos.right);
  }
  return s;
}

interface Result {
  text: string;
  owner: Chain | undefined;
}

function evaluate(s: string, pos: MacroPos, set: MacroSet, ctx: EvalContext, parent: Chain | undefined): Result {
  const body = s.slice(pos.body, pos.right - 1);
  const enter = (name: string): Chain => {
    const upper = name.toUpperCase();
    if (chainHas(parent, upper)) throw new ConfigMacroCycleError([...chainList(parent), upper]);
    return { name: upper, parent };
  };
  /** lookup(name), expanded if it holds a '$'; or the literal text when nothing defines name. */
  const lookupOr = (name: string, literal: string): string => {
    const v = set.lookup(name, ctx);
    if (v === undefined) return literal.includes('$') ? expand(literal, set, ctx, parent) : literal;
    return v.includes('$') ? expand(v, set, ctx, enter(name)) : v;
  };
  const value = (text: string): Result => ({ text, owner: parent });

  switch (pos.id) {
    case MacroId.Normal: {
      const colon = body.indexOf(':');
      const name = colon < 0 ? body : body.slice(0, colon);
      const v = set.lookup(name, ctx);
      if (colon >= 0 && !v) return value(body.slice(colon + 1));
      if (!v) return value('');
      return { text: v, owner: enter(name) };
    }
    case MacroId.Env: {
      const colon = body.indexOf(':');
      const name = colon < 0 ? body : body.slice(0, colon);
      const v = set.environment.getenv(name);
      return value(v ?? (colon < 0 ? 'UNDEFINED' : body.slice(colon + 1)));
    }
    case MacroId.RandomChoice: {
      let entries = splitTokens(body, ',');
      if (entries.length === 1) {
        const lval = set.lookup(entries[0]!, ctx);
        if (lval !== undefined) entries = splitTokens(lval.includes('$') ? expand(lval, set, ctx, enter(entries[0]!)) : lval);
      }
      if (entries.length === 0) throw new ConfigMacroError('$RANDOM_CHOICE() macro in config file empty!');
      return value(entries[set.environment.randomInt() % entries.length]!);
    }
    case MacroId.RandomInteger:
      return value(randomInteger(body, set));
    case MacroId.Choice:
      return value(choice(body, set, ctx, lookupOr, enter));
    case MacroId.Substr:
      return value(substr(body, lookupOr, set, ctx));
    case MacroId.Int:
    case MacroId.Real:
      return value(intOrReal(pos.id === MacroId.Int, body, lookupOr));
    case MacroId.String: {
      const comma = body.indexOf(',');
      const name = comma < 0 ? body : body.slice(0, comma);
      const fmt = comma < 0 ? undefined : body.slice(comma + 1);
      if (fmt !== undefined && printfKind(fmt) !== 'string') throw new ConfigMacroError(`$STRING macro: '${fmt}' is not a valid format specifier!`);
      let mval = lookupOr(name, name);
      const r = evaluateExpr(mval);
      if (r?.t === 'string') mval = r.v;
      return value(fmt === undefined ? mval : formatPrintf(fmt, [mval]));
    }
    case MacroId.Eval: {
      const raw = set.lookup(body, ctx) ?? body;
      const mval = lookupOr(body, body);
      const r = evaluateExpr(mval);
      // when the text does not parse, HTCondor keeps it only if macro expansion produced it
      if (r === undefined) return value(raw.includes('$') ? mval : '');
      return value(r.t === 'string' ? r.v : unparse(r));
    }
    default: {
      const func = s.slice(pos.dollar + 1, pos.body - 1);
      return value(filename(pos.id, func, lookupOr(body, body), ctx));
    }
  }
}

/** strtol/strtoll as HTCondor uses it: leading space, sign, digits; `whole` demands nothing but space after. */
function parseLong(s: string, whole: boolean): number | undefined {
  const m = /^\s*([-+]?\d+)/.exec(s);
  if (!m) return undefined;
  if (whole && !/^\s*$/.test(s.slice(m[0].length))) return undefined;
  return Number(m[1]);
}

/** string_is_long_param: an integer literal, else a ClassAd expression that evaluates to a number. */
export function stringToLong(s: string): number | undefined {
  const lit = parseLong(s, true);
  if (lit !== undefined) return lit;
  const v = evaluateExpr(s);
  if (v?.t === 'int') return v.v;
  if (v?.t === 'real') return Math.trunc(v.v);
  if (v?.t === 'bool') return v.v ? 1 : 0;
  return undefined;
}

/** string_is_double_param. */
export function stringToDouble(s: string): number | undefined {
  const m = /^\s*[-+]?(?:\d+\.?\d*(?:[eE][-+]?\d+)?|\.\d+(?:[eE][-+]?\d+)?|inf(?:inity)?|nan)\s*$/i.exec(s);
  if (m) return Number(s.trim().replace(/^([-+]?)inf(inity)?$/i, '$1Infinity').replace(/^[-+]?nan$/i, 'NaN'));
  const v = evaluateExpr(s);
  if (v?.t === 'int' || v?.t === 'real') return v.v;
  if (v?.t === 'bool') return v.v ? 1 : 0;
  return undefined;
}

function randomInteger(body: string, set: MacroSet): string {
  const e = splitTokens(body, ',');
  const min = e[0] === undefined ? undefined : parseLong(e[0], false);
  if (min === undefined) throw new ConfigMacroError('$RANDOM_INTEGER() config macro: invalid min!');
  const max = e[1] === undefined ? undefined : parseLong(e[1], false);
  if (max === undefined) throw new ConfigMacroError('$RANDOM_INTEGER() config macro: invalid max!');
  let step = 1;
  if (e[2] !== undefined) {
    const s = parseLong(e[2], false);
    if (s === undefined) throw new ConfigMacroError('$RANDOM_INTEGER() config macro: invalid step!');
    step = s;
  }
  if (step < 1) throw new ConfigMacroError('$RANDOM_INTEGER() config macro: invalid step!');
  if (min > max) throw new ConfigMacroError('$RANDOM_INTEGER() config macro: min > max!');
  const num = Math.trunc((step + max - min) / step);
  return String(min + (set.environment.randomInt() % num) * step);
}

function choice(
  body: string,
  set: MacroSet,
  ctx: EvalContext,
  lookupOr: (name: string, literal: string) => string,
  enter: (name: string) => Chain,
): string {
  let entries = splitTokens(body, ',', true).map((x) => x.trim());
  if (entries.length < 2) throw new ConfigMacroError('$CHOICE() config macro: no index!');
  const mval = lookupOr(entries[0]!, entries[0]!);
  const index = stringToLong(mval);
  if (index === undefined || index < 0 || index >= 2 ** 31 - 1) throw new ConfigMacroError(`$CHOICE() macro: ${mval} is invalid index!`);
  let items = entries.slice(1);
  if (entries.length === 2) {
    const listName = entries[1]!;
    const lval = set.lookup(listName, ctx);
    if (lval === undefined) throw new ConfigMacroError(`$CHOICE() macro: no list named "${listName}"!`);
    items = splitTokens(lval.includes('$') ? expand(lval, set, ctx, enter(listName)) : lval, ',');
  }
  if (index >= items.length) throw new ConfigMacroError(`$CHOICE() config macro: index ${index} is out of range!`);
  entries = items;
  return entries[index]!;
}

function substr(body: string, lookupOr: (name: string, literal: string) => string, set: MacroSet, ctx: EvalContext): string {
  const c1 = body.indexOf(',');
  if (c1 < 0) throw new ConfigMacroError('$SUBSTR() macro: no length specified!');
  const name = body.slice(0, c1);
  const rest = body.slice(c1 + 1);
  const c2 = rest.indexOf(',');
  const startArg = c2 < 0 ? rest : rest.slice(0, c2);
  const lenArg = c2 < 0 ? undefined : rest.slice(c2 + 1);
  const startText = lookupOr(startArg, startArg);
  let start = stringToLong(startText);
  if (start === undefined || start < -(2 ** 31) || start >= 2 ** 31 - 1) throw new ConfigMacroError(`$SUBSTR() macro: ${startText} is invalid start index!`);
  let subLen = Math.trunc((2 ** 31 - 1) / 2);
  if (lenArg !== undefined) {
    const lenText = lookupOr(lenArg, lenArg);
    const l = stringToLong(lenText);
    if (l === undefined || l < -(2 ** 31) || l > 2 ** 31 - 1) throw new ConfigMacroError(`$SUBSTR() macro: ${lenText} is invalid length !`);
    subLen = l;
  }
  if (set.lookup(name, ctx) === undefined) return '';
  const buf = lookupOr(name, name);
  let cch = buf.length;
  if (start < 0) start = cch + start;
  if (start < 0) start = 0;
  else if (start > cch) start = cch;
  cch -= start;
  if (subLen < 0) subLen = cch + subLen;
  if (subLen < 0) subLen = 0;
  else if (subLen > cch) subLen = cch;
  return buf.slice(start, start + subLen);
}

function intOrReal(isInt: boolean, body: string, lookupOr: (name: string, literal: string) => string): string {
  const comma = body.indexOf(',');
  const name = comma < 0 ? body : body.slice(0, comma);
  const fmt = comma < 0 ? undefined : body.slice(comma + 1);
  if (fmt !== undefined && printfKind(fmt) !== (isInt ? 'int' : 'float')) {
    throw new ConfigMacroError(`${isInt ? '$INT()' : '$REAL()'} macro: '${fmt}' is not a valid format specifier!`);
  }
  const mval = lookupOr(name, name);
  if (isInt) {
    const v = stringToLong(mval);
    if (v === undefined) throw new ConfigMacroError(`$INT() macro: ${mval} does not evaluate to an integer!`);
    return formatPrintf(fmt ?? '%lld', [v]);
  }
  const v = stringToDouble(mval);
  if (v === undefined) throw new ConfigMacroError(`$REAL() macro: ${mval} does not evaluate to an real!`);
  const out = formatPrintf(fmt ?? '%.16G', [v]);
  return fmt !== undefined && !out.includes('.') ? `${out}.0` : out;
}

/** The $F[fqadpnxbwu](), $BASENAME() and $DIRNAME() filename macros, byte for byte as HTCondor slices. */
function filename(id: MacroId, func: string, mval: string, ctx: EvalContext): string {
  let parts = 0;
  let numDirs = 0;
  let quoted = false;
  let fullPath = false;
  let toPathChar = '';
  let bare = false;
  let argQuote = false;
  if (id === MacroId.Basename) parts = 3;
  else if (id === MacroId.Dirname) parts = 4;
  else {
    for (const ch of func.startsWith('F') ? func.slice(1) : func) {
      switch (ch.toLowerCase()) {
        case 'x': parts |= 1; break;
        case 'n': parts |= 2; break;
        case 'p': parts |= 4; break;
        case 'd': parts |= 8; numDirs++; break;
        case 'a': argQuote = true; break;
        case 'b': bare = true; break;
        case 'f': fullPath = true; break;
        case 'w': toPathChar = '\\'; break;
        case 'u': toPathChar = '/'; break;
        case 'q': quoted = true; break;
      }
    }
  }
  const q = quoted ? (argQuote ? "'" : '"') : '';
  let um = mval;
  if (um.length > 1 && um[0] === um[um.length - 1] && (um[0] === '"' || um[0] === "'")) um = um.slice(1, -1);
  const quote = (str: string): string => {
    let x = str;
    let qc = '';
    if (x[0] === '"' || (q && x[0] === q)) { qc = x[0]!; x = x.slice(1); }
    if (x.length > 0 && qc && x[x.length - 1] === qc) x = x.slice(0, -1);
    return q + x + q;
  };
  const convert = (str: string): string => (toPathChar ? str.split(toPathChar === '/' ? '\\' : '/').join(toPathChar) : str);
  let text: string;
  if (fullPath && !um.startsWith('/') && ctx.cwd) {
    let cwd = ctx.cwd;
    if (cwd.endsWith('/') || (toPathChar && cwd.endsWith(toPathChar))) cwd = cwd.slice(0, -1);
    let name = um;
    if (name.length > 2 && name[0] === '.' && (name[1] === '/' || (toPathChar && name[1] === toPathChar))) name = name.slice(2);
    text = convert(`${q}${cwd}${toPathChar || '/'}${quote(name).slice(q.length, q ? -q.length : undefined)}${q}`);
  } else if (fullPath || parts || toPathChar || bare) {
    text = convert(quote(um));
  } else {
    text = quote(um);
  }
  const buf = [...text];
  let ixend = buf.length;
  const lastSlash = text.lastIndexOf('/');
  const ixn = lastSlash + 1;
  let ixx = ixend;
  for (let p = ixend; p > ixn; p--) if (buf[p] === '.') { ixx = p; break; }
  if (!ixn && parts & 3) parts &= ~(4 | 8);
  let t = 0;
  switch (parts & 0xf) {
    case 1: t = ixx; if (bare && ixx < ixend) t++; break;
    case 3: t = ixn; break;
    case 2: t = ixn; ixend = ixx; break;
    case 0: case 7: case 5: t = 0; break;
    case 4: t = 0; ixend = ixn; if (bare && ixn > 0) ixend = ixn - 1; break;
    case 6: t = 0; ixend = ixx; break;
    default:
      if (ixn > 0) {
        const seps: number[] = [];
        for (let i = 0; i < buf.length; i++) if (buf[i] === '/' || buf[i] === '\\') seps.push(i + 1);
        for (let n = numDirs; n > 0; n--) seps.pop();
        t = seps.length ? seps[seps.length - 1]! : 0;
        if ((parts & 3) === 2) ixend = ixx;
        else if ((parts & 3) === 0) { ixend = ixn; if (bare && ixn > 0) ixend = ixn - 1; }
      } else {
        ixend = 1;
        t = 1;
      }
  }
  if (quoted) {
    if (buf[t] !== q) { t--; buf[t] = q; }
    if (ixend > 1 && buf[ixend - 1] === q) ixend--;
    buf[ixend++] = q;
  }
  return buf.slice(t, ixend).join('');
}

/** expand_meta_args: $(0), $(N), $(N?), $(N#), $(N+) and their :defaults in a metaknob body. */
export function expandMetaArgs(value: string, args: string): string {
  let s = value;
  const skip: SkipBody = (id, body) => id !== MacroId.Normal || !/^\d/.test(body);
  for (let pos = nextMacro(s, 0, 'meta', skip); pos; pos = nextMacro(s, 0, 'meta', skip)) {
    const body = s.slice(pos.body, pos.right - 1);
    const m = /^(\d+)([?#+]?)/.exec(body)!;
    const index = Number(m[1]);
    const emptyCheck = m[2] === '?';
    const numArgs = m[2] === '#' || m[2] === '+';
    const rest = body.slice(m[0].length);
    const def = rest.startsWith(':') ? rest.slice(1) : undefined;
    const it = new TokenIterator(args);
    let buf = '';
    if (index <= 0) {
      if (numArgs) {
        let n = 0;
        while (it.next() !== undefined) n++;
        buf = String(n);
      } else buf = args;
    } else if (numArgs) {
      let ix = 1;
      let remain = it.remain();
      while (remain !== undefined && ix < index) { ix++; it.next(); remain = it.remain(); }
      if (remain !== undefined) buf = remain.startsWith(',') ? remain.slice(1) : remain;
      if (def !== undefined && buf === '') buf = def;
    } else {
      let ix = 1;
      let tok = it.next();
      while (tok !== undefined && ix < index) { ix++; tok = it.next(); }
      if (tok !== undefined) buf = tok;
      else if (def !== undefined) buf = def;
    }
    let tv = buf.trim();
    if (emptyCheck) tv = tv ? '1' : '0';
    s = s.slice(0, pos.dollar) + tv + s.slice(pos.right);
  }
  return s;
}

/** StringTokenIterator(args, ",") with its remain(), which the $(N+) form needs. */
class TokenIterator {
  private next_ = 0;
  constructor(private readonly s: string) {}
  next(): string | undefined {
    const s = this.s;
    let i = this.next_;
    while (i < s.length && (s[i] === ',' || /\s/.test(s[i]!))) i++;
    this.next_ = i;
    const start = i;
    let end = i;
    while (i < s.length && s[i] !== ',') { if (!/\s/.test(s[i]!)) end = i; i++; }
    if (i <= start) return undefined;
    this.next_ = i;
    return s.slice(start, end + 1);
  }
  remain(): string | undefined {
    return this.next_ >= this.s.length ? undefined : this.s.slice(this.next_);
  }
}
