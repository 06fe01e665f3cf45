// The tour: what htcondor-ts does against the local real pool, through the public umbrella package only.
// For now: the pool's machines and daemons, printed as condor_status prints them.
import { readFileSync, existsSync } from 'node:fs';
import { AdTypes, Collector, DaemonTypes } from '../packages/htcondor/dist/esm/index.js';

const envFile = new URL('../.pool/env.json', import.meta.url);
const pool = existsSync(envFile) ? JSON.parse(readFileSync(envFile, 'utf8')).collector : (process.argv[2] ?? '127.0.0.1:9618');
const collector = new Collector(pool);

const pad = (s, n) => String(s ?? '').padEnd(n).slice(0, Math.max(n, String(s ?? '').length));
const fmtTime = (secs) => {
  const d = Math.floor(secs / 86400), h = Math.floor(secs / 3600) % 24, m = Math.floor(secs / 60) % 60, s = secs % 60;
  return `${d}+${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}:${String(s).padStart(2, '0')}`;
};

console.log(`htcondor-ts tour against the pool at ${pool}\n`);
console.log('== Machines (condor_status) ==');
const slots = await collector.query(AdTypes.Startd, '', ['Name', 'OpSys', 'Arch', 'State', 'Activity', 'LoadAvg', 'Memory', 'EnteredCurrentActivity', 'MyCurrentTime']);
console.log(`${pad('Name', 24)} ${pad('OpSys', 8)} ${pad('Arch', 8)} ${pad('State', 10)} ${pad('Activity', 9)} LoadAv  Mem    ActvtyTime`);
for (const ad of slots) {
  const now = Number(ad.get('MyCurrentTime') ?? Math.floor(Date.now() / 1000));
  const since = Number(ad.get('EnteredCurrentActivity') ?? now);
  console.log(`${pad(ad.get('Name'), 24)} ${pad(ad.get('OpSys'), 8)} ${pad(ad.get('Arch'), 8)} ${pad(ad.get('State'), 10)} ${pad(ad.get('Activity'), 9)} ${Number(ad.get('LoadAvg') ?? 0).toFixed(3)} ${pad(String(ad.get('Memory')), 6)} ${fmtTime(Math.max(0, now - since))}`);
}
console.log(`\n${slots.length} slot(s)\n`);

console.log('== Daemons (condor_status -any) ==');
const all = await collector.query(AdTypes.Any, '', ['MyType', 'Name', 'MyAddress']);
console.log(`${pad('MyType', 14)} ${pad('Name', 28)} Address`);
for (const ad of all) console.log(`${pad(ad.get('MyType'), 14)} ${pad(ad.get('Name'), 28)} ${ad.get('MyAddress') ?? ''}`);

const schedd = await collector.locate(DaemonTypes.Schedd);
console.log(`\nThe schedd is at ${schedd.get('MyAddress')} (reached through the shared port).`);

// Security: an authenticated, AES-encrypted conversation as alice (IDTOKENS), as SecMan.ping does it.
const { SecurityContext, Schedd } = await import('../packages/htcondor/dist/esm/index.js');
const { nodeSecurityPlatform } = await import('../packages/htcondor/dist/esm/node.js');
const { DaemonClient, Commands } = await import('../packages/core/dist/esm/index.js');
if (existsSync(envFile)) {
  const tokens = JSON.parse(readFileSync(envFile, 'utf8')).tokens;
  const alice = new SecurityContext({ methods: ['IDTOKENS'], token: readFileSync(tokens.alice, 'utf8').trim(), platform: nodeSecurityPlatform() });
  const ping = await alice.ping(new DaemonClient(String(schedd.get('MyAddress')), { security: alice }), Commands.QUERY_JOB_ADS_WITH_AUTH);
  console.log(`\n== Ping the schedd as alice ==\nauthenticated by ${ping.method} as ${ping.user}, encryption ${ping.encryption ? 'on (' + ping.cryptoMethod + ')' : 'off'}, authorized: ${ping.authorized}`);
  const jobs = await new Schedd(schedd, { security: alice }).query('true', ['ClusterId', 'ProcId', 'Owner', 'JobStatus']);
  console.log(`${jobs.length} job(s) in the queue (queried over the encrypted session)`);
}
