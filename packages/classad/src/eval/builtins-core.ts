/**
 * The builtin functions of libclassad, ported from C++ `FunctionCall` (src/classad/fnCall.cpp, 23.9.6).
 * Each keeps the C++ argument checks and its UNDEFINED/ERROR rules. Strings are measured and cut in
 * UTF-8 bytes where C++ does (size, substr).
 */
import { ExprTree, AttributeReference, NodeKind, OpKind } from '../ast.js';
import { ClassAd } from '../classad.js';
import { AbsTime, RelTime, Value } from '../values.js';
import { parseExpression } from '../parser.js';
import { unparse } from '../unparse.js';
import { ClassAdParseError } from '../errors.js';
import { EvalValue, ListValue, UNDEF, ERR, typeOf, VT, boolEquiv, isNumber, toInt32, realToInt } from './value.js';
import { doOperation, strcmp, strcasecmp, asciiLower } from './operators.js';
import type { OperandsOut } from './operators.js';
import { EvalState, EvalFailure, evaluate, registerFunction, derefAttr, BuiltinFn } from './evaluator.js';
import { toStringValue, toRealValue, toIntegerValue, utf8, fromUtf8, isAscii, byteLength } from './convert.js';
import { Literal } from '../ast.js';
import { absTimeToString } from '../time-format.js';
import { strftime, localParts, timezoneOffset, nowSeconds } from './time.js';
import { externalRefsIn } from './refs.js';
import { regexpHelper } from './regex.js';

const ev = evaluate;

function evalArg(args: readonly ExprTree[], i: number, state: EvalState): EvalValue {
  return ev(args[i] as ExprTree, state);
}

const isType: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  const t = typeOf(a);
  switch (name.toLowerCase()) {
    case 'isundefined':
      return t === VT.Undefined;
    case 'iserror':
      return t === VT.Error;
    case 'isinteger':
      return t === VT.Integer;
    case 'isstring':
      return t === VT.String;
    case 'isreal':
      return t === VT.Real;
    case 'isboolean':
      return t === VT.Boolean;
    case 'isclassad':
      return t === VT.ClassAd;
    case 'islist':
      return t === VT.List;
    case 'isabstime':
      return t === VT.AbsTime;
    case 'isreltime':
      return t === VT.RelTime;
  }
  return ERR;
};

/** Evaluate a list element in the state (C++ iterates `for (tree : *el) tree->Evaluate(state, ...)`). */
function evalElem(e: ExprTree, state: EvalState): EvalValue {
  return ev(e, state);
}

const testMember: BuiltinFn = (name, args, state) => {
  const useIS = name.toLowerCase() === 'identicalmember';
  if (args.length !== 2) return ERR;
  const a0 = evalArg(args, 0, state);
  const a1 = evalArg(args, 1, state);
  if (a1 === Value.Undefined || (!useIS && a0 === Value.Undefined)) return UNDEF;
  if (!(a1 instanceof ListValue) || a0 instanceof ListValue || a0 instanceof ClassAd) return ERR;
  if (!useIS && a0 === Value.Error) return ERR;
  let x0: EvalValue = a0;
  for (const e of a1.exprs) {
    const c = evalElem(e, state);
    const io: OperandsOut = { v1: c, v2: x0 };
    const r = doOperation(useIS ? OpKind.MetaEqual : OpKind.Equal, c, x0, UNDEF, true, true, false, state, io).v;
    x0 = io.v2;
    if (r === true) return true;
  }
  return false;
};

const size: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  if (a === Value.Undefined) return UNDEF;
  if (a instanceof ListValue) return BigInt(a.exprs.length);
  if (a instanceof ClassAd) return BigInt(a.size);
  if (typeof a === 'string') return BigInt(byteLength(a));
  return ERR;
};

const sumAvg: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const lv = evalArg(args, 0, state);
  if (lv === Value.Undefined) return UNDEF;
  if (!(lv instanceof ListValue)) return ERR;
  const onlySum = name.toLowerCase() === 'sum';
  let result: EvalValue = 0n;
  let len = 0;
  let first = true;
  for (const e of lv.exprs) {
    len++;
    const v = evalElem(e, state);
    if (v === Value.Undefined) {
      len--;
      continue;
    }
    if (!isNumber(v)) return ERR;
    if (first) {
      result = v;
      first = false;
    } else {
      result = doOperation(OpKind.Addition, result, v, UNDEF, true, true, false).v;
    }
  }
  if (onlySum) return result;
  // C++ sets UNDEFINED for an empty list and then overwrites it with the (zero) sum
  if (len > 0) return doOperation(OpKind.Division, result, len, UNDEF, true, true, false).v;
  return result;
};

const minMax: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const lv = evalArg(args, 0, state);
  if (lv === Value.Undefined) return UNDEF;
  if (!(lv instanceof ListValue)) return ERR;
  const op = (name[1] ?? '').toLowerCase() === 'i' ? OpKind.LessThan : OpKind.GreaterThan;
  let result: EvalValue = UNDEF;
  let first = true;
  for (const e of lv.exprs) {
    const v = evalElem(e, state);
    if (v === Value.Undefined) continue;
    if (!isNumber(v)) return ERR;
    if (first) {
      result = v;
      first = false;
    } else {
      // the comparison promotes both operands in place (an int result becomes real next to a real)
      const io: OperandsOut = { v1: v, v2: result };
      const r = doOperation(op, v, result, UNDEF, true, true, false, state, io).v;
      result = io.v2;
      if (r === true) result = io.v1;
    }
  }
  return result;
};

const COMPARE_OPS: Record<string, OpKind> = {
  '<': OpKind.LessThan,
  '<=': OpKind.LessOrEqual,
  '!=': OpKind.NotEqual,
  '==': OpKind.Equal,
  '>': OpKind.GreaterThan,
  '>=': OpKind.GreaterOrEqual,
  is: OpKind.MetaEqual,
  isnt: OpKind.MetaNotEqual,
};

const listCompare: BuiltinFn = (name, args, state) => {
  if (args.length !== 3) return ERR;
  const sv = evalArg(args, 0, state);
  if (sv === Value.Undefined) return UNDEF;
  if (typeof sv !== 'string') return ERR;
  const op = Object.prototype.hasOwnProperty.call(COMPARE_OPS, sv) ? COMPARE_OPS[sv] : undefined;
  if (op === undefined) return ERR;
  const lv = evalArg(args, 1, state);
  if (lv === Value.Undefined) return UNDEF;
  if (!(lv instanceof ListValue)) return ERR;
  let cv = evalArg(args, 2, state);
  const needAll = name.toLowerCase() !== 'anycompare';
  for (const e of lv.exprs) {
    const v = evalElem(e, state);
    const io: OperandsOut = { v1: v, v2: cv };
    const r = doOperation(op, v, cv, UNDEF, true, true, false, state, io).v;
    cv = io.v2;
    if (typeof r !== 'boolean') {
      if (r === Value.Undefined) {
        if (needAll) return false;
      } else {
        return ERR;
      }
      return needAll;
    } else if (r) {
      if (!needAll) return true;
    } else if (needAll) return false;
  }
  return needAll;
};

const epochTime: BuiltinFn = (_n, args) => (args.length > 0 ? ERR : BigInt(nowSeconds()));

function currentAbsTime(): AbsTime {
  const now = nowSeconds();
  return new AbsTime(now, timezoneOffset(now));
}

const currentTime: BuiltinFn = (_n, args) => (args.length > 0 ? ERR : currentAbsTime());

const timeZoneOffsetFn: BuiltinFn = (_n, args) => (args.length > 0 ? ERR : new RelTime(timezoneOffset(nowSeconds())));

const dayTime: BuiltinFn = (_n, args) => {
  if (args.length > 0) return ERR;
  const p = localParts(nowSeconds());
  return new RelTime(p.hour * 3600 + p.min * 60 + p.sec);
};

const getField: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  const n = name.toLowerCase();
  if (a instanceof AbsTime) {
    const p = localParts(a.secs);
    switch (n) {
      case 'getyear':
        return BigInt(p.year);
      case 'getmonth':
        return BigInt(p.mon + 1);
      case 'getdayofyear':
        return BigInt(p.yday);
      case 'getdayofmonth':
        return BigInt(p.mday);
      case 'getdayofweek':
        return BigInt(p.wday);
      case 'gethours':
        return BigInt(p.hour);
      case 'getminutes':
        return BigInt(p.min);
      case 'getseconds':
        return BigInt(p.sec);
      default:
        return ERR;
    }
  }
  if (a instanceof RelTime) {
    const r = BigInt(Math.trunc(a.secs));
    switch (n) {
      case 'getdays':
        return r / 86400n;
      case 'gethours':
        return (r % 86400n) / 3600n;
      case 'getminutes':
        return (r % 3600n) / 60n;
      case 'getseconds':
        return r % 60n;
      default:
        return ERR;
    }
  }
  return ERR;
};

function absTimeToAd(t: AbsTime): ClassAd {
  const d = new Date((t.secs + t.offset) * 1000);
  const ad = new ClassAd();
  ad.insert('Type', new Literal('AbsoluteTime'));
  ad.insert('Year', new Literal(BigInt(d.getUTCFullYear())));
  ad.insert('Month', new Literal(BigInt(d.getUTCMonth() + 1)));
  ad.insert('Day', new Literal(BigInt(d.getUTCDate())));
  ad.insert('Hours', new Literal(BigInt(d.getUTCHours())));
  ad.insert('Minutes', new Literal(BigInt(d.getUTCMinutes())));
  ad.insert('Seconds', new Literal(BigInt(d.getUTCSeconds())));
  ad.insert('Offset', new Literal(BigInt(t.offset)));
  return ad;
}

function relTimeToAd(rsecsIn: number): ClassAd {
  let rsecs = rsecsIn;
  const neg = rsecs < 0;
  if (neg) rsecs = -rsecs;
  let days = toInt32(realToInt(rsecs));
  let hrs = days % 86400;
  let mins = hrs % 3600;
  let secs = (mins % 60) + (rsecs - Math.floor(rsecs));
  days = Math.trunc(days / 86400);
  hrs = Math.trunc(hrs / 3600);
  mins = Math.trunc(mins / 60);
  if (neg) {
    if (days > 0) days = -days;
    else if (hrs > 0) hrs = -hrs;
    else if (mins > 0) mins = -mins;
    else secs = -secs;
  }
  const ad = new ClassAd();
  ad.insert('Type', new Literal('RelativeTime'));
  ad.insert('Days', new Literal(BigInt(days)));
  ad.insert('Hours', new Literal(BigInt(hrs)));
  ad.insert('Minutes', new Literal(BigInt(mins)));
  ad.insert('Seconds', new Literal(secs));
  return ad;
}

/** C++ doSplitTime. */
function doSplitTime(v: EvalValue): ClassAd | null {
  if (typeof v === 'bigint') {
    const s = toInt32(v);
    return absTimeToAd(new AbsTime(s, timezoneOffset(s)));
  }
  if (typeof v === 'number') {
    const s = toInt32(realToInt(v));
    return absTimeToAd(new AbsTime(s, timezoneOffset(s)));
  }
  if (v instanceof AbsTime) return absTimeToAd(v);
  if (v instanceof RelTime) return relTimeToAd(v.secs);
  if (v instanceof ClassAd) {
    const c = new ClassAd();
    for (const [k, e] of v.exprEntries()) c.insert(k, e);
    return c;
  }
  return null;
}

const splitTime: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  if (a === Value.Undefined) return UNDEF;
  if (!(a instanceof ClassAd)) {
    const s = doSplitTime(a);
    if (s) return s;
  }
  return ERR;
};

function adInt(ad: ClassAd, name: string): number | undefined {
  const e = ad.lookup(name);
  if (!e) return undefined;
  const st = new EvalState();
  st.setScopes(ad);
  const v = ev(e, st);
  // EvaluateAttrInt accepts integers, and reals/booleans converted
  if (typeof v === 'bigint') return toInt32(v);
  if (typeof v === 'number') return toInt32(realToInt(v));
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

const formatTime: BuiltinFn = (_n, args, state) => {
  if (args.length === 0) {
    const p = localParts(nowSeconds());
    return strftime('%c', p);
  }
  if (args.length >= 3) return ERR;
  const t = evalArg(args, 0, state);
  if (t instanceof RelTime) return ERR;
  const split = doSplitTime(t);
  if (!split) return ERR;
  const sec = adInt(split, 'Seconds') ?? 0;
  const min = adInt(split, 'Minutes') ?? 0;
  const hour = adInt(split, 'Hours') ?? 0;
  const mday = adInt(split, 'Day') ?? 0;
  const monRaw = adInt(split, 'Month');
  const mon = monRaw === undefined ? 0 : monRaw - 1;
  const yearRaw = adInt(split, 'Year');
  const year = yearRaw === undefined ? 1900 : yearRaw;
  const offset = adInt(split, 'Offset') ?? 0;
  const d = new Date(Date.UTC(year, mon, mday));
  const jan1 = Date.UTC(year, 0, 1);
  const parts = {
    year,
    mon,
    mday,
    hour,
    min,
    sec,
    wday: d.getUTCDay(),
    yday: Math.round((d.getTime() - jan1) / 86400000),
    // C++ builds the struct tm by hand (memset to 0), so %z always shows +0000
    gmtoff: 0,
  };
  void offset;
  if (args.length === 1) return strftime('%c', parts);
  const f = evalArg(args, 1, state);
  if (typeof f !== 'string') return ERR;
  return strftime(f, parts);
};

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

const convInt: BuiltinFn = (_n, args, state) => (args.length !== 1 ? ERR : toIntegerValue(evalArg(args, 0, state)));
const convReal: BuiltinFn = (_n, args, state) => (args.length !== 1 ? ERR : toRealValue(evalArg(args, 0, state)));
const convString: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const s = toStringValue(evalArg(args, 0, state));
  return s;
};

const convBool: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  switch (typeof a) {
    case 'boolean':
      return a;
    case 'bigint':
      return a !== 0n;
    case 'number':
      return a !== 0;
    case 'string': {
      const l = asciiLower(a);
      if (l === 'false') return false;
      if (l === 'true') return true;
      return UNDEF;
    }
    case 'symbol':
      return a === Value.Undefined ? UNDEF : ERR;
    default:
      if (a instanceof RelTime) return Math.trunc(a.secs) !== 0;
      return ERR;
  }
};

const unparseFn: BuiltinFn = (_n, args, state) => {
  const a = args[0];
  if (args.length !== 1 || !a || a.kind !== NodeKind.AttrRef) return ERR;
  const attr = unparse(a, { pretty: true });
  const t = state.curAd ? state.curAd.lookup(attr) : undefined;
  return t ? unparse(t, { pretty: true }) : '';
};

const hasRefs: BuiltinFn = (_n, args, state) => {
  const a = args[0];
  if (args.length < 1 || args.length > 2 || !a || a.kind !== NodeKind.AttrRef) return ERR;
  const ref = a as AttributeReference;
  // C++ AttributeReference::Deref leaves state.curAd at the ad where the name was found
  const tree = derefAttr(ref, state);
  if (!tree) return UNDEF;
  const scope = state.curAd;
  let re: RegExp | null = null;
  let result: EvalValue = '';
  if (args.length === 2) {
    const p = evalArg(args, 1, state);
    if (typeof p !== 'string') throw new EvalFailure('pattern not a string');
    try {
      re = new RegExp(p, 'i');
    } catch {
      return ERR;
    }
    result = false;
  }
  if (tree && state.curAd && scope) {
    const names = externalRefsIn(tree, scope, state);
    const out: string[] = [];
    for (let attr of names) {
      if (attr.length >= 7 && asciiLower(attr.slice(0, 7)) === 'target.') attr = attr.slice(7);
      if (re) {
        if (attr.length && re.test(attr)) return true;
      } else out.push(attr);
    }
    if (!re) result = out.join(',');
  }
  return result;
};

const convTime: BuiltinFn = (name, args, state) => {
  const relative = name.toLowerCase() === 'reltime';
  if (args.length === 0 && !relative) return currentAbsTime();
  if (args.length < 1 || args.length > 2) return ERR;
  const a = evalArg(args, 0, state);
  let second = false;
  let arg2num = 0;
  if (args.length === 2) {
    second = true;
    const a2 = evalArg(args, 1, state);
    if (relative) return ERR;
    if (typeof a2 === 'bigint') arg2num = toInt32(a2);
    else if (typeof a2 === 'number') arg2num = toInt32(realToInt(a2));
    else if (a2 instanceof RelTime) arg2num = toInt32(realToInt(a2.secs));
    else return ERR;
  }
  switch (typeOf(a)) {
    case VT.Undefined:
      return UNDEF;
    case VT.Error:
    case VT.ClassAd:
    case VT.List:
    case VT.Boolean:
      return ERR;
    case VT.Integer: {
      const iv = toInt32(a as bigint);
      if (relative) return new RelTime(iv);
      return new AbsTime(iv, second ? arg2num : timezoneOffset(iv));
    }
    case VT.Real: {
      const r = a as number;
      if (relative) return new RelTime(r);
      const s = toInt32(realToInt(r));
      return new AbsTime(s, second ? arg2num : timezoneOffset(s));
    }
    case VT.String:
      // C++ falls through to the absolute-time case with a zeroed time
      return relative ? new RelTime(0) : new AbsTime(0, 0);
    case VT.AbsTime:
      return relative ? new RelTime((a as AbsTime).secs) : a;
    default: {
      if (relative) return a;
      const s = Math.trunc((a as RelTime).secs);
      return new AbsTime(s, second ? arg2num : timezoneOffset(s));
    }
  }
};

/** C rint(): round half to even. */
function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

const doRound: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  if (typeof a === 'bigint') return a;
  const r = toRealValue(a);
  if (typeof r !== 'number') return ERR;
  switch (name.toLowerCase()) {
    case 'floor':
      return realToInt(Math.floor(r));
    case 'ceil':
    case 'ceiling':
      return realToInt(Math.ceil(r));
    case 'round':
      return realToInt(rint(r));
  }
  return ERR;
};

const doMath2: BuiltinFn = (name, args, state) => {
  if (args.length !== 2) return ERR;
  const a = evalArg(args, 0, state);
  let a2 = evalArg(args, 1, state);
  const n = name.toLowerCase();
  if (n === 'pow') {
    if (typeof a === 'bigint' && typeof a2 === 'bigint' && a2 >= 0n) {
      return realToInt(Math.pow(Number(a), Number(a2)) + 0.5);
    }
    const rv = toRealValue(a),
      rb = toRealValue(a2);
    if (typeof rv !== 'number' || typeof rb !== 'number') return ERR;
    return Math.pow(rv, rb);
  }
  if (n === 'quantize') {
    const rvv = toRealValue(a);
    if (typeof rvv !== 'number') return ERR;
    const rval = rvv;
    let rbase: number;
    if (a2 instanceof ListValue) {
      let base: EvalValue = 0;
      rbase = 0;
      for (const e of a2.exprs) {
        base = ev(e, state);
        const bv = toRealValue(base);
        if (typeof bv !== 'number') return ERR;
        rbase = bv;
        if (rbase >= rval) return base;
      }
      a2 = base;
    } else {
      const bv = toRealValue(a2);
      if (typeof bv !== 'number') return ERR;
      rbase = bv;
    }
    if (typeof a2 === 'bigint') {
      const ibase = a2;
      if (ibase === 0n) return a;
      if (typeof a === 'bigint') return ((a + ibase - 1n) / ibase) * ibase;
      return Math.ceil(rval / Number(ibase)) * Number(ibase);
    }
    if (rbase >= -1e-8 && rbase <= 1e-8) return a;
    return Math.ceil(rval / rbase) * rbase;
  }
  return ERR;
};

const randomFn: BuiltinFn = (_n, args, state) => {
  if (args.length > 1) return ERR;
  const a: EvalValue = args.length === 0 ? 1 : evalArg(args, 0, state);
  if (typeof a === 'bigint') {
    const m = toInt32(a);
    if (m <= 0) throw new EvalFailure('random bound');
    return BigInt(Math.floor(Math.random() * 2147483648) % m);
  }
  if (typeof a === 'number') {
    if (a <= 0) throw new EvalFailure('random bound');
    return a * Math.random();
  }
  return ERR;
};

const ifThenElse: BuiltinFn = (_n, args, state) => {
  if (args.length !== 3) return ERR;
  const c = evalArg(args, 0, state);
  let b: boolean;
  switch (typeof c) {
    case 'boolean':
      b = c;
      break;
    case 'bigint':
      b = c !== 0n;
      break;
    case 'number':
      b = c !== 0;
      break;
    default:
      return c === Value.Undefined ? UNDEF : ERR;
  }
  return evalArg(args, b ? 1 : 2, state);
};

const evalFn: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  const s = toStringValue(a);
  if (typeof s !== 'string') return ERR;
  if (state.depth <= 0) throw new EvalFailure('recursion limit');
  let expr: ExprTree;
  try {
    expr = parseExpression(s);
  } catch (e) {
    if (e instanceof ClassAdParseError) return ERR;
    throw e;
  }
  state.depth--;
  try {
    return ev(expr, state);
  } finally {
    state.depth++;
  }
};

const interval: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const iv = toIntegerValue(evalArg(args, 0, state));
  if (typeof iv !== 'bigint') return ERR;
  let tot = toInt32(iv);
  const days = Math.trunc(tot / 86400);
  tot %= 86400;
  const hours = Math.trunc(tot / 3600);
  tot %= 3600;
  const min = Math.trunc(tot / 60);
  const secs = tot % 60;
  const p2 = (n: number): string => String(Math.abs(n)).padStart(2, '0');
  if (days !== 0) return `${days}+${p2(hours)}:${p2(min)}:${p2(secs)}`;
  if (hours !== 0) return `${hours}:${p2(min)}:${p2(secs)}`;
  if (min !== 0) return `${min}:${p2(secs)}`;
  return String(secs);
};

const debugFn: BuiltinFn = (_n, args, state) => (args.length !== 1 ? ERR : evalArg(args, 0, state));

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

/** Register the libclassad builtins. */
export function registerCoreFunctions(): void {
  const table: Array<[string, BuiltinFn]> = [
    ['isundefined', isType],
    ['iserror', isType],
    ['isstring', isType],
    ['isinteger', isType],
    ['isreal', isType],
    ['islist', isType],
    ['isclassad', isType],
    ['isboolean', isType],
    ['isabstime', isType],
    ['isreltime', isType],
    ['member', testMember],
    ['identicalmember', testMember],
    ['size', size],
    ['sum', sumAvg],
    ['avg', sumAvg],
    ['min', minMax],
    ['max', minMax],
    ['anycompare', listCompare],
    ['allcompare', listCompare],
    ['time', epochTime],
    ['currenttime', currentTime],
    ['timezoneoffset', timeZoneOffsetFn],
    ['daytime', dayTime],
    ['getyear', getField],
    ['getmonth', getField],
    ['getdayofyear', getField],
    ['getdayofmonth', getField],
    ['getdayofweek', getField],
    ['getdays', getField],
    ['gethours', getField],
    ['getminutes', getField],
    ['getseconds', getField],
    ['splittime', splitTime],
    ['formattime', formatTime],
    ['strcat', strCat],
    ['join', strCat],
    ['toupper', changeCase],
    ['tolower', changeCase],
    ['substr', subString],
    ['strcmp', compareString],
    ['stricmp', compareString],
    ['versioncmp', compareVersion],
    ['versionLE', compareVersion],
    ['versionLT', compareVersion],
    ['versionGE', compareVersion],
    ['versionGT', compareVersion],
    ['versionEQ', compareVersion],
    ['version_in_range', versionInRange],
    ['regexp', matchPattern],
    ['regexpmember', matchPatternMember],
    ['regexps', substPattern],
    ['replace', substPattern],
    ['replaceall', substPattern],
    ['int', convInt],
    ['real', convReal],
    ['string', convString],
    ['bool', convBool],
    ['absTime', convTime],
    ['relTime', convTime],
    ['unparse', unparseFn],
    ['unresolved', hasRefs],
    ['floor', doRound],
    ['ceil', doRound],
    ['ceiling', doRound],
    ['round', doRound],
    ['pow', doMath2],
    ['quantize', doMath2],
    ['random', randomFn],
    ['ifThenElse', ifThenElse],
    ['interval', interval],
    ['eval', evalFn],
    ['stringListsIntersect', stringListsIntersect],
    ['debug', debugFn],
  ];
  for (const [n, f] of table) registerFunction(n, f);
}

export { absTimeToString, boolEquiv };
