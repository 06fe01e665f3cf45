// Benchmark: reading a large job event log (about 200,000 events, built by concatenating the real events in
// fixtures/event-logs with renumbered clusters), every key of every event, htcondor-ts against v1
// htcondor.JobEventLog and HTCondor's C++ condor_userlog, in the same run on the same file.
// Call `eventLog({ runs, events })`; it returns rows of { impl, wall, events, eventsPerSec, maxrssMiB }.
// Needs `pnpm build` (it imports the built package) and the pool's chroot (scripts/pool up) for the bindings.
import { mkdirSync, readFileSync, readdirSync, writeFileSync, chmodSync } from 'node:fs';
import { join } from 'node:path';
import { openJobEventLog } from '../../packages/event-log/dist/esm/index-node.js';
import { inPool } from './pool-data.mjs';
import { median } from './stats.mjs';

const root = new URL('../..', import.meta.url).pathname;
const fixtures = join(root, 'fixtures', 'event-logs');

/** Writes the big log under /tmp (shared with the pool's chroot); returns its path and event count. */
export function buildBigLog(target = 200_000) {
  const texts = readdirSync(fixtures)
    .filter((f) => f.endsWith('.log') && !f.startsWith('xml') && !f.startsWith('json'))
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
  return { path, events: perUnit * copies };
}

function ours(path) {
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
  const { path, events: expected } = buildBigLog(events);
  const rows = [];
  ours(path); // warm-up
  const walls = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = ours(path);
    walls.push(last.wall);
  }
  const wall = median(walls);
  rows.push({ impl: 'htcondor-ts JobEventLog (every key)', wall, events: last.events, eventsPerSec: Math.round(last.events / wall), maxrssMiB: Math.round(process.memoryUsage().rss / 1048576) });
  const v1 = JSON.parse(inPool(['env', 'TZ=UTC', 'python3', '-c', PY(path, runs)]).trim().split('\n').pop());
  rows.push({ impl: 'v1 htcondor.JobEventLog (every key)', ...v1, eventsPerSec: Math.round(v1.events / v1.wall) });
  const cw = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    inPool(['bash', '-c', `condor_userlog ${path} > /dev/null`]);
    cw.push((performance.now() - t0) / 1000);
  }
  rows.push({ impl: 'condor_userlog (C++, whole process)', wall: median(cw), events: expected, eventsPerSec: Math.round(expected / median(cw)) });
  return { expectedEvents: expected, rows, ratioVsV1: rows[0].eventsPerSec / rows[1].eventsPerSec, ratioVsCpp: rows[0].eventsPerSec / rows[2].eventsPerSec };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const r = await eventLog({ runs: Number(process.env.RUNS ?? 3) });
  console.log(JSON.stringify(r, null, 2));
}
