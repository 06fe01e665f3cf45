// Benchmark: cold start, i.e. a fresh process that imports the library and makes a first collector query, against
// `python3 -c 'import htcondor; htcondor.Collector().query()'` in the pool, in the same run. Wall and CPU time of
// the whole process (GNU time), medians of `runs` alternating runs. Rows in run.mjs's format:
//   import { coldStart } from './cold-start.mjs'; const { rows } = await coldStart({ runs: 7 });
// or on its own: node scripts/benchmarks/cold-start.mjs [runs]
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { build } from 'esbuild';
import { env } from './pool-data.mjs';
import { median } from './stats.mjs';

const root = new URL('../..', import.meta.url).pathname;
const work = '/tmp/htc-bench-cold';
const TIME = '/usr/bin/time';

/** Runs argv once under GNU time; returns { wall, cpu } in seconds. Fails loudly if the command fails. */
function timed(argv, extraEnv = {}) {
  const r = spawnSync(TIME, ['-f', 'HTCTIME %e %U %S', ...argv], {
    encoding: 'utf8',
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, ...extraEnv },
    maxBuffer: 1 << 26,
  });
  const out = r.stderr;
  if (r.status !== 0) throw new Error(`${argv.join(' ')} failed: ${out}`);
  const m = /HTCTIME (\S+) (\S+) (\S+)/.exec(out);
  if (!m) throw new Error(`no timing from ${argv.join(' ')}: ${out}`);
  return { wall: Number(m[1]), cpu: Number(m[2]) + Number(m[3]) };
}

const inPool = (args) => (env.root === '/' ? args : ['chroot', env.root, 'env', 'TZ=UTC', ...args]);

/** The query every variant makes: all ads (Python's Collector().query() default), as an ES module script. */
function ourScript(from, secure) {
  return `import { Collector${secure ? ', SecurityContext, NO_PLATFORM' : ''} } from ${JSON.stringify(from)};
${secure ? `const security = new SecurityContext({ methods: ['IDTOKENS'], token: process.env.HTC_TOKEN, platform: NO_PLATFORM });` : ''}
const ads = await new Collector(${JSON.stringify(env.collector)}${secure ? ', { security }' : ''}).query();
if (ads.length === 0) throw new Error('no ads');`;
}

export async function coldStart({ runs = 7 } = {}) {
  mkdirSync(work, { recursive: true });
  const token = readFileSync(env.tokens.alice, 'utf8').trim();
  const pkg = `${root}packages/htcondor/dist/esm/index.js`;
  // A deployed function is usually one bundled file: the same query bundled for Node by esbuild.
  for (const secure of [false, true]) {
    writeFileSync(`${work}/entry-${secure}.mjs`, ourScript(pkg, secure));
    await build({ entryPoints: [`${work}/entry-${secure}.mjs`], bundle: true, platform: 'node', format: 'esm', target: 'node20', minify: true, outfile: `${work}/bundle-${secure}.mjs`, logLevel: 'silent',
      banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" } });
  }
  const variants = {
    nodeEmpty: () => timed([process.execPath, '-e', '']),
    pythonEmpty: () => timed(inPool(['python3', '-c', 'pass'])),
    ours: () => timed([process.execPath, '--input-type=module', '-e', ourScript(pkg, false)]),
    oursAes: () => timed([process.execPath, '--input-type=module', '-e', ourScript(pkg, true)], { HTC_TOKEN: token }),
    oursBundle: () => timed([process.execPath, `${work}/bundle-false.mjs`]),
    oursBundleAes: () => timed([process.execPath, `${work}/bundle-true.mjs`], { HTC_TOKEN: token }),
    python: () => timed(inPool(['python3', '-c', 'import htcondor; htcondor.Collector().query()'])),
    pythonPlain: () => timed(inPool(['env', '_CONDOR_SEC_CLIENT_AUTHENTICATION=OPTIONAL', '_CONDOR_SEC_CLIENT_ENCRYPTION=OPTIONAL', '_CONDOR_SEC_CLIENT_INTEGRITY=OPTIONAL',
      'python3', '-c', 'import htcondor; htcondor.Collector().query()'])),
  };
  const samples = Object.fromEntries(Object.keys(variants).map((k) => [k, []]));
  for (const fn of Object.values(variants)) fn(); // warm the page cache for every file involved
  // Alternate the variants so drift on a shared machine hits them alike.
  for (let i = 0; i < runs; i++) for (const [k, fn] of Object.entries(variants)) samples[k].push(fn());
  const m = Object.fromEntries(Object.entries(samples).map(([k, xs]) => [k, { wall: median(xs.map((x) => x.wall)), cpu: median(xs.map((x) => x.cpu)) }]));
  const row = (work, ours, peer, theirs) => ({ work, ours: m[ours].wall, oursCpu: m[ours].cpu, peer, theirs: m[theirs].wall, theirsCpu: m[theirs].cpu });
  return {
    rows: [
      row('cold start: import + first collector query (all ads), fresh process', 'ours', 'python3 -c "import htcondor; htcondor.Collector().query()" (as configured: authenticated, AES)', 'python'),
      row('same, ours authenticated (IDTOKENS) and AES-encrypted too', 'oursAes', 'same', 'python'),
      row('same, both plaintext', 'ours', 'same with SEC_CLIENT_* OPTIONAL', 'pythonPlain'),
      row('same, ours bundled into one file (esbuild, as deployed to a function)', 'oursBundle', 'python (as configured)', 'python'),
      row('same, bundled, IDTOKENS + AES', 'oursBundleAes', 'python (as configured)', 'python'),
      row('interpreter alone: node -e "" vs python3 -c pass', 'nodeEmpty', 'python3 -c pass', 'pythonEmpty'),
    ],
    runs,
  };
}

if (process.argv[1] === new URL(import.meta.url).pathname) {
  const { rows, runs } = await coldStart({ runs: Number(process.argv[2] ?? 7) });
  console.log(`cold start, medians of ${runs} runs (wall s, cpu s); ratio = python / ours (> 1: we are faster; target >= 2)`);
  for (const r of rows) console.log(`${r.work}: ours ${r.ours.toFixed(3)} (${r.oursCpu.toFixed(3)}) | ${r.peer}: ${r.theirs.toFixed(3)} (${r.theirsCpu.toFixed(3)}) | ${(r.theirs / r.ours).toFixed(2)}x`);
}
