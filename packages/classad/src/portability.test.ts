import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

/** Every non-test source file, recursively. */
function sources(dir: string): string[] {
  const out: string[] = [];
  for (const f of readdirSync(dir)) {
    const p = join(dir, f);
    if (statSync(p).isDirectory()) out.push(...sources(p));
    else if (f.endsWith('.ts') && !f.endsWith('.test.ts')) out.push(p);
  }
  return out;
}

describe('portability: the package source uses no Node-only API', () => {
  const files = sources(__dirname);
  test('there are sources to check', () => {
    expect(files.length).toBeGreaterThan(20);
  });
  test.each(files.map((f) => [f.slice(__dirname.length + 1), f]))('%s', (_name, file) => {
    const text = readFileSync(file, 'utf8').replace(/\/\*[\s\S]*?\*\/|\/\/.*$/gm, '');
    expect(text).not.toMatch(/from ['"]node:|require\(|\bprocess\.|\bBuffer\b|\b__dirname\b/);
  });
});
