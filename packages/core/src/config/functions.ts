/**
 * The macro functions that need no recursive expansion of their own: $RANDOM_INTEGER, $SUBSTR, $INT, $REAL and
 * the filename family ($F..., $BASENAME, $DIRNAME), plus the number parsing HTCondor uses for them.
 */
import { ConfigMacroError } from './errors.js';
import { evaluateExpr } from './expr.js';
import type { EvalContext, MacroSet } from './macro-set.js';
import { formatPrintf, printfKind } from './printf.js';
import { MacroId, splitTokens } from './scan.js';

/** lookup(name), expanded; or the literal text when nothing defines name. */
export type LookupOr = (name: string, literal: string) => string;

/** strtol/strtoll as HTCondor uses it: leading space, sign, digits; `whole` demands nothing but space after. */
export function parseLong(s: string, whole: boolean): number | undefined {
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

export function randomInteger(body: string, set: MacroSet): string {
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

export function substr(body: string, lookupOr: LookupOr, set: MacroSet, ctx: EvalContext): string {
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

export function intOrReal(isInt: boolean, body: string, lookupOr: LookupOr): string {
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
export function filename(id: MacroId, func: string, mval: string, ctx: EvalContext): string {
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

