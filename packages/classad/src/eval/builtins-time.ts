/**
 * Time builtins (C++ fnCall.cpp: time, currentTime, timeZoneOffset, dayTime, get*, splitTime, formatTime, absTime/relTime conversions).
 * Ported from HTCondor 23.9.6, keeping the C++ argument checks and UNDEFINED/ERROR rules.
 */
import { Literal } from '../ast.js';
import { ClassAd } from '../classad.js';
import { AbsTime, RelTime, Value } from '../values.js';
import { EvalValue, UNDEF, ERR, typeOf, VT, toInt32, realToInt } from './value.js';
import { EvalState, evaluate, registerFunction, BuiltinFn } from './evaluator.js';
import { strftime, localParts, timezoneOffset, nowSeconds } from './time.js';
import { evalArg } from './args.js';

const ev = evaluate;

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

/** Register this group of builtins. */
export function registerTimeFunctions(): void {
  registerFunction('time', epochTime);
  registerFunction('currenttime', currentTime);
  registerFunction('timezoneoffset', timeZoneOffsetFn);
  registerFunction('daytime', dayTime);
  registerFunction('getyear', getField);
  registerFunction('getmonth', getField);
  registerFunction('getdayofyear', getField);
  registerFunction('getdayofmonth', getField);
  registerFunction('getdayofweek', getField);
  registerFunction('getdays', getField);
  registerFunction('gethours', getField);
  registerFunction('getminutes', getField);
  registerFunction('getseconds', getField);
  registerFunction('splittime', splitTime);
  registerFunction('formattime', formatTime);
  registerFunction('absTime', convTime);
  registerFunction('relTime', convTime);
}
