// Populating the pool for benchmarks, with HTCondor's own tools (condor_advertise as the pool's admin identity).
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync, copyFileSync, chmodSync } from 'node:fs';

const root = new URL('../..', import.meta.url).pathname;
export const env = JSON.parse(readFileSync(`${root}.pool/env.json`, 'utf8'));
const work = '/tmp/htc-bench'; // /tmp is shared with the pool's chroot

export function inPool(args, opts = {}) {
  const argv = env.root === '/' ? args : ['chroot', env.root, ...args];
  return execFileSync(argv[0], argv.slice(1), { encoding: 'utf8', maxBuffer: 1 << 30, ...opts });
}

function adminEnv() {
  mkdirSync(`${work}/tokens`, { recursive: true, mode: 0o700 });
  copyFileSync(env.tokens.admin, `${work}/tokens/admin`);
  chmodSync(`${work}/tokens/admin`, 0o600);
  return ['env', '_CONDOR_SEC_CLIENT_AUTHENTICATION_METHODS=IDTOKENS', `_CONDOR_SEC_TOKEN_DIRECTORY=${work}/tokens`];
}

/** Advertises `n` copies of the pool's real slot ad (distinct Name and Machine, marked HtcTsBench) into the collector. */
export function advertiseStartdAds(n) {
  mkdirSync(work, { recursive: true });
  const slot = inPool(['condor_status', '-l', 'slot1@vm']).split('\n').filter((l) => l.trim());
  const out = [];
  for (let i = 0; i < n; i++) {
    const id = String(i).padStart(5, '0');
    for (const l of slot) {
      const k = l.slice(0, l.indexOf(' = '));
      if (k === 'Name') out.push(`Name = "slot1@bench${id}"`);
      else if (k === 'Machine') out.push(`Machine = "bench${id}"`);
      else out.push(l);
    }
    out.push('HtcTsBench = true', '');
  }
  writeFileSync(`${work}/startd.ads`, out.join('\n'));
  inPool([...adminEnv(), 'condor_advertise', '-multiple', 'UPDATE_STARTD_AD', `${work}/startd.ads`]);
  for (let t = 0; t < 120; t++) {
    const count = Number(inPool(['condor_status', '-constraint', 'HtcTsBench =?= true', '-af', 'Name']).split('\n').filter(Boolean).length);
    if (count >= n) return count;
    execFileSync('sleep', ['1']);
  }
  throw new Error(`the collector did not take ${n} startd ads`);
}

export function invalidateStartdAds() {
  writeFileSync(`${work}/inval.ad`, 'MyType = "Query"\nTargetType = "Machine"\nRequirements = HtcTsBench =?= true\n');
  inPool([...adminEnv(), 'condor_advertise', 'INVALIDATE_STARTD_ADS', `${work}/inval.ad`]);
}
