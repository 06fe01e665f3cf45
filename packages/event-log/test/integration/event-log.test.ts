// Live jobs in the real pool: our reader follows the log as the job runs (each event within one second of its being
// written), then every event, key and typed value is compared with v1 htcondor.JobEventLog reading the same file.
import { chmodSync, mkdirSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { oracle, oraclePython } from '../../../../test/support/pool.js';
import { openJobEventLog } from '../../src/node-file.js';
import { JobEventType, type JobEvent } from '../../src/index.js';
import { diffEvent, type OracleAnswer } from '../../src/oracle-compare.js';

process.env.TZ = 'UTC';

const ORACLE = String.raw`
import sys, json, htcondor, classad
def conv(v):
    if isinstance(v, classad.Value): return {'t': 'undefined' if v is classad.Value.Undefined else 'error', 'v': str(v)}
    if isinstance(v, bool): return {'t': 'bool', 'v': v}
    if isinstance(v, int): return {'t': 'int', 'v': str(v)}
    if isinstance(v, float): return {'t': 'float', 'v': repr(v)}
    if isinstance(v, str): return {'t': 'str', 'v': v}
    if isinstance(v, dict): return {'t': 'dict', 'v': {k: conv(x) for k, x in v.items()}}
    if isinstance(v, list): return {'t': 'list', 'v': [conv(x) for x in v]}
    return {'t': type(v).__name__, 'v': str(v)}
evs = []
for e in htcondor.JobEventLog(sys.argv[1]).events(0):
    evs.append({'type': int(e.type), 'cluster': e.cluster, 'proc': e.proc, 'timestamp': e.timestamp, 'keys': list(e.keys()), 'items': {k: conv(v) for k, v in e.items()}})
print(json.dumps({'events': evs, 'error': None}))
`;

function submit(dir: string, sub: string): number {
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  writeFileSync(join(dir, 'job.sh'), '#!/bin/sh\ncat in.txt > out.txt\nsleep 2\nexit 7\n', { mode: 0o755 });
  writeFileSync(join(dir, 'in.txt'), 'in\n');
  writeFileSync(join(dir, 'job.sub'), sub);
  const out = oracle(['bash', '-c', `cd ${dir} && condor_submit job.sub`], { user: 'alice' });
  return Number(/submitted to cluster (\d+)/.exec(out)![1]);
}

test('follow a running job: every event within one second of being written, and the same as the bindings', async () => {
  const dir = `/tmp/htcts-evlog-it/${process.pid}-${Date.now()}`;
  const log = join(dir, 'job.log');
  const cluster = submit(
    dir,
    `executable = job.sh\nshould_transfer_files = YES\nwhen_to_transfer_output = ON_EXIT\ntransfer_input_files = in.txt\nlog = ${log}\nrequest_memory = 64\nrequest_disk = 10240\nqueue\n`,
  );
  // sample the file size every 20 ms, to know when each event's bytes appeared
  const samples: [number, number][] = [];
  const timer = setInterval(() => samples.push([Date.now(), statSync(log).size]), 20);
  const jel = openJobEventLog(log);
  const seen: { event: JobEvent; delayMs: number }[] = [];
  try {
    for await (const e of jel.events(180)) {
      const now = Date.now();
      const end = jel.position.offset;
      const first = samples.find(([, size]) => size >= end);
      seen.push({ event: e, delayMs: first ? now - first[0] : 0 });
      if (e.type === JobEventType.JOB_TERMINATED || e.type === JobEventType.JOB_ABORTED) break;
    }
  } finally {
    clearInterval(timer);
    jel.close();
  }
  expect(seen.length).toBeGreaterThanOrEqual(4);
  expect(seen.every(({ event }) => event.cluster === cluster)).toBe(true);
  expect(seen.at(-1)!.event.get('ReturnValue')).toBe(7n);
  // 20 ms sampling granularity on top of the reader's 100 ms poll
  expect(Math.max(...seen.map((s) => s.delayMs))).toBeLessThan(1000);

  const want = JSON.parse(oraclePython(ORACLE.replace('sys.argv[1]', JSON.stringify(log)))) as OracleAnswer;
  const again = [...openJobEventLog(log)];
  expect(again.length).toBe(want.events.length);
  expect(again.flatMap((e, i) => diffEvent(e, want.events[i]!))).toEqual([]);
}, 200_000);

test('an XML log of a held and removed job agrees with the bindings', async () => {
  const dir = `/tmp/htcts-evlog-it/x${process.pid}-${Date.now()}`;
  const log = join(dir, 'job.log');
  const cluster = submit(dir, `executable = /nonexistent/prog\ntransfer_executable = false\nshould_transfer_files = NO\nlog_xml = true\nlog = ${log}\nqueue\n`);
  const jel = openJobEventLog(log);
  for await (const e of jel.events(120)) if (e.type === JobEventType.JOB_HELD) break;
  oracle(['condor_rm', String(cluster)], { user: 'alice' });
  for await (const e of jel.events(60)) if (e.type === JobEventType.JOB_ABORTED) break;
  jel.close();
  const want = JSON.parse(oraclePython(ORACLE.replace('sys.argv[1]', JSON.stringify(log)))) as OracleAnswer;
  const got = [...openJobEventLog(log)];
  expect(got.length).toBe(want.events.length);
  expect(got.some((e) => e.type === JobEventType.JOB_HELD && typeof e.get('HoldReasonCode') === 'bigint')).toBe(true);
  expect(got.flatMap((e, i) => diffEvent(e, want.events[i]!))).toEqual([]);
}, 200_000);
