// Differential fuzzing against the bindings: real and synthetic logs with random edits (seeded; the seed is printed),
// read by v1 htcondor.JobEventLog pass after pass (a line that is not an event ends a pass there, a corrupt event
// raises HTCondorIOError and the next pass continues after it) and by us (which skip such lines with a warning and
// continue after a JobEventLogParseError). The events, their keys and typed values, and the number of errors must agree.
import { mkdirSync, readFileSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { oraclePython } from '../../../../test/support/pool.js';
import { openJobEventLog } from '../../src/node-file.js';
import { JobEventLogParseError, type JobEvent } from '../../src/index.js';
import { diffEvent, type OracleEvent } from '../../src/oracle-compare.js';

process.env.TZ = 'UTC';
const fixtures = join(__dirname, '..', '..', '..', '..', 'fixtures', 'event-logs');
const seeds = ['held', 'normal', 'synthetic-events', 'adinfo', 'vacated', 'factory'].map((f) => readFileSync(join(fixtures, `${f}.log`), 'utf8'));
const INSERTS = ['', 'x', '\n', '\t', ' ', '...\n', '0', '9', '(', ':', '-', '=', '"', 'Code 1 Subcode 2', '\n005 (1.0.0) 2026-11-25 08:31:32 Job terminated.\n'];

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
out = {}
for f in json.loads(sys.argv[1]):
    jel = htcondor.JobEventLog(f)
    evs, errs, empty = [], 0, 0
    for rnd in range(2000):
        n0 = len(evs); err = False
        try:
            for e in jel.events(0):
                evs.append({'type': int(e.type), 'cluster': e.cluster, 'proc': e.proc, 'timestamp': e.timestamp, 'keys': list(e.keys()), 'items': {k: conv(v) for k, v in e.items()}})
        except Exception as x:
            errs += 1; err = True
        if len(evs) == n0 and not err:
            empty += 1
            if empty >= 40: break
        else: empty = 0
    out[f] = {'events': evs, 'errors': errs}
print(json.dumps(out))
`;

test('mutated logs: the same events, values and errors as the bindings', () => {
  let s = Number(process.env.EVENT_LOG_FUZZ_SEED ?? Date.now() % 2147483647);
  console.log(`event-log fuzz seed ${s} (EVENT_LOG_FUZZ_SEED=${s} repeats it)`);
  const rnd = (): number => (s = (s * 1103515245 + 12345) % 2147483648) / 2147483648;
  const pick = <T>(a: readonly T[]): T => a[Math.floor(rnd() * a.length)] as T;
  const dir = `/tmp/htcts-evlog-fuzz/${process.pid}`;
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const files: string[] = [];
  for (let i = 0; i < 40; i++) {
    let t = pick(seeds);
    for (let k = 1 + Math.floor(rnd() * 2); k > 0; k--) {
      const p = Math.floor(rnd() * t.length);
      t = t.slice(0, p) + pick(INSERTS) + t.slice(p + Math.floor(rnd() * 6));
    }
    const f = join(dir, `f${i}.log`);
    writeFileSync(f, t);
    files.push(f);
  }
  // one oracle process per log: v1 itself crashes (SIGSEGV) on some corrupt logs, which must not hide the others
  const want: Record<string, { events: OracleEvent[]; errors: number }> = {};
  const crashed: string[] = [];
  for (const f of files) {
    try {
      Object.assign(want, JSON.parse(oraclePython(ORACLE.replace('json.loads(sys.argv[1])', JSON.stringify([f])), { timeoutMs: 120_000 })));
    } catch (e) {
      if (!/SIGSEGV|SIGABRT|failed \(-?1?3[49]\)/.test((e as Error).message)) throw e;
      crashed.push(f);
    }
  }
  if (crashed.length) console.log(`the bindings crashed on ${crashed.join(', ')}; ours only has to end with typed errors there`);
  const problems: string[] = [];
  for (const f of files) {
    const log = openJobEventLog(f);
    const got: JobEvent[] = [];
    let errors = 0;
    let notALog = false;
    for (let guard = 0; guard < 1000; guard++) {
      const before = log.position.offset;
      try {
        for (const e of log) got.push(e);
        break;
      } catch (e) {
        if (!(e instanceof JobEventLogParseError)) throw e;
        errors++;
        // a file that does not start like a log stays one: the bindings read nothing from it
        if (log.position.offset === before && /not a job event log/.test(e.message)) {
          notALog = true;
          break;
        }
      }
    }
    log.close();
    const w = want[f];
    if (!w) continue;
    if (notALog) {
      if (w.events.length) problems.push(`${f}: not a log for us, ${w.events.length} events for the bindings`);
      continue;
    }
    if (errors !== w.errors) problems.push(`${f}: ${errors} errors, the bindings ${w.errors}`);
    if (got.length !== w.events.length) problems.push(`${f}: ${got.length} events, the bindings ${w.events.length}`);
    else got.forEach((e, i) => diffEvent(e, w.events[i]!).forEach((d) => problems.push(`${f} event ${i}: ${d}`)));
  }
  expect(problems).toEqual([]);
}, 600_000);
