/**
 * String builtins (C++ fnCall.cpp: strcat/join, toUpper/toLower, substr, strcmp/stricmp, version comparisons, regular expressions, stringListsIntersect).
 * Ported from HTCondor 23.9.6, keeping the C++ argument checks and UNDEFINED/ERROR rules.
 */
import { ExprTree, Literal } from '../ast.js';
import { Value } from '../values.js';
import { EvalValue, ListValue, UNDEF, ERR, toInt32 } from './value.js';
import { strcmp, strcasecmp, asciiLower } from './operators.js';
import { EvalState, EvalFailure, evaluate, registerFunction, BuiltinFn } from './evaluator.js';
import { toStringValue, utf8, fromUtf8, isAscii } from './convert.js';
import { regexpHelper } from './regex.js';
import { evalArg } from './args.js';

const ev = evaluate;

const strCat: BuiltinFn = (name, argsIn, state) => {
  const isJoin = name.toLowerCase() === 'join';
  let args: readonly ExprTree[] = argsIn;
  if (isJoin && argsIn.length > 0 && argsIn.length <= 2) {
    if (state.depth <= 0) throw new EvalFailure('recursion limit');
    state.depth--;
    const lv = ev(argsIn[argsIn.length - 1] as ExprTree, state);
    state.depth++;
    if (lv instanceof ListValue) {
      args = [argsIn.length > 1 ? (argsIn[0] as ExprTree) : new Literal(''), ...lv.exprs];
    }
  }
  let buf = '';
  let sep = '';
  let errorFlag = false,
    undefFlag = false,
    defFlag = false;
  for (let i = 0; i < args.length; i++) {
    if (state.depth <= 0) throw new EvalFailure('recursion limit');
    state.depth--;
    const v = ev(args[i] as ExprTree, state);
    state.depth++;
    let s: string;
    if (typeof v === 'string') s = v;
    else {
      const sv = toStringValue(v);
      if (sv === Value.Undefined) {
        undefFlag = true;
        if (isJoin) continue;
        defFlag = false;
        break;
      } else if (sv === Value.Error) {
        errorFlag = true;
        break;
      }
      s = sv;
    }
    if (isJoin) {
      if (i === 0) {
        sep = s;
        continue;
      }
      if (buf.length) buf += sep;
    }
    defFlag = true;
    buf += s;
  }
  if (errorFlag) return ERR;
  if (undefFlag && !defFlag) return UNDEF;
  return buf;
};

function asciiUpper(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 97 && c <= 122 ? String.fromCharCode(c - 32) : s[i];
  }
  return out;
}

const changeCase: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const v = evalArg(args, 0, state);
  const s = toStringValue(v);
  if (s === Value.Undefined) return UNDEF;
  if (s === Value.Error) return ERR;
  return name.toLowerCase() === 'tolower' ? asciiLower(s) : asciiUpper(s);
};

const subString: BuiltinFn = (_n, args, state) => {
  if (args.length < 2 || args.length > 3) return ERR;
  const a0 = evalArg(args, 0, state);
  const a1 = evalArg(args, 1, state);
  const a2 = args.length > 2 ? evalArg(args, 2, state) : UNDEF;
  if (a0 === Value.Undefined || a1 === Value.Undefined || (args.length > 2 && a2 === Value.Undefined)) return UNDEF;
  if (typeof a0 !== 'string' || typeof a1 !== 'bigint' || (args.length > 2 && typeof a2 !== 'bigint')) return ERR;
  const ascii = isAscii(a0);
  const bytes = ascii ? null : utf8(a0);
  const alen = ascii ? a0.length : (bytes as Uint8Array).length;
  let offset = toInt32(a1);
  let len = args.length > 2 ? toInt32(a2 as bigint) : 0;
  if (offset < 0) {
    offset = alen + offset;
    if (offset < 0) offset = 0;
  } else if (offset >= alen) offset = alen;
  if (len <= 0) {
    len = alen - offset + len;
    if (len < 0) len = 0;
  } else if (len > alen - offset) len = alen - offset;
  if (args.length === 3 && toInt32(a2 as bigint) === 0) len = 0;
  return ascii ? a0.substr(offset, len) : fromUtf8((bytes as Uint8Array).subarray(offset, offset + len));
};

/** C++ `natural_cmp` (natural_cmp.cpp) on UTF-8 bytes with signed chars. */
export function naturalCmp(a: string, b: string): number {
  const s1 = utf8(a),
    s2 = utf8(b);
  const at = (s: Uint8Array, i: number): number => (i < s.length ? ((s[i] as number) << 24) >> 24 : 0);
  const dig = (c: number): boolean => c >= 48 && c <= 57;
  let i = 0;
  while (at(s1, i) !== 0 && at(s1, i) === at(s2, i)) i++;
  if (at(s1, i) === at(s2, i)) return 0;
  let n1 = i;
  while (n1 > 0 && dig(at(s1, n1 - 1))) n1--;
  const n2 = i - (i - n1);
  if (n1 === i && (!dig(at(s1, i)) || !dig(at(s2, i)))) return at(s1, i) - at(s2, i);
  let z1 = n1,
    z2 = n2;
  while (at(s1, z1) === 48) z1++;
  while (at(s2, z2) === 48) z2++;
  if (z1 > n1 && !dig(at(s1, z1))) z1--;
  if (z2 > n2 && !dig(at(s2, z2))) z2--;
  if (z1 - n1 !== z2 - n2) return z2 - n2 - (z1 - n1);
  if (z1 > n1) return at(s1, i) - at(s2, i);
  let e1 = z1,
    e2 = z2;
  while (dig(at(s1, e1))) e1++;
  while (dig(at(s2, e2))) e2++;
  if (e1 - n1 !== e2 - n2) return e1 - n1 - (e2 - n2);
  return at(s1, i) - at(s2, i);
}

const compareVersion: BuiltinFn = (name, args, state) => {
  if (args.length !== 2) return ERR;
  const l = evalArg(args, 0, state);
  const r = evalArg(args, 1, state);
  if (l === Value.Undefined || r === Value.Undefined) return UNDEF;
  const sl = toStringValue(l),
    sr = toStringValue(r);
  if (typeof sl !== 'string' || typeof sr !== 'string') return ERR;
  const c = naturalCmp(sl, sr);
  if (name.toLowerCase() === 'versioncmp') return BigInt(c);
  // these five compare the name case-sensitively in C++ (so versionle() is an error)
  switch (name) {
    case 'versionLE':
      return c <= 0;
    case 'versionLT':
      return c < 0;
    case 'versionGE':
      return c >= 0;
    case 'versionGT':
      return c > 0;
    case 'versionEQ':
      return c === 0;
  }
  return ERR;
};

const versionInRange: BuiltinFn = (_n, args, state) => {
  if (args.length !== 3) return ERR;
  const t = evalArg(args, 0, state);
  const mn = evalArg(args, 1, state);
  const mx = evalArg(args, 2, state);
  if (mn === Value.Undefined || mx === Value.Undefined) return UNDEF;
  const st = toStringValue(t),
    smin = toStringValue(mn),
    smax = toStringValue(mx);
  if (typeof st !== 'string' || typeof smin !== 'string' || typeof smax !== 'string') return ERR;
  return naturalCmp(smin, st) <= 0 && naturalCmp(st, smax) <= 0;
};

const compareString: BuiltinFn = (name, args, state) => {
  if (args.length !== 2) return ERR;
  const a = evalArg(args, 0, state);
  const b = evalArg(args, 1, state);
  if (a === Value.Undefined || b === Value.Undefined) return UNDEF;
  const sa = toStringValue(a),
    sb = toStringValue(b);
  if (typeof sa !== 'string' || typeof sb !== 'string') return ERR;
  const c = name.toLowerCase() === 'strcmp' ? strcmp(sa, sb) : strcasecmp(sa, sb);
  return BigInt(Math.sign(c));
};

/** Evaluate the pattern-function arguments with the shared ERROR/UNDEFINED rules. */
function patternArgs(args: readonly ExprTree[], state: EvalState, nReq: number): EvalValue[] | EvalValue {
  const vals = args.map((a) => ev(a, state));
  for (let i = 0; i < nReq; i++) if (vals[i] === Value.Error) return ERR;
  if (vals.length > nReq && vals[nReq] === Value.Error) return ERR;
  for (let i = 0; i < nReq; i++) if (vals[i] === Value.Undefined) return UNDEF;
  if (vals.length > nReq) {
    if (vals[nReq] === Value.Undefined) return UNDEF;
    if (typeof vals[nReq] !== 'string') return ERR;
  }
  return vals;
}

const substPattern: BuiltinFn = (name, args, state) => {
  if (args.length !== 3 && args.length !== 4) return ERR;
  const r = patternArgs(args, state, 3);
  if (!Array.isArray(r)) return r as EvalValue;
  let opts = args.length === 4 ? (r[3] as string) : '';
  let haveOpts = args.length === 4;
  const n = name.toLowerCase();
  if (n === 'replace') {
    haveOpts = true;
    opts += 'f';
  } else if (n === 'replaceall') {
    haveOpts = true;
    opts += 'fg';
  }
  const [p, t, rep] = r;
  if (typeof p !== 'string' || typeof t !== 'string' || typeof rep !== 'string') return ERR;
  return regexpHelper(p, t, rep, haveOpts ? opts : '');
};

const matchPattern: BuiltinFn = (_n, args, state) => {
  if (args.length !== 2 && args.length !== 3) return ERR;
  const r = patternArgs(args, state, 2);
  if (!Array.isArray(r)) return r as EvalValue;
  const [p, t] = r;
  if (typeof p !== 'string' || typeof t !== 'string') return ERR;
  return regexpHelper(p, t, null, args.length === 3 ? (r[2] as string) : '');
};

const matchPatternMember: BuiltinFn = (_n, args, state) => {
  if (args.length !== 2 && args.length !== 3) return ERR;
  const r = patternArgs(args, state, 2);
  if (!Array.isArray(r)) return r as EvalValue;
  const [p, l] = r;
  if (typeof p !== 'string' || !(l instanceof ListValue)) return ERR;
  const opts = args.length === 3 ? (r[2] as string) : '';
  let maybeUndef = false;
  for (const e of l.exprs) {
    const v = ev(e, state);
    if (typeof v !== 'string') {
      if (v === Value.Undefined) maybeUndef = true;
      else return ERR;
    } else {
      const m = regexpHelper(p, v, null, opts);
      if (m === ERR) return ERR;
      if (m === true) return true;
    }
  }
  return maybeUndef ? UNDEF : false;
};

/** Split like C++ split_string_list: on any delimiter char (default " ,"), empty items dropped. */
function splitStringList(s: string, delim: string): string[] {
  const d = delim.length ? delim : ' ,';
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    let j = i;
    while (j < s.length && d.indexOf(s[j] as string) < 0) j++;
    if (j > i) out.push(s.slice(i, j));
    i = j < s.length ? j + 1 : j;
  }
  return out;
}

const stringListsIntersect: BuiltinFn = (_n, args, state) => {
  if (args.length !== 2 && args.length !== 3) return ERR;
  let vals: EvalValue[];
  try {
    vals = args.map((a) => ev(a, state));
  } catch (e) {
    if (e instanceof EvalFailure) return ERR;
    throw e;
  }
  const [a0, a1, a2] = vals;
  if (a0 === Value.Error || a1 === Value.Error) return ERR;
  if (args.length === 3 && a2 === Value.Error) return ERR;
  if (a0 === Value.Undefined || a1 === Value.Undefined) return UNDEF;
  let delim = '';
  if (args.length === 3) {
    if (a2 === Value.Undefined) return UNDEF;
    if (typeof a2 !== 'string') return ERR;
    delim = a2;
  }
  if (typeof a0 !== 'string' || typeof a1 !== 'string') return ERR;
  const set1 = new Set(splitStringList(a1, delim));
  for (const x of splitStringList(a0, delim)) if (set1.has(x)) return true;
  return false;
};

/** Register this group of builtins. */
export function registerStringsFunctions(): void {
  registerFunction('strcat', strCat);
  registerFunction('join', strCat);
  registerFunction('toupper', changeCase);
  registerFunction('tolower', changeCase);
  registerFunction('substr', subString);
  registerFunction('strcmp', compareString);
  registerFunction('stricmp', compareString);
  registerFunction('versioncmp', compareVersion);
  registerFunction('versionLE', compareVersion);
  registerFunction('versionLT', compareVersion);
  registerFunction('versionGE', compareVersion);
  registerFunction('versionGT', compareVersion);
  registerFunction('versionEQ', compareVersion);
  registerFunction('version_in_range', versionInRange);
  registerFunction('regexp', matchPattern);
  registerFunction('regexpmember', matchPatternMember);
  registerFunction('regexps', substPattern);
  registerFunction('replace', substPattern);
  registerFunction('replaceall', substPattern);
  registerFunction('stringListsIntersect', stringListsIntersect);
}
