// Browser builds with esbuild, from the packages' dist (so the "browser" mappings of package.json are what is
// tested): the example page (examples/browser/dist/main.js), and the query path alone (collector + schedd query +
// IDTOKENS + AES-GCM over the WebSocket transport) for its size. Fails if anything pulls in a Node built-in.
// Usage: node scripts/build-browser.mjs [--size]   (--size prints the query path's minified and gzipped bytes)
import { build } from 'esbuild';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

const common = {
  bundle: true,
  platform: 'browser',
  format: 'esm',
  target: 'es2022',
  // No Node polyfills: an import of node:* or a bare built-in must fail the build.
  external: [],
  logLevel: 'silent',
  absWorkingDir: root,
};

/** Builds the example page; returns the output file. */
export async function buildExample({ outdir = `${root}examples/browser/dist`, minify = false } = {}) {
  await build({ ...common, entryPoints: [`${root}examples/browser/main.ts`], outdir, minify, sourcemap: true });
  return `${outdir}/main.js`;
}

/** The query path, minified, in memory: { bytes, gzip, inputs } (inputs: the modules that made it in, by package). */
export async function queryPathSize() {
  const entry = `import { AdTypes, Collector, DaemonTypes, Schedd, SecurityContext, NO_PLATFORM, webSocketTransport } from 'htcondor-ts';
export async function run(url, token) {
  const transport = webSocketTransport({ url });
  const security = new SecurityContext({ methods: ['IDTOKENS'], token, platform: NO_PLATFORM });
  const c = new Collector('127.0.0.1:9618', { transport, security });
  const ads = await c.query(AdTypes.Startd);
  const s = new Schedd(await c.locate(DaemonTypes.Schedd), { transport, security });
  return [ads, await s.query('true')];
}`;
  const r = await build({ ...common, stdin: { contents: entry, resolveDir: root, loader: 'js' }, minify: true, write: false, metafile: true, treeShaking: true });
  const out = r.outputFiles[0].contents;
  const byPackage = {};
  for (const [file, info] of Object.entries(r.metafile.outputs[Object.keys(r.metafile.outputs)[0]].inputs)) {
    const m = /node_modules\/(?:\.pnpm\/[^/]+\/node_modules\/)?((?:@[^/]+\/)?[^/]+)/.exec(file) ?? /packages\/([^/]+)/.exec(file);
    const k = m ? m[1] : file;
    byPackage[k] = (byPackage[k] ?? 0) + info.bytesInOutput;
  }
  return { bytes: out.length, gzip: gzipSync(out).length, byPackage };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const file = await buildExample();
  console.log(`browser example: ${file}`);
  if (process.argv.includes('--size')) {
    const s = await queryPathSize();
    console.log(`query path (collector + schedd query + IDTOKENS + AES-GCM + WebSocket), minified: ${s.bytes} bytes, gzip: ${s.gzip} bytes`);
    for (const [k, v] of Object.entries(s.byPackage).sort((a, b) => b[1] - a[1])) console.log(`  ${k}: ${v}`);
  }
}
