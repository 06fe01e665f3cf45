// Builds the CommonJS copy of every package (the ESM build and the .d.ts come from `tsc -b`).
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, writeFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const tsc = join(root, 'node_modules', '.bin', 'tsc');
for (const name of readdirSync(join(root, 'packages'))) {
  const dir = join(root, 'packages', name);
  // Only packages with sources (a package being created may not have any yet).
  if (!existsSync(join(dir, 'tsconfig.cjs.json')) || !existsSync(join(dir, 'src', 'index.ts'))) continue;
  execFileSync(tsc, ['-p', join(dir, 'tsconfig.cjs.json')], { stdio: 'inherit' });
  mkdirSync(join(dir, 'dist', 'cjs'), { recursive: true });
  // Marks the folder as CommonJS although the package itself is "type": "module".
  writeFileSync(join(dir, 'dist', 'cjs', 'package.json'), '{ "type": "commonjs" }\n');
}
