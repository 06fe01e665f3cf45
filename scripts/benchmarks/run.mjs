// scripts/bench: populates the pool, measures htcondor-ts against the official Python bindings in one run, writes
// the table to bench-results/latest.md (and .json). Ratios > 1 mean htcondor-ts is faster.
import { mkdirSync, writeFileSync } from 'node:fs';
import { advertiseStartdAds, invalidateStartdAds, env, inPool } from './pool-data.mjs';
import { collectorQuery } from './collector-query.mjs';
import { coldStart } from './cold-start.mjs';
import { eventLog } from './event-log.mjs';

const root = new URL('../..', import.meta.url).pathname;
const n = Number(process.env.BENCH_STARTD_ADS ?? 10000);
const runs = Number(process.env.BENCH_RUNS ?? 5);

console.error(`bench: advertising ${n} startd ads into the pool at ${env.collector}`);
advertiseStartdAds(n);
let result;
try {
  console.error('bench: collector query');
  result = await collectorQuery({ runs });
} finally {
  invalidateStartdAds();
}
console.error('bench: event log');
const ev = await eventLog({ runs: Math.min(runs, 3) });
const [ours, v1, cpp] = ev.rows;
result.rows.push(
  { work: `event log, ${ev.expectedEvents} events (${ev.logMiB} MiB), every key read`, ours: ours.wall, oursCpu: ours.cpu, peer: 'v1 htcondor.JobEventLog', theirs: v1.wall, theirsCpu: v1.cpu },
  { work: 'same', ours: ours.wall, oursCpu: ours.cpu, peer: 'condor_userlog (C++, whole process)', theirs: cpp.wall, theirsCpu: cpp.cpu },
);
console.error('bench: cold start');
result.rows.push(...(await coldStart({ runs: Math.max(runs, 5) })).rows);

const fmt = (x) => (x === undefined || Number.isNaN(x) ? '-' : x >= 1 ? x.toFixed(3) : x.toFixed(4));
const lines = [
  `# htcondor-ts benchmarks`,
  '',
  `One run on ${new Date().toISOString()}, against ${inPool(['condor_version']).split('\n')[0]} on this machine;`,
  `medians of ${runs} runs after a warm-up, in-process on both sides. Ratio = their time / our time (> 1: we are faster).`,
  '',
  '| work | htcondor-ts s (cpu) | peer | peer s (cpu) | ratio |',
  '|---|---|---|---|---|',
  ...result.rows.map((r) => `| ${r.work} | ${fmt(r.ours)} (${fmt(r.oursCpu)}) | ${r.peer} | ${fmt(r.theirs)} (${fmt(r.theirsCpu)}) | ${(r.theirs / r.ours).toFixed(2)}x |`),
  '',
  `Memory: htcondor-ts peak RSS growth ${result.memory.oursPeakMiB.toFixed(0)} MiB; v1 bindings max RSS ${result.memory.v1MaxRssMiB.toFixed(0)} MiB.`,
  '',
  'Notes: htcondor-ts sends READ queries without security negotiation when no security context is given; the',
  'bindings authenticate (FS) and encrypt with AES by default on this pool, so the "both plaintext" row is the like-for-like one.',
  'htcondor-ts keeps attribute values as text until first read; the parseAll row parses every value as the bindings do.',
  'Schedd query/history and ClassAd parsing have benchmarks of their own: packages/schedd/bench/run, packages/classad/test/bench.',
];
mkdirSync(`${root}bench-results`, { recursive: true });
writeFileSync(`${root}bench-results/latest.md`, lines.join('\n') + '\n');
writeFileSync(`${root}bench-results/latest.json`, JSON.stringify(result, null, 2) + '\n');
console.log(lines.join('\n'));
