// One-off importer: the enum names and values of the official 23.9.6 Python bindings (the seed's
// python-bindings-surface.txt) as our own data file, protocol/enums.json, from which TypeScript is generated.
// Usage: node scripts/import/enums-from-surface.mjs ../shared/seed/python-bindings-surface.txt
import { readFileSync, writeFileSync } from 'node:fs';

const lines = readFileSync(process.argv[2], 'utf8').split('\n');
const tables = {};
let current = null;
for (const line of lines) {
  const head = /^class htcondor\.(\w+)\((enum|IntEnum)\)/.exec(line);
  if (head) {
    current = {};
    tables[head[1]] = current;
    continue;
  }
  if (/^class /.test(line)) { current = null; continue; }
  const m = current && /^    (\w+) = (-?\d+)\s*$/.exec(line);
  if (m) current[m[1]] = Number(m[2]);
}
// An IntEnum whose values the surface does not list (JobStatus) would come out empty: such tables are left to
// protocol/*.json files of their own, written from the C++ facts.
for (const [name, t] of Object.entries(tables)) if (Object.keys(t).length === 0) delete tables[name];
const out = {
  description: 'Enums of the official HTCondor 23.9.6 Python bindings (htcondor module), names and values as the bindings have them',
  target: 'packages/core/src/protocol/enums.generated.ts',
  tables,
};
writeFileSync(new URL('../../protocol/enums.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log(Object.keys(tables).join(' '));
