// The Node file reader: following appends, rotation (the path replaced by a new file), resuming, missing files.
import { appendFileSync, mkdtempSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { JobEventLog, JobEventLogError, JobEventType, type JobEvent } from './index.js';
import { openJobEventLog } from './node-file.js';

process.env.TZ = 'UTC';
const held = readFileSync(join(__dirname, '..', '..', '..', 'fixtures', 'event-logs', 'held.log'), 'utf8');
const events = held.split(/(?<=^\.\.\.\n)/m);
const dir = mkdtempSync(join(tmpdir(), 'htcts-evlog-'));

async function collect(it: AsyncIterable<JobEvent>, n: number): Promise<JobEvent[]> {
  const out: JobEvent[] = [];
  for await (const e of it) {
    out.push(e);
    if (out.length >= n) break;
  }
  return out;
}

test('a path opens with the Node entry point loaded, and sync iteration reads what is there', () => {
  const f = join(dir, 'a.log');
  writeFileSync(f, held);
  expect([...new JobEventLog(f)].length).toBe(events.length);
});

test('follows appends: events written after the start arrive within the wait, half-written ones wait', async () => {
  const f = join(dir, 'b.log');
  writeFileSync(f, events[0]!);
  const log = openJobEventLog(f, { pollIntervalMs: 20 });
  const first = await collect(log.events(0), 10);
  expect(first.length).toBe(1);
  const half = events[1]!.slice(0, 40);
  setTimeout(() => appendFileSync(f, half), 50);
  setTimeout(() => appendFileSync(f, events[1]!.slice(40) + events[2]!), 250);
  const t0 = Date.now();
  const more = await collect(log.events(5), 2);
  expect(more.length).toBe(2);
  expect(Date.now() - t0).toBeLessThan(1500);
  // nothing more: a bounded wait ends
  const t1 = Date.now();
  expect(await collect(log.events(0.3), 10)).toEqual([]);
  expect(Date.now() - t1).toBeGreaterThanOrEqual(250);
  log.close();
});

test('rotation: when the path names a new file, reading continues at its start', async () => {
  const f = join(dir, 'c.log');
  writeFileSync(f, events[0]! + events[1]!);
  const log = openJobEventLog(f, { pollIntervalMs: 20 });
  expect((await collect(log.events(0), 10)).length).toBe(2);
  renameSync(f, f + '.old');
  writeFileSync(f, events[2]! + events[3]!);
  const after = await collect(log.events(2), 2);
  expect(after.map((e) => e.items())).toEqual([...new JobEventLog(new TextEncoder().encode(events[2]! + events[3]!))].map((e) => e.items()));
  log.close();
});

test('resume from a saved position in a new reader (the bindings pickling)', () => {
  const f = join(dir, 'd.log');
  writeFileSync(f, held);
  const a = new JobEventLog(f);
  const it = a[Symbol.iterator]();
  for (let i = 0; i < 3; i++) it.next();
  const saved = JSON.stringify(a.position);
  a.close();
  const b = new JobEventLog(f, { position: JSON.parse(saved) as JobEventLog['position'] });
  const rest = [...b];
  expect(rest.length).toBe(events.length - 3);
  expect(rest.at(-1)!.type).toBe(JobEventType.JOB_TERMINATED);
});

test('a missing file is a JobEventLogError', () => {
  expect(() => new JobEventLog(join(dir, 'nope.log'))).toThrow(JobEventLogError);
});

test('an abort signal ends a waiting iteration', async () => {
  const f = join(dir, 'e.log');
  writeFileSync(f, '');
  const log = openJobEventLog(f);
  const ac = new AbortController();
  setTimeout(() => ac.abort(), 100);
  const t0 = Date.now();
  expect(await collect(log.events(null, { signal: ac.signal }), 1)).toEqual([]);
  expect(Date.now() - t0).toBeLessThan(1000);
  log.close();
});
