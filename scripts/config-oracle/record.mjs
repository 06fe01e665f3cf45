// Records condor_config_val 23.9.6 answers for the configuration snippets and for the pool's packaged
// configuration, into packages/core/test/fixtures/config/ (see the README there).
// Needs root and the Debian trixie chroot with HTCondor at /opt/trixie:  node scripts/config-oracle/record.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { DERIVED_KEYS, SNIPPETS } from './snippets.mjs';
import { parseDump } from './parse-dump.mjs';

const CHROOT = process.env.HTCONDOR_TS_CHROOT ?? '/opt/trixie';
const DIR = '/tmp/htcondor-ts-config-oracle';
const root = new URL('../..', import.meta.url).pathname;
const out = join(root, 'packages/core/test/fixtures/config');
const BASE_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', TZ: 'UTC', LANG: 'C' };
const DETECTED = ['TILDE', 'ARCH', 'UNAME_ARCH', 'OPSYS', 'OPSYSVER', 'OPSYSANDVER', 'UNAME_OPSYS', 'OPSYSMAJORVER', 'OPSYSNAME',
  'OPSYSLONGNAME', 'OPSYSSHORTNAME', 'OPSYSLEGACY', 'UTSNAME_SYSNAME', 'UTSNAME_NODENAME', 'UTSNAME_RELEASE', 'UTSNAME_VERSION',
  'UTSNAME_MACHINE', 'PYTHON3', 'CondorIsAdmin', 'DETECTED_MEMORY', 'DETECTED_PHYSICAL_CPUS', 'DETECTED_CPUS', 'DETECTED_CORES',
  'HOSTNAME', 'FULL_HOSTNAME', 'USERNAME', 'REAL_UID', 'REAL_GID', 'PID', 'PPID', 'IP_ADDRESS', 'IP_ADDRESS_IS_IPV6', 'IPV4_ADDRESS', 'IPV6_ADDRESS'];

/** Runs condor_config_val in the chroot with exactly `env`; `wrap` lets the pool run in a private mount namespace. */
function ccv(args, env, timeoutSec = 10, wrap = []) {
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const r = spawnSync('timeout', [String(timeoutSec), ...wrap, 'env', '-i', ...envArgs, 'chroot', CHROOT, 'condor_config_val', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, timedOut: r.status === 124 };
}

function opts(s) {
  return [...(s.subsystem ? ['-subsystem', s.subsystem] : []), ...(s.localName ? ['-local-name', s.localName] : [])];
}

const version = ccv(['-version'], BASE_ENV).stdout.trim();
const detectedDump = parseDump(ccv(['-dump'], { ...BASE_ENV, CONDOR_CONFIG: 'ONLY_ENV' }).stdout);
// Every dump shares ~1100 default values: store one baseline and, per snippet, only what differs from it.
const baseline = parseDump(ccv(['-dump', '-expanded'], { ...BASE_ENV, CONDOR_CONFIG: 'ONLY_ENV' }).stdout);
function delta(dump) {
  const changed = Object.fromEntries(Object.entries(dump).filter(([k, v]) => baseline[k] !== v));
  const removed = Object.keys(baseline).filter((k) => !(k in dump));
  return { changed, removed };
}
const detected = Object.fromEntries(DETECTED.filter((k) => detectedDump[k] !== undefined).map((k) => [k, detectedDump[k]]));

const snippets = [];
const results = {};
rmSync(join(CHROOT, DIR), { recursive: true, force: true });
for (const s of SNIPPETS) {
  const dir = `${DIR}/${s.name}`;
  const files = {};
  for (const [rel, text] of Object.entries(s.files)) {
    const path = `${dir}/${rel}`;
    files[path] = text.replaceAll('@DIR@', dir);
    mkdirSync(dirname(join(CHROOT, path)), { recursive: true });
    writeFileSync(join(CHROOT, path), files[path]);
  }
  const env = { ...BASE_ENV, ...(s.env ?? {}), CONDOR_CONFIG: `${dir}/main.conf` };
  const commands = (s.commands ?? []).map((argv) => {
    const r = spawnSync('chroot', [CHROOT, ...argv], { encoding: 'utf8' });
    return { argv, stdout: r.stdout, status: r.status };
  });
  snippets.push({ name: s.name, files, env, subsystem: s.subsystem, localName: s.localName, commands, patterns: s.patterns, error: s.error, cycleKeys: s.cycleKeys });
  const r = { exitCode: 0, stderr: '', dumpDelta: null, keys: {}, cycleTimeouts: [] };
  if (s.cycleKeys) {
    for (const k of s.cycleKeys) if (ccv([...opts(s), k], env, 3).timedOut) r.cycleTimeouts.push(k);
  } else {
    const d = ccv([...opts(s), '-dump', '-expanded'], env);
    r.exitCode = d.status;
    r.stderr = d.stderr;
    if (d.status === 0) {
      r.dumpDelta = delta(parseDump(d.stdout));
      for (const k of DERIVED_KEYS) {
        const q = ccv([...opts(s), k], env);
        r.keys[k] = q.status === 0 ? q.stdout.replace(/\n$/, '') : null;
      }
    }
  }
  results[s.name] = r;
  console.log(`${s.name}: exit=${r.exitCode} changed=${r.dumpDelta ? Object.keys(r.dumpDelta.changed).length : 0}${r.cycleTimeouts.length ? ` cycles=${r.cycleTimeouts}` : ''}`);
}

// The pool: the packaged configuration only. The lab adds files to config.d while we work, so we run the oracle
// in a private mount namespace where config.d holds just the files dpkg says the condor package installed.
const packaged = [];
for (const d of ['/etc/condor', '/etc/condor/config.d', '/usr/share/condor/config.d']) {
  let names = [];
  try { names = readdirSync(join(CHROOT, d)); } catch { continue; }
  for (const n of names) {
    const p = `${d}/${n}`;
    if (statSync(join(CHROOT, p)).isDirectory()) continue;
    if (spawnSync('chroot', [CHROOT, 'dpkg', '-S', p], { encoding: 'utf8' }).status === 0) packaged.push(p);
  }
}
const snap = '/tmp/htcondor-ts-config-oracle-snap';
rmSync(snap, { recursive: true, force: true });
mkdirSync(snap, { recursive: true });
for (const p of packaged.filter((x) => x.startsWith('/etc/condor/config.d/'))) writeFileSync(join(snap, p.slice(p.lastIndexOf('/') + 1)), readFileSync(join(CHROOT, p)));
const mountWrap = ['unshare', '-m', '--propagation', 'private', 'sh', '-c', `mount --bind ${snap} ${CHROOT}/etc/condor/config.d && exec "$@"`, 'sh'];
const poolEnv = { ...BASE_ENV };
const pool = {
  files: Object.fromEntries(packaged.map((p) => [p, readFileSync(join(CHROOT, p), 'utf8')])),
  env: poolEnv,
  config: ccv(['-config'], poolEnv, 10, mountWrap).stdout,
  dumpRaw: parseDump(ccv(['-dump'], poolEnv, 10, mountWrap).stdout),
  dumpExpanded: parseDump(ccv(['-dump', '-expanded'], poolEnv, 10, mountWrap).stdout),
  // the same files as each daemon reads them (SUBSYS.X settings and per-subsystem defaults), as changes to dumpExpanded
  subsystems: {},
};
for (const sub of ['MASTER', 'SCHEDD', 'COLLECTOR', 'NEGOTIATOR', 'STARTD', 'SHADOW', 'STARTER']) {
  const d = parseDump(ccv(['-subsystem', sub, '-dump', '-expanded'], poolEnv, 10, mountWrap).stdout);
  pool.subsystems[sub] = {
    changed: Object.fromEntries(Object.entries(d).filter(([k, v]) => pool.dumpExpanded[k] !== v)),
    removed: Object.keys(pool.dumpExpanded).filter((k) => !(k in d)),
  };
}
rmSync(snap, { recursive: true, force: true });
console.log(`pool: packaged=${packaged.join(' ')} keys=${Object.keys(pool.dumpExpanded).length}`);

mkdirSync(out, { recursive: true });
const stamp = { recordedWith: version, recordedBy: 'scripts/config-oracle/record.mjs', chroot: CHROOT };
writeFileSync(join(out, 'snippets.json'), JSON.stringify({ ...stamp, derivedKeys: DERIVED_KEYS, snippets }, null, 1) + '\n');
writeFileSync(join(out, 'oracle.json'), JSON.stringify({ ...stamp, detected, baseline, results }, null, 1) + '\n');
writeFileSync(join(out, 'pool.json'), JSON.stringify({ ...stamp, detected, ...pool }, null, 1) + '\n');
rmSync(join(CHROOT, DIR), { recursive: true, force: true });

