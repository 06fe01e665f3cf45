/**
 * One job event, as Python `htcondor.JobEvent`: `type`, `cluster`, `proc`, `timestamp`, and read-only dict access
 * (`get`, `keys`, `values`, `items`, `has`, `size`) to the event's ClassAd as C++ `ULogEvent::toClassAd(false)` builds
 * it. Values use @htcondor-ts/classad's JS types: integers are bigint, reals number, nested ads ClassAd.
 * Key order is toClassAd's insertion order (the bindings list them in C++ hash order). Names are case-insensitive.
 */
import { ClassAd, Literal, type ClassAdValue, type ExprTree } from '@htcondor-ts/classad';
import { EVENT_MY_TYPES, type JobEventType } from './enums.js';
import { JobEventLogError } from './errors.js';
import { emit, type Extras, type Rec } from './model.js';

/** What a format reader hands over: the header fields, and the body as a record plus extras (model.ts). */
export interface EventParts {
  type: number;
  cluster: number;
  proc: number;
  subproc: number;
  /** seconds since the epoch (C++ eventclock) */
  clock: number;
  eventTime: string;
  rec: Rec;
  extras: Extras;
}

export class JobEvent implements Iterable<string> {
  /** The event type (a JobEventType value; numbers the bindings do not know stay as numbers). */
  readonly type: JobEventType;
  /** The job's cluster id. */
  readonly cluster: number;
  /** The job's proc id (-1 for cluster-level events). */
  readonly proc: number;
  /** When the event happened, in seconds since the epoch (Python `JobEvent.timestamp`). */
  readonly timestamp: number;
  #parts: EventParts;
  #names: string[] | null = null;
  #values: ClassAdValue[] | null = null;
  #folded: string[] | null = null;

  /** @internal Built by the readers; not for construction by applications (as in Python). */
  constructor(parts: EventParts) {
    this.type = parts.type as JobEventType;
    this.cluster = parts.cluster;
    this.proc = parts.proc;
    this.timestamp = parts.clock;
    this.#parts = parts;
  }

  #build(): void {
    const p = this.#parts;
    const x = p.extras;
    if (x.noAd) throw new JobEventLogError(`Failed to convert event to class ad: ${x.noAd}`);
    const names: string[] = [];
    const values: ClassAdValue[] = [];
    if (p.type >= 0) names.push('EventTypeNumber'), values.push(BigInt(p.type));
    const myType = EVENT_MY_TYPES[p.type] ?? 'FutureEvent';
    names.push('MyType', 'EventTime');
    values.push(myType, p.eventTime);
    if (p.cluster >= 0) names.push('Cluster'), values.push(BigInt(p.cluster));
    if (p.proc >= 0) names.push('Proc'), values.push(BigInt(p.proc));
    if (p.subproc >= 0) names.push('Subproc'), values.push(BigInt(p.subproc));
    if (x.usage) for (const [n, v] of x.usage) names.push(n), values.push(v);
    emit(p.type, p.rec, names, values);
    if (x.after) for (const [n, v] of x.after) names.push(n), values.push(v);
    if (x.tail) {
      // a later Insert replaces an attribute of the same name (FutureEvent payload lines may name EventTypeNumber, ...)
      for (const [n, v] of x.tail) {
        const k = n.toLowerCase();
        const i = names.findIndex((m) => m.toLowerCase() === k);
        if (i >= 0) values[i] = v;
        else names.push(n), values.push(v);
      }
    }
    if (x.jobAd) mergeJobAd(x.jobAd, names, values);
    this.#names = names;
    this.#values = values;
  }

  #index(key: string): number {
    if (!this.#names) this.#build();
    const names = this.#names as string[];
    // exact match first: callers nearly always use the canonical spelling
    const i = names.indexOf(key);
    if (i >= 0) return i;
    const folded = (this.#folded ??= names.map((n) => n.toLowerCase()));
    return folded.indexOf(key.toLowerCase());
  }

  /** The value of `key`, or `dflt` (undefined) when the event has no such key (Python `get`). */
  get(key: string): ClassAdValue | undefined;
  get<D>(key: string, dflt: D): ClassAdValue | D;
  get<D>(key: string, dflt?: D): ClassAdValue | D | undefined {
    const i = this.#index(key);
    return i < 0 ? dflt : (this.#values as ClassAdValue[])[i];
  }

  /** Whether the event has `key` (Python `key in event`). */
  has(key: string): boolean {
    return this.#index(key) >= 0;
  }

  /** The keys (Python `keys()`). */
  keys(): string[] {
    if (!this.#names) this.#build();
    return (this.#names as string[]).slice();
  }

  /** The values, in key order (Python `values()`). */
  values(): ClassAdValue[] {
    if (!this.#names) this.#build();
    return (this.#values as ClassAdValue[]).slice();
  }

  /** [key, value] pairs (Python `items()`). */
  items(): [string, ClassAdValue][] {
    if (!this.#names) this.#build();
    const v = this.#values as ClassAdValue[];
    return (this.#names as string[]).map((n, i) => [n, v[i] as ClassAdValue]);
  }

  /** Number of keys (Python `len(event)`). */
  get size(): number {
    if (!this.#names) this.#build();
    return (this.#names as string[]).length;
  }

  /** Iterates over the keys, as a Python dict does. */
  [Symbol.iterator](): Iterator<string> {
    return this.keys()[Symbol.iterator]();
  }

  /** The event as a ClassAd (C++ toClassAd). */
  toClassAd(): ClassAd {
    return new ClassAd(this.items());
  }

  toString(): string {
    return `JobEvent(type=${this.type}, cluster=${this.cluster}, proc=${this.proc}, timestamp=${this.timestamp})`;
  }
}

/**
 * JobAdInformationEvent::toClassAd merges the job ad's attributes into the event ad without replacing the event's
 * own; the bindings then evaluate each expression in that merged ad.
 */
function mergeJobAd(jobAd: ClassAd, names: string[], values: ClassAdValue[]): void {
  const have = new Set(names.map((n) => n.toLowerCase()));
  const pending: [string, ExprTree][] = [];
  let literalOnly = true;
  for (const [n, e] of jobAd.exprEntries()) {
    const k = n.toLowerCase();
    if (have.has(k)) continue;
    have.add(k);
    pending.push([n, e]);
    if (!(e instanceof Literal) && !(e instanceof ClassAd)) literalOnly = false;
  }
  // the merged ad is only needed to evaluate expressions, which job ads in logs rarely hold
  let merged: ClassAd | null = null;
  if (!literalOnly) {
    merged = new ClassAd();
    for (let i = 0; i < names.length; i++) merged.set(names[i] as string, values[i] as ClassAdValue);
    for (const [n, e] of pending) merged.insert(n, e);
  }
  for (const [n, e] of pending) {
    names.push(n);
    values.push(e instanceof Literal ? e.value : e instanceof ClassAd ? e : (merged as ClassAd).evaluate(e));
  }
}
