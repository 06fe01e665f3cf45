// Benchmark: reading a large job event log (about 200,000 events, built by concatenating the real events in
// fixtures/event-logs with renumbered clusters), every key of every event, htcondor-ts against v1
// htcondor.JobEventLog and HTCondor's C++ condor_userlog, in the same run on the same file.
// Call `eventLog({ runs, events })`; it returns rows of { impl, wall, events, eventsPerSec, maxrssMiB }.
// Needs `pnpm build` (it imports the built package) and the pool's chroot (scripts/pool up) for the bindings.
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, readdirSync, writeFileSync, chmodSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { openJobEventLog } from '../../packages/event-log/dist/esm/index-node.js';
import { inPool } from './pool-data.mjs';
import { median } from './stats.mjs';

const root = new URL('../..', import.meta.url).pathname;
const fixtures = join(root, 'fixtures', 'event-logs');

/** Writes the big log under /tmp (shared with the pool's chroot); returns its path and event count. */
export function buildBigLog(target = 200_000) {
  const texts = readdirSync(fixtures)
    .filter((f) => f.endsWith('.log') && !f.startsWith('xml') && !f.startsWith('json') && !f.startsWith('synthetic'))
    .map((f) => readFileSync(join(fixtures, f), 'utf8'));
  const unit = texts.join('');
  const perUnit = (unit.match(/^\.\.\.$/gm) ?? []).length;
  const copies = Math.ceil(target / perUnit);
  const parts = [];
  for (let k = 0; k < copies; k++) {
    parts.push(unit.replace(/^(\d{3}) \((\d+)\./gm, (_m, ev, c) => `${ev} (${String(Number(c) + 1000 * (k + 1)).padStart(3, '0')}.`));
  }
  const dir = '/tmp/htcts-evlog/bench';
  mkdirSync(dir, { recursive: true });
  chmodSync(dir, 0o777);
  const path = join(dir, 'big.log');
  writeFileSync(path, parts.join(''));
  return { path, events: perUnit * copies, mib: statSync(path).size / 1048576 };
}

/** One pass in this process: every key of every event. */
export function readAll(path) {
  const t0 = performance.now();
  const log = openJobEventLog(path);
  let n = 0,
    keys = 0;
  for (const e of log) {
    for (const [, v] of e.items()) if (v !== undefined) keys++;
    n++;
  }
  log.close();
  return { wall: (performance.now() - t0) / 1000, events: n, keys };
}

/** Runs in a fresh Node process, so its peak RSS is the reader's own (flat memory: it does not grow with the log). */
function ours(path, runs) {
  const code = `
    const { readAll } = await import(${JSON.stringify(new URL(import.meta.url).href)});
    readAll(${JSON.stringify(path)});
    const walls = [];
    let last;
    for (let i = 0; i < ${runs}; i++) { last = readAll(${JSON.stringify(path)}); walls.push(last.wall); }
    walls.sort((a, b) => a - b);
    console.log(JSON.stringify({ wall: walls[Math.floor(walls.length / 2)], events: last.events, maxrssMiB: process.resourceUsage().maxRSS / 1024 }));`;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', code], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC', HTCTS_BENCH_CHILD: '1' } });
  return JSON.parse(out.trim().split('\n').pop());
}

const PY = (path, runs) => `
import time, json, statistics, resource, htcondor
walls = []
n = 0
for r in range(${runs}):
    t0 = time.perf_counter()
    n = 0
    for e in htcondor.JobEventLog(${JSON.stringify(path)}).events(0):
        for k in e.keys():
            e[k]
        n += 1
    walls.append(time.perf_counter() - t0)
print(json.dumps({"wall": statistics.median(walls), "events": n, "maxrssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

export async function eventLog({ runs = 3, events = 200_000 } = {}) {
  const { path, events: expected, mib } = buildBigLog(events);
  const rows = [];
  const o = ours(path, runs);
  rows.push({ impl: 'htcondor-ts JobEventLog (every key)', ...o, eventsPerSec: Math.round(o.events / o.wall) });
  const v1 = JSON.parse(inPool(['env', 'TZ=UTC', 'python3', '-c', PY(path, runs)]).trim().split('\n').pop());
  rows.push({ impl: 'v1 htcondor.JobEventLog (every key)', ...v1, eventsPerSec: Math.round(v1.events / v1.wall) });
  const cw = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    inPool(['bash', '-c', `condor_userlog ${path} > /dev/null`]);
    cw.push((performance.now() - t0) / 1000);
  }
  rows.push({ impl: 'condor_userlog (C++, whole process)', wall: median(cw), events: expected, eventsPerSec: Math.round(expected / median(cw)) });
  return { expectedEvents: expected, logMiB: Math.round(mib), rows, ratioVsV1: rows[0].eventsPerSec / rows[1].eventsPerSec, ratioVsCpp: rows[0].eventsPerSec / rows[2].eventsPerSec };
}

if (import.meta.url === `file://${process.argv[1]}` && !process.env.HTCTS_BENCH_CHILD) {
  const r = await eventLog({ runs: Number(process.env.RUNS ?? 3) });
  console.log(JSON.stringify(r, null, 2));
}
