#!/usr/bin/env node
// Records the C++ oracle's answers for the corpus into ../fixtures/oracle.jsonl.
// Usage (as root, with the trixie chroot): node record.mjs [--chroot /opt/trixie]
// Runs the oracle in batches; a batch that crashes is retried one request at a time and a crashing
// request is recorded as {"crash": true}.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { buildCorpus, requestLine } from './corpus.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const chroot = process.argv.includes('--chroot') ? process.argv[process.argv.indexOf('--chroot') + 1] : '/opt/trixie';

function run(lines) {
  const r = spawnSync('chroot', [chroot, '/root/classad-oracle/oracle'], {
    input: lines.join('\n') + '\n',
    env: { ...process.env, TZ: 'UTC' },
    maxBuffer: 1 << 30,
    encoding: 'latin1',
  });
  const out = r.stdout.split('\n').filter((l) => l.length);
  return { ok: r.status === 0 && out.length === lines.length, out };
}

const cases = buildCorpus();
const results = [];
const BATCH = 500;
for (let i = 0; i < cases.length; i += BATCH) {
  const batch = cases.slice(i, i + BATCH);
  const lines = batch.map(requestLine);
  let r = run(lines);
  if (r.ok) {
    r.out.forEach((o) => results.push(o));
    continue;
  }
  for (const l of lines) {
    const one = run([l]);
    results.push(one.ok ? one.out[0] : '{"crash":true}');
  }
}
const out = cases.map((c, i) => JSON.stringify({ cmd: c.cmd, args: c.args, result: JSON.parse(results[i]) }));
writeFileSync(join(here, '../fixtures/oracle.jsonl'), out.join('\n') + '\n');
console.log(`recorded ${out.length} cases`);
