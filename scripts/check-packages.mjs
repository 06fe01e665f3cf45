// Packaging check (run by scripts/test after the build): every package under packages/ is publishable as ESM +
// CommonJS + types, and installs without native code.
//  - package.json: "type": "module", "sideEffects": false, a "files" allow-list, "exports" with "types" first in every
//    condition object, and every file that main/module/types/exports/browser/bin name exists after the build;
//  - every export imports as ESM and requires as CommonJS in a fresh Node process;
//  - `npm pack --dry-run` ships only dist/, package.json, README and LICENSE (no sources, tests or build info) and
//    every file the exports name;
//  - the runtime dependency tree (dependencies, recursively) has no install script (preinstall/install/postinstall),
//    no binding.gyp / gypfile and no compiled .node file;
//  - every portable package's main entry bundles for the browser (esbuild) without reaching a Node built-in.
// Prints the size of the browser query path (scripts/build-browser.mjs) at the end.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { existsSync, readFileSync, readdirSync, realpathSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const problems = [];
const stale = [];
const bad = (pkg, msg) => problems.push(`${pkg}: ${msg}`);

function exportTargets(exp, out = []) {
  if (typeof exp === 'string') out.push(exp);
  else if (exp && typeof exp === 'object') for (const v of Object.values(exp)) exportTargets(v, out);
  return out;
}

function checkTypesFirst(name, exp, where = 'exports') {
  if (!exp || typeof exp !== 'object') return;
  const keys = Object.keys(exp);
  const conditional = keys.every((k) => !k.startsWith('.'));
  // "types" must precede every condition that names a file (a nested condition object before it, such as "node",
  // is resolved on its own and checked below).
  const ti = keys.indexOf('types');
  if (conditional && ti > 0 && keys.slice(0, ti).some((k) => typeof exp[k] === 'string')) bad(name, `${where}: "types" must come first (${keys.join(', ')})`);
  if (conditional && !keys.includes('types') && (keys.includes('import') || keys.includes('require'))) bad(name, `${where}: no "types" condition`);
  for (const [k, v] of Object.entries(exp)) checkTypesFirst(name, v, `${where}["${k}"]`);
}

/** Conditions resolved for one runtime: [subpath, file] pairs. */
function resolveExports(exp, conditions) {
  const out = [];
  for (const [sub, v] of Object.entries(exp)) {
    if (sub === './package.json') continue;
    let t = v;
    while (t && typeof t === 'object') {
      const k = Object.keys(t).find((c) => conditions.includes(c));
      t = k === undefined ? undefined : t[k];
    }
    if (typeof t === 'string') out.push([sub, t]);
  }
  return out;
}

function walkFiles(dir, pred, out = []) {
  for (const n of readdirSync(dir)) {
    const p = join(dir, n);
    const s = statSync(p);
    if (s.isDirectory()) walkFiles(p, pred, out);
    else if (pred(p)) out.push(p);
  }
  return out;
}

/** The runtime dependency closure of a package directory: Map<name@version, dir>. */
function runtimeTree(dir, seen = new Map()) {
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const req = createRequire(join(dir, 'package.json'));
  const optional = new Set(Object.keys(pkg.peerDependenciesMeta ?? {}).filter((k) => pkg.peerDependenciesMeta[k]?.optional));
  const deps = { ...(pkg.dependencies ?? {}), ...(pkg.optionalDependencies ?? {}) };
  for (const [k] of Object.entries(pkg.peerDependencies ?? {})) if (!optional.has(k)) deps[k] = '*';
  for (const dep of Object.keys(deps)) {
    let pj;
    try {
      pj = req.resolve(`${dep}/package.json`);
    } catch {
      // Packages whose exports hide package.json: find the folder through node_modules lookup instead.
      const p = req.resolve.paths(dep)?.map((d) => join(d, dep, 'package.json')).find((f) => existsSync(f));
      if (!p) {
        if (pkg.optionalDependencies?.[dep]) continue;
        throw new Error(`${pkg.name}: cannot find dependency ${dep}`);
      }
      pj = p;
    }
    const d = realpathSync(dirname(pj)); // pnpm: a dependency's own dependencies sit beside its real folder
    const meta = JSON.parse(readFileSync(pj, 'utf8'));
    const key = `${meta.name}@${meta.version}`;
    if (seen.has(key)) continue;
    seen.set(key, d);
    runtimeTree(d, seen);
  }
  return seen;
}

const names = readdirSync(join(root, 'packages')).filter((n) => existsSync(join(root, 'packages', n, 'package.json')));
const allDeps = new Map();
const run = promisify(execFile);
await Promise.all(names.map(async (n) => {
  const dir = join(root, 'packages', n);
  const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
  const name = pkg.name;
  if (pkg.private) return;
  if (pkg.type !== 'module') bad(name, '"type" must be "module"');
  if (pkg.sideEffects !== false) bad(name, '"sideEffects" must be false');
  if (!Array.isArray(pkg.files) || pkg.files.length === 0) bad(name, 'no "files" allow-list');
  if (!pkg.exports) bad(name, 'no "exports"');
  checkTypesFirst(name, pkg.exports);
  const named = [...new Set([pkg.main, pkg.module, pkg.types, ...exportTargets(pkg.exports), ...Object.values(pkg.bin ?? {}),
    ...(pkg.browser && typeof pkg.browser === 'object' ? Object.values(pkg.browser).filter((v) => typeof v === 'string') : [])].filter(Boolean))];
  for (const f of named) if (!existsSync(join(dir, f))) bad(name, `${f} is named in package.json but missing after the build`);

  // ESM and CJS, each export, in a fresh process.
  const esm = resolveExports(pkg.exports ?? {}, ['node', 'import', 'default']);
  const cjs = resolveExports(pkg.exports ?? {}, ['node', 'require', 'default']);
  const script = [
    ...esm.map(([s, f]) => `await import(${JSON.stringify(pathToFileURL(join(dir, f)).href)}).then((m) => { if (!Object.keys(m).length) throw new Error('ESM ${s}: no exports'); });`),
    `const { createRequire } = await import('node:module'); const require = createRequire(${JSON.stringify(join(dir, 'package.json'))});`,
    ...cjs.map(([s, f]) => `{ const m = require(${JSON.stringify(join(dir, f))}); if (!Object.keys(m).length) throw new Error('CJS ${s}: no exports'); }`),
  ].join('\n');
  try {
    await run(process.execPath, ['--input-type=module', '-e', script], { cwd: dir });
  } catch (e) {
    bad(name, `ESM/CJS import failed: ${String(e.stderr ?? e.message).split('\n').find((l) => /Error/.test(l)) ?? e.message}`);
  }

  // What npm would publish.
  try {
    const { stdout: out } = await run('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: dir, encoding: 'utf8' });
    const files = JSON.parse(out)[0].files.map((f) => f.path);
    for (const f of files) {
      if (!/^(dist\/(esm|cjs)\/|package\.json$|README(\.md)?$|LICENSE)/.test(f)) bad(name, `npm pack would ship ${f}`);
      if (/\.test\.|\.tsbuildinfo$|(^|\/)src\//.test(f)) bad(name, `npm pack would ship ${f}`);
    }
    for (const f of named) if (!files.includes(f.replace(/^\.\//, ''))) bad(name, `npm pack would leave out ${f}`);
    // tsc never deletes outputs: a source moved or removed leaves its old build behind, and npm would ship it.
    for (const f of files) {
      const m = /^dist\/(?:esm|cjs)\/(.*?)(?:\.d)?\.js(?:\.map)?$|^dist\/esm\/(.*?)\.d\.ts(?:\.map)?$/.exec(f);
      const rel = m?.[1] ?? m?.[2];
      // A warning, not a failure: CI builds from a clean checkout, and a local tree is fixed by rebuilding.
      if (rel !== undefined && !existsSync(join(dir, 'src', `${rel}.ts`))) stale.push(`${name}: ${f}`);
    }
  } catch (e) {
    bad(name, `npm pack --dry-run failed: ${e.message}`);
  }

  for (const [k, d] of runtimeTree(dir)) allDeps.set(k, d);
}));

// No native code and no install scripts anywhere in the runtime trees.
for (const [key, d] of allDeps) {
  const pkg = JSON.parse(readFileSync(join(d, 'package.json'), 'utf8'));
  for (const s of ['preinstall', 'install', 'postinstall']) if (pkg.scripts?.[s]) bad(key, `runtime dependency has an ${s} script: ${pkg.scripts[s]}`);
  if (pkg.gypfile || existsSync(join(d, 'binding.gyp'))) bad(key, 'runtime dependency builds native code (binding.gyp)');
  if (!d.includes(`${root}packages/`)) {
    const native = walkFiles(d, (p) => p.endsWith('.node') && !p.includes('/node_modules/', d.length));
    if (native.length) bad(key, `runtime dependency ships compiled code: ${relative(d, native[0])}`);
  }
}

// Every portable package's main entry bundles for the browser with no Node built-in (through the "browser" mappings);
// Node-only packages and entries (ws-proxy, "./node") are left out by design.
const NODE_ONLY_PACKAGES = new Set(['ws-proxy']);
const { build } = await import('esbuild');
await Promise.all(names.filter((n) => !NODE_ONLY_PACKAGES.has(n)).map(async (n) => {
  const pkg = JSON.parse(readFileSync(join(root, 'packages', n, 'package.json'), 'utf8'));
  try {
    await build({ stdin: { contents: `export * from ${JSON.stringify(pkg.name)};`, resolveDir: join(root, 'packages', n), loader: 'js' },
      bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
  } catch (e) {
    bad(pkg.name, `does not bundle for the browser: ${(e.errors ?? []).map((x) => `${x.text} (${x.location?.file ?? '?'})`).join('; ') || e.message}`);
  }
}));

if (stale.length) console.warn(`packaging: stale build outputs with no source (npm pack would ship them; rm -rf the dist folder and build again):\n  ${stale.join('\n  ')}`);
if (problems.length) {
  console.error('packaging check failed:\n  ' + problems.join('\n  '));
  process.exit(1);
}
const external = [...allDeps.keys()].filter((k) => !k.startsWith('@htcondor-ts/') && !k.startsWith('htcondor-ts@')).sort();
console.log(`packages: ${names.length} checked (ESM + CJS + types, npm pack contents); runtime dependencies, none native or with install scripts: ${external.join(', ')}`);
const { queryPathSize } = await import('./build-browser.mjs');
const size = await queryPathSize();
console.log(`browser query path (collector + schedd query + IDTOKENS + AES-GCM + WebSocket): ${(size.bytes / 1024).toFixed(0)} KiB minified, ${(size.gzip / 1024).toFixed(0)} KiB gzipped`);
