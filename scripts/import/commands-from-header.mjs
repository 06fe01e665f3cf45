// One-off importer: reads the facts (command names and numbers) out of HTCondor's condor_commands.h and writes
// them as our own data file, protocol/commands.json. Usage: node scripts/import/commands-from-header.mjs < condor_commands.h
// (the header of tag v23.9.6). The generated TypeScript comes from protocol/*.json through scripts/gen-protocol.mjs.
import { readFileSync, writeFileSync } from 'node:fs';

const text = readFileSync(0, 'utf8');
const defs = new Map();
for (const line of text.split('\n')) {
  const m = /^\s*#define\s+([A-Z_][A-Z0-9_]*)\s+(.+?)\s*(\/\/.*|\/\*.*)?$/.exec(line);
  if (!m) continue;
  defs.set(m[1], m[2].trim());
}
const values = new Map();
const evalDef = (name, depth = 0) => {
  if (values.has(name)) return values.get(name);
  const expr = defs.get(name);
  if (expr === undefined || depth > 20) return undefined;
  // Expressions are sums of earlier symbols and integer literals, e.g. (SCHED_VERS+87).
  const cleaned = expr.replace(/[()]/g, '').trim();
  if (!/^[A-Z0-9_+\- ]+$/.test(cleaned)) return undefined;
  let total = 0;
  let sign = 1;
  for (const tok of cleaned.split(/\s*([+-])\s*/)) {
    if (tok === '+') { sign = 1; continue; }
    if (tok === '-') { sign = -1; continue; }
    if (tok === '') continue;
    const v = /^\d+$/.test(tok) ? Number(tok) : evalDef(tok, depth + 1);
    if (v === undefined) return undefined;
    total += sign * v;
  }
  values.set(name, total);
  return total;
};
const table = {};
for (const name of defs.keys()) {
  const v = evalDef(name);
  if (v === undefined || name.startsWith('_')) continue;
  table[name] = v;
}
const out = {
  description: 'Command numbers of HTCondor 23.9.6 (facts from src/condor_includes/condor_commands.h; imported by scripts/import/commands-from-header.mjs)',
  target: 'packages/core/src/protocol/commands.generated.ts',
  tables: { Commands: table },
};
writeFileSync(new URL('../../protocol/commands.json', import.meta.url), JSON.stringify(out, null, 2) + '\n');
console.log(`${Object.keys(table).length} commands`);
