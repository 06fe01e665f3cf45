#!/usr/bin/env node
// Parse-throughput benchmark: 10,000 long-form ads built from a real slot ad of the lab pool
// (sample-machine-ad.txt, ~5.5 KB, 178 attributes; numbers and names varied per ad) and from a job ad
// (sample-job-ad.txt, condor_submit -dump), parsed by this package (eager and lazy) and, in the same run
// on the same file, by the official Python bindings in the trixie chroot (classad.parseAds, Parser.Old).
// Usage: npx tsc -b packages/classad && node packages/classad/test/bench/parse-bench.mjs [--no-python]
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { spawnSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const c = await import(join(here, '../../dist/esm/index.js'));
const chroot = '/opt/trixie';

function build(sample, count) {
  const base = readFileSync(join(here, sample), 'utf8').split('\n').filter((l) => l.trim().length);
  const out = [];
  for (let i = 0; i < count; i++) {
    for (const l of base) {
      let line = l;
      if (/^Name *=/.test(l)) line = `Name = "slot${i % 64}@host${i >> 6}.example.org"`;
      else if (/^(ProcId|Memory|Disk|TotalDisk|KeyboardIdle|UpdateSequenceNumber|DaemonStartTime|QDate) *=/.test(l)) line = l.replace(/=.*/, '= ' + (1000 + ((i * 7919) % 100000)));
      out.push(line);
    }
    out.push('');
  }
  return out.join('\n');
}

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function timeIt(f, reps) {
  const ts = [];
  for (let i = 0; i < reps; i++) {
    const t0 = performance.now();
    f();
    ts.push((performance.now() - t0) / 1000);
  }
  return median(ts);
}

const withPython = !process.argv.includes('--no-python');
const rows = [];
for (const [label, sample] of [
  ['machine ads', 'sample-machine-ad.txt'],
  ['job ads', 'sample-job-ad.txt'],
]) {
  const text = build(sample, 10000);
  const mb = Buffer.byteLength(text) / 1e6;
  mkdirSync(join(chroot, 'tmp/classad-bench'), { recursive: true });
  writeFileSync(join(chroot, 'tmp/classad-bench/mem.txt'), text);
  const eager = timeIt(() => {
    let n = 0;
    for (const ad of c.parseOldAds(text)) n += ad.size;
    if (!n) throw new Error('no ads');
  }, 5);
  const lazy = timeIt(() => {
    let n = 0;
    for (const ad of c.parseOldAds(text, { lazy: true })) n += ad.size;
    if (!n) throw new Error('no ads');
  }, 5);
  const lazyRead3 = timeIt(() => {
    for (const ad of c.parseOldAds(text, { lazy: true })) {
      ad.get('Name');
      ad.get('Memory');
      ad.get('Requirements');
    }
  }, 5);
  // peak memory: all 10,000 ads kept in an array (eager), measured in a fresh process
  const memScript = [
    `import { readFileSync } from 'node:fs';`,
    `const c = await import(${JSON.stringify(join(here, '../../dist/esm/index.js'))});`,
    `const t = readFileSync(${JSON.stringify(join(chroot, 'tmp/classad-bench/mem.txt'))}, 'utf8');`,
    `global.gc(); const before = process.memoryUsage().rss;`,
    `const ads = [...c.parseOldAds(t, { lazy: process.argv.includes('lazy') })];`,
    `global.gc(); console.log(ads.length, Math.round((process.memoryUsage().rss - before) / 1048576), Math.round(process.memoryUsage().rss / 1048576));`,
  ].join('\n');
  const mem = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', memScript], { encoding: 'utf8' });
  const memLazy = spawnSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', memScript, 'lazy'], { encoding: 'utf8' });
  let py = null;
  let tool = null;
  if (withPython) {
    mkdirSync(join(chroot, 'tmp/classad-bench'), { recursive: true });
    writeFileSync(join(chroot, 'tmp/classad-bench/ads.txt'), text);
    const script =
      'import time,classad\n' +
      'ts=[]\n' +
      'for i in range(3):\n' +
      ' t=time.perf_counter(); ads=list(classad.parseAds(open("/tmp/classad-bench/ads.txt"), classad.Parser.Old)); ts.append(time.perf_counter()-t)\n' +
      'assert len(ads)==10000\n' +
      'print(sorted(ts)[1])\n';
    const r = spawnSync('chroot', [chroot, 'python3', '-c', script], { encoding: 'utf8' });
    if (r.status === 0) py = Number(r.stdout.trim());
    // the C++ tools, whole process (they parse the file and print one attribute per ad)
    const args = label.startsWith('machine')
      ? ['condor_status', '-ads', '/tmp/classad-bench/ads.txt', '-af', 'Name']
      : ['condor_q', '-jobads', '/tmp/classad-bench/ads.txt', '-af', 'ClusterId'];
    const ts = [];
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      const t = spawnSync('chroot', [chroot, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
      if (t.status === 0) ts.push((performance.now() - t0) / 1000);
    }
    if (ts.length) tool = { name: args[0], s: median(ts) };
  }
  rows.push({ label, mb, eager, lazy, lazyRead3, py, tool, mem: mem.stdout.trim(), memLazy: memLazy.stdout.trim() });
}
for (const r of rows) {
  const f = (s) => `${s.toFixed(3)} s (${(r.mb / s).toFixed(0)} MB/s)`;
  console.log(
    `${r.label}, 10,000 ads, ${r.mb.toFixed(1)} MB: eager ${f(r.eager)}; lazy ${f(r.lazy)}; lazy + 3 reads ${f(r.lazyRead3)}` +
      (r.py ? `; python classad.parseAds ${f(r.py)}; eager speedup x${(r.py / r.eager).toFixed(2)}` : '') +
      (r.tool ? `; ${r.tool.name} (whole process) ${f(r.tool.s)}` : '') +
      (r.mem ? `; all ads kept: eager +${r.mem.split(' ')[1]} MiB (rss ${r.mem.split(' ')[2]} MiB)` : '') +
      (r.memLazy ? `, lazy +${r.memLazy.split(' ')[1]} MiB (rss ${r.memLazy.split(' ')[2]} MiB)` : ''),
  );
}
