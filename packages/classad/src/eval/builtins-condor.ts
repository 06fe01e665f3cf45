/**
 * HTCondor's extra ClassAd functions, registered by `ClassAdReconfig` in
 * src/condor_utils/compat_classad.cpp (23.9.6): stringList*, split*, evalInEachContext, countMatches,
 * userHome, userMap (envV1ToV2, mergeEnvironment, argsToList, listToArgs are in builtins-env.ts).
 */
import { ExprTree, ExprList, Literal, NodeKind, AttributeReference } from '../ast.js';
import { ClassAd } from '../classad.js';
import { Value } from '../values.js';
import { EvalValue, ListValue, UNDEF, ERR, boolEquiv } from './value.js';
import { EvalState, EvalFailure, evaluate, registerFunction, derefAttr, BuiltinFn, getAlternateScope, setAlternateScope } from './evaluator.js';
import { asciiLower } from './operators.js';
import { compilePcre } from './regex.js';
import { getUserMapper } from './api.js';

function isSpaceCh(c: string): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
}

/** HTCondor `StringTokenIterator` with trimming: split on any delimiter character, trim white space, drop empties. */
export function stringTokens(s: string, delims: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  for (;;) {
    while (i < n && (delims.indexOf(s[i] as string) >= 0 || isSpaceCh(s[i] as string))) i++;
    const start = i;
    let end = i;
    while (i < n && delims.indexOf(s[i] as string) < 0) {
      if (!isSpaceCh(s[i] as string)) end = i;
      i++;
    }
    if (i <= start) break;
    out.push(s.slice(start, end + 1));
  }
  return out;
}

const ev = evaluate;

const stringListSize: BuiltinFn = (_n, args, state) => {
  if (args.length < 1 || args.length > 2) return ERR;
  const a0 = ev(args[0] as ExprTree, state);
  const a1 = args.length === 2 ? ev(args[1] as ExprTree, state) : ', ';
  if (typeof a0 !== 'string' || typeof a1 !== 'string') return ERR;
  return BigInt(stringTokens(a0, a1).length);
};

/** C `sscanf("%lf")`: leading white space, then the longest strtod prefix; null if none. */
function scanDouble(s: string): number | null {
  const m = /^[ \t\n\v\f\r]*([-+]?(?:(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?|inf(?:inity)?|nan))/i.exec(s);
  if (!m) return null;
  const t = (m[1] as string).toLowerCase();
  if (t.includes('inf')) return t.startsWith('-') ? -Infinity : Infinity;
  if (t.includes('nan')) return NaN;
  return Number(t);
}

const FLT_MAX = 3.4028234663852886e38;
const FLT_MIN = 1.1754943508222875e-38;

const stringListSummarize: BuiltinFn = (name, args, state) => {
  if (args.length < 1 || args.length > 2) return ERR;
  const a0 = ev(args[0] as ExprTree, state);
  const a1 = args.length === 2 ? ev(args[1] as ExprTree, state) : ', ';
  if (typeof a0 !== 'string' || typeof a1 !== 'string') return ERR;
  const n = name.toLowerCase();
  let acc: number;
  let f: (x: number, a: number) => number;
  let emptyOk = false;
  let isAvg = false;
  if (n === 'stringlistsum' || n === 'stringlistavg') {
    f = (x, a) => x + a;
    acc = 0;
    emptyOk = true;
    isAvg = n === 'stringlistavg';
  } else if (n === 'stringlistmin') {
    f = (x, a) => (x < a ? x : a);
    acc = FLT_MAX;
  } else if (n === 'stringlistmax') {
    f = (x, a) => (x > a ? x : a);
    acc = FLT_MIN;
  } else throw new EvalFailure('bad name');
  let cnt = 0;
  let isReal = false;
  for (const e of stringTokens(a0, a1)) {
    cnt++;
    const t = scanDouble(e);
    if (t === null) return ERR;
    if (!/^[-+0-9]*$/.test(e)) isReal = true;
    acc = f(t, acc);
  }
  if (cnt === 0) return emptyOk ? 0 : UNDEF;
  if (isAvg) acc /= cnt;
  if (isReal) return acc;
  if (Number.isNaN(acc) || !Number.isFinite(acc)) return -0x8000000000000000n;
  return BigInt(Math.trunc(acc));
};

const stringListMember: BuiltinFn = (name, args, state) => {
  if (args.length < 2 || args.length > 3) return ERR;
  const a0 = ev(args[0] as ExprTree, state);
  const a1 = ev(args[1] as ExprTree, state);
  const a2 = args.length === 3 ? ev(args[2] as ExprTree, state) : ', \t\r\n';
  if ((a0 !== Value.Undefined && typeof a0 !== 'string') || (a1 !== Value.Undefined && typeof a1 !== 'string')) return ERR;
  if (args.length === 3 && a2 !== Value.Undefined && typeof a2 !== 'string') return ERR;
  if (a0 === Value.Undefined && a1 === Value.Undefined) return UNDEF;
  const item = typeof a0 === 'string' ? a0 : '';
  const list = typeof a1 === 'string' ? a1 : '';
  const delims = typeof a2 === 'string' ? a2 : ', \t\r\n';
  // the operation is read from the spelling of the name after "stringlist"
  let op = name.slice('stringlist'.length);
  let caseSensitive = true;
  if ((op[0] ?? '').toUpperCase() === 'I') {
    caseSensitive = false;
    op = op.slice(1);
  }
  const kind = (op[0] ?? '').toUpperCase();
  if (kind === 'M') {
    const sl = stringTokens(list, delims);
    return caseSensitive ? sl.includes(item) : sl.some((x) => asciiLower(x) === asciiLower(item));
  }
  if (kind === 'S') {
    if (item.length === 0) return true;
    const set = new Set(stringTokens(list, delims).map((x) => (caseSensitive ? x : asciiLower(x))));
    let rc = false;
    for (const it of stringTokens(item, delims)) {
      rc = set.has(caseSensitive ? it : asciiLower(it));
      if (!rc) break;
    }
    return rc;
  }
  return ERR;
};

const stringListRegexpMember: BuiltinFn = (_n, args, state) => {
  if (args.length < 2 || args.length > 4) return ERR;
  const vals = args.map((a) => ev(a, state));
  const [p, l] = vals;
  const d = vals.length >= 3 ? vals[2] : ', ';
  const o = vals.length === 4 ? vals[3] : '';
  if (typeof p !== 'string' || typeof l !== 'string' || typeof d !== 'string' || typeof o !== 'string') return ERR;
  const re = compilePcre(p, o, false);
  if (!re) return ERR;
  let result: EvalValue = false;
  let empty = true;
  for (const e of stringTokens(l, d)) {
    empty = false;
    if (re.test(e)) result = true;
  }
  return empty ? UNDEF : result;
};

const splitAt: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const a = ev(args[0] as ExprTree, state);
  if (typeof a !== 'string') return ERR;
  const ix = a.indexOf('@');
  let first: string, second: string;
  if (ix < 0) {
    if (name.toLowerCase() === 'splitslotname') {
      first = '';
      second = a;
    } else {
      first = a;
      second = '';
    }
  } else {
    first = a.slice(0, ix);
    second = a.slice(ix + 1);
  }
  return new ListValue([new Literal(first), new Literal(second)], null);
};

const splitArb: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1 && args.length !== 2) return ERR;
  const a = ev(args[0] as ExprTree, state);
  const sepV = args.length >= 2 ? ev(args[1] as ExprTree, state) : ', \t';
  if (typeof a !== 'string') return ERR;
  if (typeof sepV !== 'string') return ERR;
  const seps = sepV;
  const items: ExprTree[] = [];
  let last = 0;
  if (seps.length > 0) {
    const findSep = (from: number): number => {
      for (let i = from; i < a.length; i++) if (seps.indexOf(a[i] as string) >= 0) return i;
      return -1;
    };
    let ix = findSep(last);
    let ch: string | null = null;
    while (ix >= 0) {
      if (ix - last > 0) items.push(new Literal(a.slice(last, ix)));
      else if (ch !== null && !isSpaceCh(ch) && ch === a[ix]) items.push(new Literal(''));
      if (!isSpaceCh(a[ix] as string)) ch = a[ix] as string;
      last = ix + 1;
      ix = findSep(last);
    }
  }
  if (a.length > last) items.push(new Literal(a.slice(last)));
  return new ListValue(items, null);
};

/** C++ `is_in_tree`: is `member` the ad `leaf` or one of its lexical parents. */
function isInTree(member: ClassAd | null, leaf: ClassAd | null): boolean {
  for (let p = leaf; p; p = p.parentScope) if (p === member) return true;
  return member === leaf;
}

/** The match ad of the current evaluation, if any (set by matchmaking). */
export interface MatchInfo {
  root: ClassAd;
  left: ClassAd;
  right: ClassAd;
}
const matchRoots = new WeakMap<ClassAd, MatchInfo>();
export function registerMatchRoot(info: MatchInfo): void {
  matchRoots.set(info.root, info);
}

function evaluateInContext(expr: ExprTree, state: EvalState, nestedRef: ExprTree): EvalValue {
  let cav: EvalValue;
  try {
    cav = ev(nestedRef, state);
  } catch (e) {
    if (e instanceof EvalFailure) return ERR;
    throw e;
  }
  if (!(cav instanceof ClassAd)) return cav === Value.Undefined ? UNDEF : ERR;
  const nested = cav;
  const orig = getAlternateScope(nested);
  let rv: EvalValue = UNDEF;
  let forcedError = false;
  const m = state.rootAd ? matchRoots.get(state.rootAd) : undefined;
  if (m) {
    if (isInTree(nested.parentScope, m.left)) setAlternateScope(nested, getAlternateScope(m.left) ?? null);
    else if (isInTree(nested.parentScope, m.right)) setAlternateScope(nested, getAlternateScope(m.right) ?? null);
    else forcedError = true;
  }
  const tmp = new EvalState();
  tmp.setScopes(nested);
  try {
    rv = ev(expr, tmp);
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
    rv = ERR;
  } finally {
    setAlternateScope(nested, orig ?? null);
  }
  void forcedError;
  return rv;
}

const evalInEachContext: BuiltinFn = (name, args, state) => {
  const isEach = name.toLowerCase() === 'evalineachcontext';
  if (args.length !== 2) return ERR;
  let expr = args[0] as ExprTree;
  let nal: ExprTree = args[1] as ExprTree;
  if (expr.kind === NodeKind.AttrRef) {
    const ref = expr as AttributeReference;
    const tree = derefAttr(ref, state);
    if (tree) expr = tree;
  }
  let listExprs: readonly ExprTree[] | null = null;
  if (nal.kind === NodeKind.ExprList) listExprs = (nal as ExprList).exprs;
  else {
    let cav: EvalValue;
    try {
      cav = ev(nal, state);
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
      cav = ERR;
    }
    if (cav instanceof ListValue) listExprs = cav.exprs;
    else if (cav === Value.Undefined) return isEach ? UNDEF : 0n;
  }
  void nal;
  nal = args[1] as ExprTree;
  if (!listExprs) return ERR;
  if (isEach) {
    const out: ExprTree[] = [];
    for (const e of listExprs) {
      const v = evaluateInContext(expr, state, e);
      if (v instanceof ListValue) out.push(new ExprList(v.exprs));
      else if (v instanceof ClassAd) out.push(v);
      else out.push(new Literal(v));
    }
    return new ListValue(out, null);
  }
  let n = 0n;
  for (const e of listExprs) {
    const r = evaluateInContext(expr, state, e);
    if (boolEquiv(r) === true) n++;
  }
  return n;
};


const userHome: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1 && args.length !== 2) throw new EvalFailure('userHome arity');
  let def = '';
  if (args.length === 2) {
    try {
      const d = ev(args[1] as ExprTree, state);
      if (typeof d === 'string') def = d;
    } catch (e) {
      if (!(e instanceof EvalFailure)) throw e;
    }
  }
  let owner: EvalValue = UNDEF;
  try {
    owner = ev(args[0] as ExprTree, state);
  } catch (e) {
    if (!(e instanceof EvalFailure)) throw e;
  }
  if (owner === Value.Undefined && !def.length) return UNDEF;
  if (typeof owner !== 'string') return def.length ? def : ERR;
  // CLASSAD_ENABLE_USER_HOME defaults to false; a client library has no passwd database to consult
  return def.length ? def : UNDEF;
};

const userMap: BuiltinFn = (_n, args, state) => {
  const c = args.length;
  if (c < 2 || c > 4) return ERR;
  const mapV = ev(args[0] as ExprTree, state);
  const userV = ev(args[1] as ExprTree, state);
  if (c >= 3) ev(args[2] as ExprTree, state); // evaluated for its failure status, as in C++
  const dflt = c >= 4 ? ev(args[3] as ExprTree, state) : UNDEF;
  if (typeof mapV !== 'string' || typeof userV !== 'string') {
    if (mapV === Value.Error || userV === Value.Error) return ERR;
    return c < 4 ? UNDEF : dflt;
  }
  const mapper = getUserMapper();
  const mapped = mapper ? mapper(mapV, userV) : undefined;
  if (mapped === undefined) return c < 4 ? UNDEF : dflt;
  // C++ splits the mapping output at commas (StringTokenIterator, trimmed)
  const items = typeof mapped === 'string' ? stringTokens(mapped, ',') : [...mapped];
  if (c === 2) return new ListValue(items.map((s) => new Literal(s)), null);
  const pref = c >= 3 ? ev(args[2] as ExprTree, state) : UNDEF;
  let sel: string | undefined;
  if (typeof pref === 'string') sel = items.find((x) => asciiLower(x) === asciiLower(pref));
  sel ??= items[0];
  if (sel !== undefined) return sel;
  return c < 4 ? UNDEF : dflt;
};

/** Register HTCondor's functions (as `ClassAdReconfig` does in every HTCondor process). */
export function registerCondorFunctions(): void {
  const table: Array<[string, BuiltinFn]> = [
    ['stringListSize', stringListSize],
    ['stringListSum', stringListSummarize],
    ['stringListAvg', stringListSummarize],
    ['stringListMin', stringListSummarize],
    ['stringListMax', stringListSummarize],
    ['stringListMember', stringListMember],
    ['stringListIMember', stringListMember],
    ['stringListSubsetMatch', stringListMember],
    ['stringListISubsetMatch', stringListMember],
    ['stringList_regexpMember', stringListRegexpMember],
    ['userHome', userHome],
    ['userMap', userMap],
    ['splitusername', splitAt],
    ['splitslotname', splitAt],
    ['split', splitArb],
    ['evalInEachContext', evalInEachContext],
    ['countMatches', evalInEachContext],
  ];
  for (const [n, f] of table) registerFunction(n, f);
}
