// Records CEDAR conversations with the real pool as fixtures for the codec's unit tests (fixtures/wire/*.json).
// Each fixture holds the frames we sent and received (hex), and what HTCondor's own tools said about the same query
// at the same moment (the oracle), so the unit tests can check our decoding of the bytes without a pool.
// Usage: scripts/pool up && pnpm build && node scripts/record-wire-fixtures.mjs
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { Collector } from '../packages/collector/dist/esm/index.js';
import { AdTypes, DaemonTypes, toHex } from '../packages/core/dist/esm/index.js';
import { Schedd } from '../packages/schedd/dist/esm/index.js';

const root = new URL('..', import.meta.url).pathname;
const env = JSON.parse(readFileSync(`${root}.pool/env.json`, 'utf8'));
const inPool = (args) => execFileSync(env.root === '/' ? args[0] : 'chroot', env.root === '/' ? args.slice(1) : [env.root, ...args], { encoding: 'utf8' });
const version = inPool(['condor_version']).split('\n')[0];
mkdirSync(`${root}fixtures/wire`, { recursive: true });

function recorder() {
  const frames = [];
  return { frames, tap: (direction, frame) => frames.push({ direction, hex: toHex(frame) }) };
}

async function record(name, note, run, oracleArgs, address = env.collector) {
  const rec = recorder();
  await run(rec.tap);
  const oracle = oracleArgs ? JSON.parse(inPool(oracleArgs).trim() || '[]').map((ad) => ({ MyType: ad.MyType, Name: ad.Name, ClusterId: ad.ClusterId, ProcId: ad.ProcId })) : undefined;
  const out = {
    note,
    recorded: new Date().toISOString(),
    peer: version,
    address,
    recordedBy: 'scripts/record-wire-fixtures.mjs',
    oracleCommand: oracleArgs?.join(' '),
    oracle,
    frames: rec.frames,
  };
  writeFileSync(`${root}fixtures/wire/${name}.json`, JSON.stringify(out, null, 1) + '\n');
  console.log(`${name}: ${rec.frames.length} frames, ${rec.frames.reduce((n, f) => n + f.hex.length / 2, 0)} bytes`);
}

await record(
  'collector-query-startd',
  'QUERY_STARTD_ADS (5) sent raw (no security negotiation: READ is optional on the default pool) to the collector at 127.0.0.1:9618; reply: (int 1, ClassAd)* int 0 in one message over many packets',
  (tap) => new Collector(env.collector, { tap }).query(AdTypes.Startd),
  ['condor_status', '-json'],
);
await record(
  'collector-query-any-projection',
  'QUERY_ANY_ADS (48) with Projection "MyType Name MyAddress", raw, to the collector',
  (tap) => new Collector(env.collector, { tap }).query(AdTypes.Any, '', ['MyType', 'Name', 'MyAddress']),
  ['condor_status', '-any', '-json', '-attributes', 'MyType,Name,MyAddress'],
);
const cluster = inPool(['bash', '-c', 'cd /tmp && printf "executable=/bin/sleep\\narguments=600\\nhold=true\\nqueue 3\\n" | runuser -u alice -- condor_submit -terse']).trim().split('.')[0];
const scheddAddress = String((await new Collector(env.collector).locate(DaemonTypes.Schedd)).get('MyAddress'));
await record(
  'schedd-query-jobs',
  `SHARED_PORT_CONNECT to the schedd's id, then QUERY_JOB_ADS (516) raw for cluster ${cluster} (3 held jobs of alice); reply: one message per job ad, then the Owner = 0 terminator ad`,
  (tap) => new Schedd(scheddAddress, { tap }).query(`ClusterId == ${cluster}`),
  ['condor_q', '-allusers', '-json', cluster],
  scheddAddress,
);
inPool(['condor_rm', cluster]);
