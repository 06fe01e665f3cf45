// Unit tests on logs recorded in the real pool (fixtures/event-logs, see its README): every event, key and typed value
// against v1 htcondor.JobEventLog's answers, whatever the chunking; half-written, truncated and corrupt logs; resume.
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { FileTransferEventType as CoreFT, JobEventType as CoreJET } from '@htcondor-ts/core';
import {
  FileTransferEventType,
  JobEvent,
  JobEventLog,
  JobEventLogParseError,
  JobEventLogTruncatedError,
  JobEventType,
  type JobEventLogWarning,
} from './index.js';
import { diffEvent, type OracleAnswer } from './oracle-compare.js';

const dir = join(__dirname, '..', '..', '..', 'fixtures', 'event-logs');
const logs = readdirSync(dir).filter((f) => f.endsWith('.log'));
const bytes = (f: string): Uint8Array => new Uint8Array(readFileSync(join(dir, f)));
const oracle = (f: string): OracleAnswer => JSON.parse(readFileSync(join(dir, f.replace(/\.log$/, '.oracle.json')), 'utf8')) as OracleAnswer;
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);
const all = (input: ConstructorParameters<typeof JobEventLog>[0]): JobEvent[] => [...new JobEventLog(input)];

// event times in the fixtures are local times of a pool running with TZ=UTC (Node applies TZ set at run time)
process.env.TZ = 'UTC';

describe('agreement with htcondor.JobEventLog on logs from real jobs', () => {
  test('there are recorded logs in text, XML and JSON', () => {
    expect(logs.length).toBeGreaterThanOrEqual(15);
    expect(logs).toEqual(expect.arrayContaining(['normal.log', 'held.log', 'xml.log', 'json.log', 'local.log', 'scheduler.log']));
  });

  test.each(logs)('%s: same events, keys and typed values', (f) => {
    const want = oracle(f);
    const log = new JobEventLog(bytes(f), { now: () => want.recordedAt ?? Date.now() / 1000 });
    const got: JobEvent[] = [];
    let error: unknown = null;
    try {
      for (const e of log) got.push(e);
    } catch (e) {
      error = e;
    }
    // where the bindings raise ULOG_RD_ERROR, we raise JobEventLogParseError at the same event
    if (want.error) expect(error).toBeInstanceOf(JobEventLogParseError);
    else expect(error).toBeNull();
    expect(got.length).toBe(want.events.length);
    const diffs = got.flatMap((e, i) => diffEvent(e, want.events[i]!).map((d) => `event ${i}: ${d}`));
    expect(diffs).toEqual([]);
  });

  test('json.log: the oracle covers every event (the C++ JSON parser per object, then the bindings)', () => {
    const text = new TextDecoder().decode(bytes('json.log'));
    expect(oracle('json.log').events.length).toBe((text.match(/"EventTypeNumber"/g) ?? []).length);
    expect(all(bytes('json.log')).at(-1)!.get('ReturnValue')).toBe(3n);
  });

  test('the event kinds the recorder produced are all there', () => {
    const types = new Set(logs.filter((f) => !oracle(f).error).flatMap((f) => all(bytes(f)).map((e) => e.type)));
    for (const t of [0, 1, 4, 5, 6, 9, 10, 11, 12, 13, 28, 35, 36, 40]) expect(types).toContain(t);
  });
});

describe('JobEvent', () => {
  const term = all(bytes('normal.log')).find((e) => e.type === JobEventType.JOB_TERMINATED)!;
  test('dict access with the bindings types', () => {
    expect(term.get('TerminatedNormally')).toBe(true);
    expect(term.get('ReturnValue')).toBe(0n);
    expect(typeof term.get('SentBytes')).toBe('number');
    expect(term.get('returnvalue')).toBe(0n);
    expect(term.get('NoSuchKey', 'dflt')).toBe('dflt');
    expect(term.has('ToE')).toBe(true);
    expect(term.keys().length).toBe(term.size);
    expect(term.items().map(([k]) => k)).toEqual(term.keys());
    expect(term.values().length).toBe(term.size);
    expect(term.toClassAd().get('Cluster')).toBe(BigInt(term.cluster));
  });
  test('file transfer events carry FileTransferEventType values', () => {
    const ft = all(bytes('normal.log')).filter((e) => e.type === JobEventType.FILE_TRANSFER).map((e) => Number(e.get('Type')));
    expect(ft).toEqual(expect.arrayContaining([FileTransferEventType.IN_STARTED, FileTransferEventType.OUT_FINISHED]));
  });
  test('the enumerations agree with core (generated from the bindings)', () => {
    expect(JobEventType).toEqual(expect.objectContaining(CoreJET));
    expect(FileTransferEventType).toEqual(CoreFT);
  });
});

describe('byte streams and chunking', () => {
  test.each(['held.log', 'xml.log', 'json.log'])('%s split at every offset gives the same events', (f) => {
    const b = bytes(f);
    const whole = all(b).map((e) => e.items());
    const step = Math.max(1, Math.floor(b.length / 300));
    for (let cut = 1; cut < b.length; cut += step) {
      expect(all([b.subarray(0, cut), b.subarray(cut)]).map((e) => e.items())).toEqual(whole);
    }
  });

  test('one byte at a time, through a ReadableStream', async () => {
    const b = bytes('periodichold.log');
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < b.length; i++) c.enqueue(b.subarray(i, i + 1));
        c.close();
      },
    });
    const got: JobEvent[] = [];
    for await (const e of new JobEventLog(stream).events()) got.push(e);
    expect(got.map((e) => e.items())).toEqual(all(b).map((e) => e.items()));
  });

  test('non-ASCII text keeps byte offsets exact', () => {
    const t = '012 (001.000.000) 2026-11-25 08:31:42 Job was held.\n\tRaison: été ☃ 😀\n\tCode 1 Subcode 0\n...\n013 (001.000.000) 2026-11-25 08:31:43 Job was released.\n...\n';
    const b = new TextEncoder().encode(t);
    const log = new JobEventLog(b);
    const it = log[Symbol.iterator]();
    expect(it.next().value!.get('HoldReason')).toBe('Raison: été ☃ 😀');
    const first = new TextEncoder().encode(t.slice(0, t.indexOf('013'))).length;
    expect(log.position.offset).toBe(first);
  });
});

describe('incomplete, truncated and corrupt logs', () => {
  const held = new TextDecoder().decode(bytes('held.log'));
  
  test('a half-written last event waits: events(0) stops before it, and it comes once complete', async () => {
    const cut = held.lastIndexOf('...\n', held.length - 5) + 4 + 30;
    const chunks: Uint8Array[] = [enc(held.slice(0, cut))];
    let release: () => void = () => {};
    const gate = new Promise<void>((r) => (release = r));
    async function* src(): AsyncGenerator<Uint8Array> {
      yield chunks[0]!;
      await gate;
      yield enc(held.slice(cut));
    }
    const log = new JobEventLog(src());
    const now: JobEvent[] = [];
    for await (const e of log.events(0)) now.push(e);
    expect(now.length).toBe(all(bytes('held.log')).length - 1);
    release();
    const rest: JobEvent[] = [];
    for await (const e of log.events(2)) rest.push(e);
    expect(rest.length).toBe(1);
  });

  test('a finite source that ends inside an event: JobEventLogTruncatedError', () => {
    const b = enc(held.slice(0, held.length - 10));
    const log = new JobEventLog(b);
    expect(() => [...log]).toThrow(JobEventLogTruncatedError);
  });

  test('a corrupt event: JobEventLogParseError at its offset, and reading continues after it', () => {
    const bad = '005 (001.000.000) 2026-11-25 08:31:32 Job terminated.\n\tgarbage\n...\n';
    const t = held.slice(0, held.indexOf('...\n') + 4) + bad + held.slice(held.indexOf('...\n') + 4);
    const log = new JobEventLog(enc(t));
    const it = log[Symbol.iterator]();
    it.next();
    let err: unknown;
    try {
      it.next();
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(JobEventLogParseError);
    expect((err as JobEventLogParseError).offset).toBe(held.indexOf('...\n') + 4);
    expect([...log].length).toBe(all(bytes('held.log')).length - 1);
  });

  test('lines that are not events are skipped with a warning', () => {
    const warnings: JobEventLogWarning[] = [];
    const first = held.indexOf('...\n') + 4;
    const t = held.slice(0, first) + 'not an event\n' + held.slice(first);
    const got = [...new JobEventLog(enc(t), { onWarning: (w) => warnings.push(w) })];
    expect(got.length).toBe(all(bytes('held.log')).length);
    expect(warnings).toHaveLength(1);
  });
});

test('a file that does not start like an event log: a typed error (the bindings read nothing from it)', () => {
  const log = new JobEventLog(enc('garbage\n' + new TextDecoder().decode(bytes('held.log'))));
  expect(() => [...log]).toThrow(JobEventLogParseError);
  expect(() => [...log]).toThrow(/not a job event log/);
});

describe('position', () => {
  test('resuming from a saved position gives the remaining events', () => {
    for (const f of ['normal.log', 'xml.log', 'json.log']) {
      const b = bytes(f);
      const first = new JobEventLog(b);
      const it = first[Symbol.iterator]();
      it.next();
      it.next();
      const pos = JSON.parse(JSON.stringify(first.position)) as JobEventLog['position'];
      const rest = all(b).slice(2).map((e) => e.items());
      expect([...new JobEventLog(b, { position: pos })].map((e) => e.items())).toEqual(rest);
    }
  });
  test('close() stops iteration', () => {
    const log = new JobEventLog(bytes('normal.log'));
    log.close();
    expect([...log]).toEqual([]);
  });
});
