#!/usr/bin/env node
// Records the Python bindings' answers (python-oracle.py) for a corpus of expressions into
// ../fixtures/python.jsonl. The v1 bindings crash on some inputs (e.g. a list-valued select), so a batch
// that dies is re-run one request per process and a crashing request is recorded as {"crash": true}.
import { spawnSync } from 'node:child_process';
import { writeFileSync, copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { pythonCorpus } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const chroot = '/opt/trixie';
copyFileSync(join(here, 'python-oracle.py'), join(chroot, 'tmp/python-oracle.py'));

function run(reqs) {
  const r = spawnSync('chroot', [chroot, 'python3', '/tmp/python-oracle.py'], {
    input: reqs.map((q) => JSON.stringify(q)).join('\n') + '\n',
    env: { ...process.env, TZ: 'UTC' },
    encoding: 'utf8',
    maxBuffer: 1 << 28,
  });
  const out = r.stdout.split('\n').filter((l) => l.length);
  return { ok: r.status === 0 && out.length === reqs.length, out };
}

const cases = pythonCorpus();
const results = [];
for (let i = 0; i < cases.length; i += 400) {
  const batch = cases.slice(i, i + 400);
  const r = run(batch);
  if (r.ok) {
    results.push(...r.out);
    continue;
  }
  for (const q of batch) {
    const one = run([q]);
    results.push(one.ok ? one.out[0] : '{"crash":true}');
  }
}
writeFileSync(join(here, '../fixtures/python.jsonl'), cases.map((c, i) => JSON.stringify({ ...c, result: JSON.parse(results[i]) })).join('\n') + '\n');
console.log(`recorded ${cases.length} cases`);
