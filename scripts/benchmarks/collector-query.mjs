// Benchmark: Collector.query of N startd ads, htcondor-ts against the official Python bindings (v1 `htcondor`,
// v2 `htcondor2`) in the same run, on the same pool, plus the drain floor (the same reply read off the socket
// without decoding ads).
import { AdTypes, DaemonClient, SecurityContext } from '../../packages/core/dist/esm/index.js';
import { nodeSecurityPlatform } from '../../packages/core/dist/esm/node.js';
import { readFileSync } from 'node:fs';
import { Collector } from '../../packages/collector/dist/esm/index.js';
import { buildQuery } from '../../packages/collector/dist/esm/index.js';
import { env, inPool } from './pool-data.mjs';
import { measure } from './stats.mjs';

const PY = (module, plain, projection, runs) => `
import time, json, statistics, resource, os
${plain ? "os.environ.update({k: 'OPTIONAL' for k in ['_CONDOR_SEC_CLIENT_AUTHENTICATION','_CONDOR_SEC_CLIENT_ENCRYPTION','_CONDOR_SEC_CLIENT_INTEGRITY']})" : ''}
import ${module} as h
c = h.Collector("${env.collector}")
t = h.AdTypes.Startd if hasattr(h.AdTypes, 'Startd') else h.AdType.Startd
proj = ${projection ? JSON.stringify(projection) : "None"}
def run():
    return c.query(t, projection=proj) if proj else c.query(t)
n = len(run())
walls, cpus = [], []
for i in range(${runs}):
    c0 = time.process_time(); t0 = time.perf_counter()
    ads = run()
    walls.append(time.perf_counter() - t0); cpus.append(time.process_time() - c0)
    del ads
print(json.dumps({"n": n, "wall": statistics.median(walls), "cpu": statistics.median(cpus), "maxrssMiB": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024}))
`;

function python(module, plain, projection, runs) {
  const args = ['env', 'TZ=UTC', 'python3', '-c', PY(module, plain, projection, runs)];
  return JSON.parse(inPool(args).trim().split('\n').pop());
}

async function drain(address) {
  const { command, ad } = buildQuery({ adType: AdTypes.Startd });
  const s = await new DaemonClient(address).startCommand(command);
  s.putClassAd(ad);
  await s.endOfMessage();
  // Read the reply's packets to the end of the message without decoding any value.
  while (!s.reader.complete) await s.fill();
  const n = s.reader.remaining;
  s.close();
  return n;
}

export async function collectorQuery({ runs = 5 } = {}) {
  const c = new Collector(env.collector);
  const rows = [];
  const count = (await c.query(AdTypes.Startd)).length;
  const ours = await measure(() => c.query(AdTypes.Startd), { runs });
  const oursParsed = await measure(async () => {
    const ads = await c.query(AdTypes.Startd);
    for (const ad of ads) ad.parseAll();
    return ads;
  }, { runs });
  const floor = await measure(() => drain(c.addresses[0].text), { runs });
  // As the bindings do on this pool: authenticated (IDTOKENS here) and AES-256-GCM encrypted, session reused.
  const alice = new SecurityContext({ methods: ['IDTOKENS'], token: readFileSync(env.tokens.alice, 'utf8').trim(), platform: nodeSecurityPlatform() });
  const secure = new Collector(env.collector, { security: alice });
  const oursAes = await measure(() => secure.query(AdTypes.Startd), { runs });
  const proj = ['Name', 'Cpus', 'Memory'];
  const oursProj = await measure(() => c.query(AdTypes.Startd, '', proj), { runs });
  const v1 = python('htcondor', false, null, runs);
  const v1plain = python('htcondor', true, null, runs);
  const v2 = python('htcondor2', false, null, runs);
  const v1proj = python('htcondor', false, proj, runs);
  rows.push(
    { work: `collector query, ${count} startd ads`, ours: ours.wall, oursCpu: ours.cpu, peer: 'v1 htcondor (AES)', theirs: v1.wall, theirsCpu: v1.cpu },
    { work: `same, ours authenticated and AES-encrypted too`, ours: oursAes.wall, oursCpu: oursAes.cpu, peer: 'v1 htcondor (AES)', theirs: v1.wall, theirsCpu: v1.cpu },
    { work: `same, every value parsed (parseAll)`, ours: oursParsed.wall, oursCpu: oursParsed.cpu, peer: 'v1 htcondor (AES)', theirs: v1.wall, theirsCpu: v1.cpu },
    { work: `same, both plaintext`, ours: ours.wall, oursCpu: ours.cpu, peer: 'v1 htcondor (no security)', theirs: v1plain.wall, theirsCpu: v1plain.cpu },
    { work: `same`, ours: ours.wall, oursCpu: ours.cpu, peer: 'v2 htcondor2 (AES)', theirs: v2.wall, theirsCpu: v2.cpu },
    { work: `same, projection of 3 attributes`, ours: oursProj.wall, oursCpu: oursProj.cpu, peer: 'v1 htcondor (AES)', theirs: v1proj.wall, theirsCpu: v1proj.cpu },
    { work: `drain floor (read the reply, decode nothing) vs our query`, ours: ours.wall, oursCpu: ours.cpu, peer: 'drain floor', theirs: floor.wall, theirsCpu: floor.cpu },
  );
  return { rows, memory: { oursPeakMiB: ours.peakMiB, v1MaxRssMiB: v1.maxrssMiB } };
}
