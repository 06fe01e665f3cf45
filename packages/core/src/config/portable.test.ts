/** The configuration language must run in browsers and serverless runtimes: only ./node/ may use node:* modules. */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

function sources(dir: string): string[] {
  const out: string[] = [];
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    if (statSync(p).isDirectory()) {
      if (n !== 'node') out.push(...sources(p));
    } else if (n.endsWith('.ts') && !n.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

test.each([join(__dirname), join(__dirname, '../logging')])('%s imports no node: module', (dir) => {
  const files = sources(dir);
  expect(files.length).toBeGreaterThan(3);
  for (const f of files) {
    const text = readFileSync(f, 'utf8');
    expect({ f, bad: /from ['"](node:|fs['"]|child_process|os['"]|path['"])|require\(/.test(text) }).toEqual({ f, bad: false });
  }
});
