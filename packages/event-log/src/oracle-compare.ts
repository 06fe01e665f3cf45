/**
 * Compares our events with the oracle's answers recorded by scripts/record-event-logs.mjs (v1 htcondor.JobEventLog:
 * each value tagged with its Python type). Shared by the unit test on fixtures and the integration test.
 */
import { ClassAd, Value, type ClassAdValue } from '@htcondor-ts/classad';
import type { JobEvent } from './job-event.js';

export interface OracleValue {
  t: string;
  v: unknown;
}
export interface OracleEvent {
  type: number;
  cluster: number;
  proc: number;
  timestamp: number;
  keys: string[];
  items: Record<string, OracleValue>;
}
export interface OracleAnswer {
  events: OracleEvent[];
  error: string | null;
  /** time.time() when the oracle ran (legacy dates take its year) */
  recordedAt?: number;
}

function sameValue(ours: ClassAdValue | undefined, o: OracleValue): string | null {
  switch (o.t) {
    case 'undefined':
      return ours === Value.Undefined ? null : `undefined vs ${describe(ours)}`;
    case 'error':
      return ours === Value.Error ? null : `error vs ${describe(ours)}`;
    case 'list': {
      const want = o.v as OracleValue[];
      if (!Array.isArray(ours) || ours.length !== want.length) return `list of ${want.length} vs ${describe(ours)}`;
      for (let i = 0; i < want.length; i++) {
        const d = sameValue((ours as ClassAdValue[])[i], want[i] as OracleValue);
        if (d) return `[${i}]: ${d}`;
      }
      return null;
    }
    case 'int':
      return typeof ours === 'bigint' && ours === BigInt(o.v as string) ? null : `int ${String(o.v)} vs ${describe(ours)}`;
    case 'float':
      return typeof ours === 'number' && ours === Number.parseFloat(o.v as string) ? null : `float ${String(o.v)} vs ${describe(ours)}`;
    case 'bool':
      return ours === o.v ? null : `bool ${String(o.v)} vs ${describe(ours)}`;
    case 'str':
      return ours === o.v ? null : `str ${JSON.stringify(o.v)} vs ${describe(ours)}`;
    case 'dict':
    case 'ad': {
      if (!(ours instanceof ClassAd)) return `ad vs ${describe(ours)}`;
      const want = o.v as Record<string, OracleValue>;
      const mine = [...ours.keys()].sort();
      const theirs = Object.keys(want).sort();
      if (mine.join() !== theirs.join()) return `ad keys ${theirs.join()} vs ${mine.join()}`;
      for (const k of theirs) {
        const d = sameValue(ours.get(k), want[k] as OracleValue);
        if (d) return `${k}: ${d}`;
      }
      return null;
    }
    default:
      return `unhandled oracle type ${o.t}`;
  }
}

function describe(v: unknown): string {
  if (typeof v === 'bigint') return `int ${v}`;
  if (typeof v === 'symbol') return String(v);
  if (Array.isArray(v)) return `list ${JSON.stringify(v, (_k, x: unknown) => (typeof x === 'bigint' ? Number(x) : x))}`;
  if (typeof v === 'number') return `float ${v}`;
  if (v instanceof ClassAd) return `ad ${v.size}`;
  return `${typeof v} ${JSON.stringify(v)}`;
}

/** Differences between one of our events and the oracle's (empty when they agree). */
export function diffEvent(ours: JobEvent, o: OracleEvent): string[] {
  const out: string[] = [];
  if (ours.type !== o.type) out.push(`type ${o.type} vs ${ours.type}`);
  if (ours.cluster !== o.cluster) out.push(`cluster ${o.cluster} vs ${ours.cluster}`);
  if (ours.proc !== o.proc) out.push(`proc ${o.proc} vs ${ours.proc}`);
  if (ours.timestamp !== o.timestamp) out.push(`timestamp ${o.timestamp} vs ${ours.timestamp}`);
  const mine = ours.keys().slice().sort();
  const theirs = o.keys.slice().sort();
  if (mine.join() !== theirs.join()) out.push(`keys: oracle-only ${theirs.filter((k) => !mine.includes(k)).join(',')}; ours-only ${mine.filter((k) => !theirs.includes(k)).join(',')}`);
  for (const k of theirs) {
    if (!ours.has(k)) continue;
    const d = sameValue(ours.get(k), o.items[k] as OracleValue);
    if (d) out.push(`${k}: ${d}`);
  }
  return out;
}
