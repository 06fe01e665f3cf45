// Schedd benchmark (not a test): query of N jobs (full ads, 3-attribute projection), xquery memory, and history of N
// records, htcondor-ts against the v1 and v2 Python bindings and the C++ tools, in one run on the same pool.
// Run with packages/schedd/bench/run (bundles this file from source with esbuild; the dist builds are not touched).
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { Collector } from '@htcondor-ts/collector';
import { DaemonTypes, JobAction } from '@htcondor-ts/core';
import { Schedd } from '@htcondor-ts/schedd';
import { SecurityContext } from '../../core/src/security/index.js';
import { nodeSecurityPlatform } from '../../core/src/security/node.js';

// Bundled to CommonJS by ./run (pino needs require), so the repository root comes from the working directory.
const root = `${process.cwd()}/`;
const env = JSON.parse(readFileSync(`${root}.pool/env.json`, 'utf8')) as { collector: string; root: string; tokens: { alice: string } };
const N = Number(process.env.BENCH_JOBS ?? 10000);
const RUNS = Number(process.env.BENCH_RUNS ?? 5);

function inPool(args: string[], input?: string): string {
  const argv = env.root === '/' ? args : ['chroot', env.root, 'env', 'TZ=UTC', ...args];
  return execFileSync(argv[0]!, argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30, ...(input !== undefined ? { input } : {}) });
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

async function measure(fn: () => Promise<unknown>): Promise<{ wall: number; cpu: number }> {
  await fn();
  const walls: number[] = [];
  const cpus: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    (globalThis as { gc?: () => void }).gc?.();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    await fn();
    walls.push((performance.now() - t0) / 1000);
    const c = process.cpuUsage(c0);
    cpus.push((c.user + c.system) / 1e6);
  }
  return { wall: median(walls), cpu: median(cpus) };
}

const PY = (body: string): string => `
import time, json, statistics, sys
${body}
run()
walls, cpus = [], []
for i in range(${RUNS}):
    c0 = time.process_time(); t0 = time.perf_counter()
    r = run()
    walls.append(time.perf_counter() - t0); cpus.append(time.process_time() - c0)
    del r
print(json.dumps({"wall": statistics.median(walls), "cpu": statistics.median(cpus)}))
`;
function python(body: string): { wall: number; cpu: number } {
  return JSON.parse(inPool(['python3', '-c', PY(body)]).trim().split('\n').pop()!) as { wall: number; cpu: number };
}
function tool(args: string[]): { wall: number; cpu: number } {
  const argv = ['chroot', env.root, 'env', 'TZ=UTC', ...args];
  spawnSync(argv[0]!, argv.slice(1), { maxBuffer: 1 << 30 });
  const walls: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    const r = spawnSync(argv[0]!, argv.slice(1), { maxBuffer: 1 << 30 });
    if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${String(r.stderr)}`);
    walls.push((performance.now() - t0) / 1000);
  }
  return { wall: median(walls), cpu: NaN };
}

async function main(): Promise<void> {
  const security = new SecurityContext({
    token: readFileSync(env.tokens.alice, 'utf8').trim(),
    methods: 'IDTOKENS',
    platform: nodeSecurityPlatform({ fs: false, tokenDirectory: '/nonexistent' }),
  });
  const ad = await new Collector(env.collector).locate(DaemonTypes.Schedd);
  const schedd = new Schedd(ad, { security });
  const out = inPool(['bash', '-c', 'cd /tmp && runuser -u alice -- condor_submit -terse'], `executable = /bin/sleep\narguments = 600\nhold = true\n+HtcTsBench = true\nqueue ${N}\n`);
  const cluster = Number(/^(\d+)\./.exec(out)![1]);
  const constraint = `ClusterId == ${cluster}`;
  const proj = ['ClusterId', 'ProcId', 'JobStatus'];
  const rows: string[] = [];
  const row = (work: string, ours: { wall: number; cpu: number }, peer: string, theirs: { wall: number; cpu: number }): void => {
    rows.push(`| ${work} | ${ours.wall.toFixed(3)} (${ours.cpu.toFixed(3)}) | ${peer} | ${theirs.wall.toFixed(3)}${Number.isNaN(theirs.cpu) ? '' : ` (${theirs.cpu.toFixed(3)})`} | ${(theirs.wall / ours.wall).toFixed(2)}x |`);
  };
  try {
    const count = (await schedd.query(constraint, ['ProcId'])).length;
    if (count !== N) throw new Error(`expected ${N} jobs, the schedd has ${count}`);
    const oursQuery = await measure(() => schedd.query(constraint));
    const oursX = await measure(async () => {
      let n = 0;
      for await (const _ of schedd.xquery(constraint)) n++;
      return n;
    });
    const oursProj = await measure(() => schedd.query(constraint, proj));
    // Like for like without AES: READ commands need no security on this pool's configuration.
    const plain = new Schedd(ad);
    const oursPlain = await measure(() => plain.query(constraint));
    const oursPlainProj = await measure(() => plain.query(constraint, proj));
    // Streaming memory: the heap's growth while reading every ad and keeping none.
    (globalThis as { gc?: () => void }).gc?.();
    const heap0 = process.memoryUsage().heapUsed;
    let peak = 0;
    let n = 0;
    for await (const _ of schedd.xquery(constraint)) {
      if (++n % 250 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed - heap0);
    }
    const v1 = python(`import htcondor\ns = htcondor.Schedd()\ndef run(): return s.query("${constraint}")`);
    const v1x = python(`import htcondor\ns = htcondor.Schedd()\ndef run(): return sum(1 for _ in s.xquery("${constraint}"))`);
    const v2 = python(`import htcondor2\ns = htcondor2.Schedd()\ndef run(): return s.query("${constraint}")`);
    const v1p = python(`import htcondor\ns = htcondor.Schedd()\ndef run(): return s.query("${constraint}", ${JSON.stringify(proj)})`);
    const cq = tool(['condor_q', '-allusers', '-l', String(cluster)]);
    const noSec = "import os\nos.environ.update({k: 'OPTIONAL' for k in ['_CONDOR_SEC_CLIENT_AUTHENTICATION','_CONDOR_SEC_CLIENT_ENCRYPTION','_CONDOR_SEC_CLIENT_INTEGRITY']})\n";
    const v1plain = python(`${noSec}import htcondor\ns = htcondor.Schedd()\ndef run(): return s.query("${constraint}")`);
    const v1plainProj = python(`${noSec}import htcondor\ns = htcondor.Schedd()\ndef run(): return s.query("${constraint}", ${JSON.stringify(proj)})`);
    row(`schedd query, ${N} full job ads (\`query\`)`, oursQuery, 'v1 `query`', v1);
    row('same', oursQuery, 'v1 `xquery`', v1x);
    row('same, ours `xquery` (streamed)', oursX, 'v1 `xquery`', v1x);
    row('same', oursQuery, 'v2 `query`', v2);
    row('same', oursQuery, '`condor_q -l` (whole process)', cq);
    row('same, projection of 3 attributes', oursProj, 'v1 `query`', v1p);
    row('full ads, both plaintext', oursPlain, 'v1 `query` (no security)', v1plain);
    row('projection of 3, both plaintext', oursPlainProj, 'v1 `query` (no security)', v1plainProj);

    await schedd.act(JobAction.Remove, constraint, 'bench');
    // Wait until the schedd has written every record. A query that meets the schedd rotating its history file
    // (20 MB files here, and N removals write more than that) can be cut off by the helper: retry.
    for (let t = 0; t < 240; t++) {
      let h = 0;
      try {
        for await (const _ of schedd.history(constraint, ['ProcId'])) h++;
      } catch (e) {
        console.error(`bench: history while the schedd writes it: ${(e as Error).message}; retrying`);
      }
      if (h === N) break;
      await new Promise((r) => setTimeout(r, 1000));
    }
    const oursH = await measure(async () => {
      let k = 0;
      for await (const _ of schedd.history(constraint)) k++;
      if (k !== N) throw new Error(`history gave ${k} records, expected ${N}`);
    });
    (globalThis as { gc?: () => void }).gc?.();
    const hheap0 = process.memoryUsage().heapUsed;
    let hpeak = 0;
    let hn = 0;
    for await (const _ of schedd.history(constraint)) {
      if (++hn % 250 === 0) hpeak = Math.max(hpeak, process.memoryUsage().heapUsed - hheap0);
    }
    const v1h = python(`import htcondor\ns = htcondor.Schedd()\ndef run(): return list(s.history("${constraint}", []))`);
    const v2h = python(`import htcondor2\ns = htcondor2.Schedd()\ndef run(): return s.history("${constraint}", [])`);
    const ch = tool(['condor_history', '-l', '-constraint', constraint]);
    row(`history, ${N} full records`, oursH, 'v1 `history`', v1h);
    row('same', oursH, 'v2 `history`', v2h);
    row('same', oursH, '`condor_history -l` (whole process, reads the file itself)', ch);
    console.log(
      [
        `# schedd benchmark (${new Date().toISOString()}, medians of ${RUNS} runs after a warm-up; ours authenticated with IDTOKENS and AES-encrypted, the bindings and tools with FS and AES)`,
        '',
        '| work | htcondor-ts s (cpu) | peer | peer s (cpu) | ratio (> 1: we are faster) |',
        '|---|---|---|---|---|',
        ...rows,
        '',
        `Streaming ${N} full ads and keeping none, peak heap growth: xquery ${(peak / 2 ** 20).toFixed(1)} MiB, history ${(hpeak / 2 ** 20).toFixed(1)} MiB.`,
      ].join('\n'),
    );
  } finally {
    // condor_rm for held jobs, then -forcex for any left in the removed state.
    for (const args of [['condor_rm', String(cluster)], ['condor_rm', '-forcex', String(cluster)]]) {
      try {
        inPool(args);
      } catch {
        /* removed already */
      }
    }
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exitCode = 1;
});
