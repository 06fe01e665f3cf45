/**
 * JSON and XML events: each is the ClassAd the writer's toClassAd produced. The C++ reader instantiates the event
 * from EventTypeNumber and calls `initFromClassAd`, and the bindings then call `toClassAd` again; this module does
 * the same through the shared model, so attributes the event class does not know are dropped and types are coerced
 * (LookupInteger accepts reals and booleans, LookupString only strings) exactly as there.
 */
import { ClassAd, Literal, type ClassAdValue } from '@htcondor-ts/classad';
import { SPECS, formatRusage, type Extras, type Rec } from './model.js';
import { formatEventTime, parseIso8601, tmToClock } from './time.js';
import { sscanf } from './scan.js';
import type { EventParts } from './job-event.js';

function literal(ad: ClassAd, name: string): ClassAdValue | undefined {
  const e = ad.lookup(name);
  if (e === undefined) return undefined;
  if (e instanceof Literal) return e.value;
  if (e instanceof ClassAd) return e;
  try {
    return ad.evaluate(e);
  } catch {
    return undefined;
  }
}

/** EvaluateAttrInt / IsNumber: integers, reals (truncated) and booleans. */
export function lookupInt(ad: ClassAd, name: string): number | undefined {
  const v = literal(ad, name);
  if (typeof v === 'bigint') return Number(BigInt.asIntN(32, v));
  if (typeof v === 'number') return Number.isFinite(v) ? Math.trunc(v) | 0 : undefined;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

function lookupReal(ad: ClassAd, name: string): number | undefined {
  const v = literal(ad, name);
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'number') return v;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return undefined;
}

function lookupString(ad: ClassAd, name: string): string | undefined {
  const v = literal(ad, name);
  return typeof v === 'string' ? v : undefined;
}

/** strToRusage + rusageToStr; undefined when the text does not parse (the event keeps zero usage). */
function rusage(text: string): string | undefined {
  const m = sscanf(text.replace(/^\s+/, ''), 'Usr %d %d:%d:%d, Sys %d %d:%d:%d');
  if (m.count < 8) return undefined;
  const v = m.vals as number[];
  return formatRusage(v[3]! + v[2]! * 60 + v[1]! * 3600 + v[0]! * 86400, v[7]! + v[6]! * 60 + v[5]! * 3600 + v[4]! * 86400);
}

/** ToE::decode then ToE::encode (JobAbortedEvent, DataflowJobSkippedEvent). */
function normalizedToe(t: ClassAd): ClassAd {
  const out = new ClassAd();
  out.set('Who', lookupString(t, 'Who') ?? '');
  out.set('How', lookupString(t, 'How') ?? '');
  const howCode = lookupInt(t, 'HowCode') ?? 0;
  out.set('HowCode', BigInt(howCode));
  out.set('When', BigInt(Math.trunc(lookupReal(t, 'When') ?? 0)));
  if (howCode === 0) {
    const bySignal = literal(t, 'ExitBySignal');
    const sig = typeof bySignal === 'boolean' ? bySignal : true;
    out.set('ExitBySignal', sig);
    out.set(sig ? 'ExitSignal' : 'ExitCode', BigInt(typeof bySignal === 'boolean' ? lookupInt(t, sig ? 'ExitSignal' : 'ExitCode') ?? 0 : 0));
  }
  return out;
}

const BASE = new Set(['mytype', 'eventtypenumber', 'cluster', 'proc', 'subproc', 'eventtime', 'eventhead', 'eventpayloadlines']);

/** The event of one JSON/XML ad, or null when it has no EventTypeNumber (the C++ reader skips it). */
export function eventFromAd(ad: ClassAd, now: () => number): EventParts | null {
  const type = lookupInt(ad, 'EventTypeNumber');
  if (type === undefined) return null;
  let clock = Math.floor(now());
  let usec = 0;
  const et = lookupString(ad, 'EventTime');
  if (et !== undefined) {
    const tm = parseIso8601(et);
    clock = tmToClock(tm);
    usec = tm.usec;
  }
  const rec: Rec = {};
  const extras: Extras = {};
  const spec = SPECS[type];
  if (spec) {
    for (const [name, kind] of spec) {
      switch (kind) {
        case 's': {
          const v = lookupString(ad, name);
          if (v !== undefined) rec[name] = v;
          break;
        }
        case 'i': {
          const v = lookupInt(ad, name);
          if (v !== undefined) rec[name] = v;
          break;
        }
        case 'r': {
          const v = lookupReal(ad, name);
          if (v !== undefined) rec[name] = v;
          break;
        }
        case 'b': {
          const v = lookupInt(ad, name);
          if (v !== undefined) rec[name] = v !== 0;
          break;
        }
        case 'u': {
          const s = lookupString(ad, name);
          const v = s === undefined ? undefined : rusage(s);
          if (v !== undefined) rec[name] = v;
          break;
        }
      }
    }
  }
  switch (type) {
    case 1:
    case 14: {
      const p = ad.lookup('ExecuteProps');
      if (p instanceof ClassAd && p.size > 0) extras.after = [['ExecuteProps', p]];
      break;
    }
    case 2:
      if (rec['ExecuteErrorType'] !== 0 && rec['ExecuteErrorType'] !== 1) delete rec['ExecuteErrorType'];
      break;
    case 5:
    case 15: {
      extras.usage = usageFromAd(ad);
      const t = ad.lookup('ToE');
      if (type === 5 && t instanceof ClassAd) extras.after = [['ToE', t]];
      break;
    }
    case 9:
    case 46: {
      const t = ad.lookup('ToE');
      if (t instanceof ClassAd) extras.after = [['ToE', normalizedToe(t)]];
      break;
    }
    case 21: {
      const tail: [string, ClassAdValue][] = [];
      const crit = lookupInt(ad, 'CriticalError');
      if (crit === 0) tail.push(['CriticalError', 0n]);
      const code = lookupInt(ad, 'HoldReasonCode') ?? 0;
      if (code) tail.push(['HoldReasonCode', BigInt(code)], ['HoldReasonSubCode', BigInt(lookupInt(ad, 'HoldReasonSubCode') ?? 0)]);
      if (tail.length) extras.tail = tail;
      break;
    }
    case 22:
      extras.tail = [['EventDescription', 'Job disconnected, attempting to reconnect']];
      break;
    case 23:
      extras.tail = [['EventDescription', 'Job reconnected']];
      break;
    case 24:
      extras.tail = [['EventDescription', 'Job reconnect impossible: rescheduling job']];
      break;
    case 28:
      extras.jobAd = ad;
      break;
    default:
      if (!spec) {
        const tail: [string, ClassAdValue][] = [['EventHead', lookupString(ad, 'EventHead') ?? '']];
        for (const [n, e] of ad.exprEntries()) {
          if (!BASE.has(n.toLowerCase())) tail.push([n, e instanceof Literal ? e.value : e]);
        }
        extras.tail = tail;
      }
  }
  return {
    type,
    cluster: lookupInt(ad, 'Cluster') ?? -1,
    proc: lookupInt(ad, 'Proc') ?? -1,
    subproc: lookupInt(ad, 'Subproc') ?? -1,
    clock,
    eventTime: formatEventTime(clock, usec),
    rec,
    extras,
  };
}

/** TerminatedEvent::initUsageFromAd: for each Request<Tag> whose <Tag> exists, <Tag>, Request<Tag>, <Tag>Usage, Assigned<Tag>. */
function usageFromAd(ad: ClassAd): [string, ClassAdValue][] | undefined {
  const out: [string, ClassAdValue][] = [];
  for (const name of ad.keys()) {
    if (name.length <= 7 || name.slice(0, 7).toLowerCase() !== 'request') continue;
    const tag = name.slice(7);
    if (!ad.has(tag)) continue;
    for (const n of [tag, name, tag + 'Usage', 'Assigned' + tag]) {
      const v = literal(ad, n);
      if (v !== undefined && !out.some(([k]) => k.toLowerCase() === n.toLowerCase())) out.push([n, v]);
    }
  }
  return out.length ? out : undefined;
}
