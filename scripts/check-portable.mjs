// Portable code (everything but the Node transport, the Node config loader and node-only auth helpers) must not use
// Node built-ins, Buffer or process: it runs in browsers and serverless runtimes too.
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const allowed = [/\/node-[^/]*\.ts$/, /\/node\.ts$/, /\/node\//, /\.test\.ts$/, /\/test\//];
const banned = [/from\s+['"]node:/, /require\(['"]node:/, /\bBuffer\./, /\bBuffer\b\s*\(/, /\bprocess\.(env|argv|exit|cwd|platform|pid|hrtime|nextTick|stdout|stderr)/];
const bad = [];
function walk(dir) {
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (name === 'node_modules' || name === 'dist') continue;
    if (statSync(p).isDirectory()) walk(p);
    else if (p.endsWith('.ts') && !allowed.some((r) => r.test(p))) {
      const text = readFileSync(p, 'utf8');
      text.split('\n').forEach((line, i) => {
        if (/^\s*(\/\/|\/\*|\*)/.test(line)) return;
        if (banned.some((r) => r.test(line))) bad.push(`${relative(root, p)}:${i + 1}: ${line.trim()}`);
      });
    }
  }
}
for (const pkg of ['classad', 'core', 'collector', 'schedd', 'event-log', 'negotiator', 'startd', 'credd', 'daemon']) {
  try { walk(join(root, 'packages', pkg, 'src')); } catch { /* package not there yet */ }
}
if (bad.length) {
  console.error('Node-only APIs in portable code (move them behind a node-*.ts module or the transport seam):\n' + bad.join('\n'));
  process.exit(1);
}
console.log('portable code: no Node built-ins, Buffer or process');
