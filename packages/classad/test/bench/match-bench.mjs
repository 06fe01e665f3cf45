#!/usr/bin/env node
// Matchmaking benchmark: machine.matches(job) and job.symmetricMatch(machine) on a real slot ad of the lab
// pool and a job ad (condor_submit -dump, with the Requirements the schedd adds), against the Python
// bindings in the same run. Usage: npx tsc -b packages/classad && node packages/classad/test/bench/match-bench.mjs
import { readFileSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const c = await import(join(here, '../../dist/esm/index.js'));
const machineText = readFileSync(join(here, 'sample-machine-ad.txt'), 'utf8');
const jobText = readFileSync(join(here, 'sample-job-ad.txt'), 'utf8');
const machine = c.parseOld(machineText);
const job = c.parseOld(jobText);

function rate(f, ms = 1500) {
  const rates = [];
  for (let r = 0; r < 3; r++) {
    let n = 0;
    const t0 = performance.now();
    while (performance.now() - t0 < ms / 3) {
      for (let i = 0; i < 100; i++) f();
      n += 100;
    }
    rates.push(n / ((performance.now() - t0) / 1000));
  }
  return rates.sort((a, b) => a - b)[1];
}

const m1 = machine.matches(job), s1 = job.symmetricMatch(machine);
const ours = { matches: rate(() => machine.matches(job)), symmetric: rate(() => job.symmetricMatch(machine)) };
let py = null;
if (!process.argv.includes('--no-python')) {
  const script = `
import htcondor, classad, time, sys
m = classad.parseOne(open('/tmp/classad-bench/m.txt').read(), classad.Parser.Old)
j = classad.parseOne(open('/tmp/classad-bench/j.txt').read(), classad.Parser.Old)
def rate(f):
    rs = []
    for r in range(3):
        n = 0; t0 = time.perf_counter()
        while time.perf_counter() - t0 < 0.5:
            for i in range(100): f()
            n += 100
        rs.append(n / (time.perf_counter() - t0))
    return sorted(rs)[1]
print(m.matches(j), j.symmetricMatch(m), rate(lambda: m.matches(j)), rate(lambda: j.symmetricMatch(m)))
`;
  const { mkdirSync, writeFileSync } = await import('node:fs');
  mkdirSync('/opt/trixie/tmp/classad-bench', { recursive: true });
  writeFileSync('/opt/trixie/tmp/classad-bench/m.txt', machineText);
  writeFileSync('/opt/trixie/tmp/classad-bench/j.txt', jobText);
  const r = spawnSync('chroot', ['/opt/trixie', 'python3', '-c', script], { encoding: 'utf8' });
  if (r.status === 0) {
    const [pm, ps, rm, rs] = r.stdout.trim().split(' ');
    py = { matchesResult: pm, symmetricResult: ps, matches: Number(rm), symmetric: Number(rs) };
  } else console.error(r.stderr);
}
console.log(`results: matches=${m1} symmetricMatch=${s1}` + (py ? ` (python: ${py.matchesResult} ${py.symmetricResult})` : ''));
console.log(`matches: ${Math.round(ours.matches)}/s` + (py ? `, python ${Math.round(py.matches)}/s, x${(ours.matches / py.matches).toFixed(2)}` : ''));
console.log(`symmetricMatch: ${Math.round(ours.symmetric)}/s` + (py ? `, python ${Math.round(py.symmetric)}/s, x${(ours.symmetric / py.symmetric).toFixed(2)}` : ''));
