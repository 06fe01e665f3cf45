/**
 * Live differential test: our configuration against condor_config_val 23.9.6 in the Debian trixie chroot.
 * Runs every recorded snippet input through the real condor_config_val now, and the pool's packaged configuration.
 * Without the chroot the suite is skipped, except under CI=true where that is a failure.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { loadConfig, memoryHost, Param } from '../../src/config/index.js';
import {
  checkSnippet,
  compareDumps,
  parseDump,
  randomKeys,
  herefileKeys,
  type OracleResult,
  type RecordedSnippet,
} from '../fixtures/config/harness.js';

const CHROOT = process.env.HTCONDOR_TS_CHROOT ?? '/opt/trixie';
const available = existsSync(join(CHROOT, 'usr/bin/condor_config_val')) && process.getuid?.() === 0;
const BASE_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', TZ: 'UTC', LANG: 'C' };
const fixtures = join(__dirname, '../fixtures/config');

function ccv(args: string[], env: Record<string, string>, timeoutSec = 10, wrap: string[] = []): { status: number | null; stdout: string; stderr: string } {
  const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
  const r = spawnSync('timeout', [String(timeoutSec), ...wrap, 'env', '-i', ...envArgs, 'chroot', CHROOT, 'condor_config_val', ...args], { encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

if (!available) {
  if (process.env.CI === 'true') {
    test('the HTCondor chroot is required under CI', () => {
      throw new Error(`no condor_config_val under ${CHROOT} (or not root): the configuration oracle cannot run`);
    });
  } else {
    test.skip(`configuration oracle (no chroot at ${CHROOT})`, () => undefined);
  }
} else {
  const { snippets, derivedKeys } = JSON.parse(readFileSync(join(fixtures, 'snippets.json'), 'utf8')) as { snippets: RecordedSnippet[]; derivedKeys: string[] };
  const detectedNames = Object.keys((JSON.parse(readFileSync(join(fixtures, 'oracle.json'), 'utf8')) as { detected: Record<string, string> }).detected);
  const onlyEnv = parseDump(ccv(['-dump'], { ...BASE_ENV, CONDOR_CONFIG: 'ONLY_ENV' }).stdout);
  const detected = Object.fromEntries(detectedNames.filter((k) => onlyEnv[k] !== undefined).map((k) => [k, onlyEnv[k]!]));
  const liveDir = '/var/tmp/htcondor-ts-config-oracle-live'; // not /tmp: other sessions clean the chroot's /tmp
  const relocate = (s: RecordedSnippet): RecordedSnippet => {
    const from = '/tmp/htcondor-ts-config-oracle/';
    const to = `${liveDir}/`;
    const sub = (t: string): string => t.replaceAll(from, to);
    return {
      ...s,
      files: Object.fromEntries(Object.entries(s.files).map(([k, v]) => [sub(k), sub(v)])),
      env: Object.fromEntries(Object.entries(s.env).map(([k, v]) => [k, sub(v)])),
    };
  };

  beforeAll(() => rmSync(join(CHROOT, liveDir), { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));
  afterAll(() => rmSync(join(CHROOT, liveDir), { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

  describe('snippets agree with the live condor_config_val', () => {
    test.each(snippets.map((s) => [s.name, relocate(s)] as const))('%s', (_name, s) => {
      for (const [path, text] of Object.entries(s.files)) {
        mkdirSync(dirname(join(CHROOT, path)), { recursive: true });
        writeFileSync(join(CHROOT, path), text);
      }
      const opts = [...(s.subsystem ? ['-subsystem', s.subsystem] : []), ...(s.localName ? ['-local-name', s.localName] : [])];
      const r: OracleResult = { exitCode: 0, stderr: '', dump: null, keys: {}, cycleTimeouts: [] };
      if (s.cycleKeys) {
        for (const k of s.cycleKeys) if (ccv([...opts, k], s.env, 3).status === 124) r.cycleTimeouts.push(k);
      } else {
        const d = ccv([...opts, '-dump', '-expanded'], s.env);
        r.exitCode = d.status ?? -1;
        r.stderr = d.stderr;
        if (d.status === 0) {
          r.dump = parseDump(d.stdout);
          for (const k of derivedKeys) {
            const q = ccv([...opts, k], s.env);
            r.keys[k] = q.status === 0 ? q.stdout.replace(/\n$/, '') : null;
          }
        }
      }
      if (s.error) expect(r.exitCode).not.toBe(0);
      const { diffs, compared } = checkSnippet(s, r, detected);
      expect(diffs).toEqual([]);
      expect(compared).toBeGreaterThan(0);
    });
  });

  test("the pool's packaged configuration evaluates as condor_config_val -dump does", () => {
    // Only the files of the condor package: the lab adds its own to config.d, so the oracle runs in a private
    // mount namespace where config.d is a snapshot of the packaged files.
    const packaged: string[] = [];
    for (const d of ['/etc/condor', '/etc/condor/config.d', '/usr/share/condor/config.d']) {
      if (!existsSync(join(CHROOT, d))) continue;
      for (const n of readdirSync(join(CHROOT, d))) {
        const p = `${d}/${n}`;
        if (statSync(join(CHROOT, p)).isDirectory()) continue;
        if (spawnSync('chroot', [CHROOT, 'dpkg', '-S', p]).status === 0) packaged.push(p);
      }
    }
    expect(packaged).toContain('/etc/condor/condor_config');
    const snap = '/tmp/htcondor-ts-config-oracle-live-snap';
    rmSync(snap, { recursive: true, force: true });
    mkdirSync(snap, { recursive: true });
    const files: Record<string, string> = {};
    for (const p of packaged) {
      files[p] = readFileSync(join(CHROOT, p), 'utf8');
      if (p.startsWith('/etc/condor/config.d/')) writeFileSync(join(snap, p.slice(p.lastIndexOf('/') + 1)), files[p]!);
    }
    const wrap = ['unshare', '-m', '--propagation', 'private', 'sh', '-c', `mount --bind ${snap} ${CHROOT}/etc/condor/config.d && exec "$@"`, 'sh'];
    const expanded = parseDump(ccv(['-dump', '-expanded'], BASE_ENV, 10, wrap).stdout);
    const raw = parseDump(ccv(['-dump'], BASE_ENV, 10, wrap).stdout);
    const bySubsystem = Object.fromEntries(
      ['MASTER', 'SCHEDD', 'COLLECTOR', 'NEGOTIATOR', 'STARTD'].map((sub) => [sub, parseDump(ccv(['-subsystem', sub, '-dump', '-expanded'], BASE_ENV, 10, wrap).stdout)]),
    );
    rmSync(snap, { recursive: true, force: true });
    const cfg = loadConfig({ host: memoryHost(files, BASE_ENV), detected });
    const p = new Param(() => cfg);
    expect(Object.keys(expanded).length).toBeGreaterThan(1000);
    expect(compareDumps(p.dump(), expanded, {}, randomKeys(p), herefileKeys(p))).toEqual([]);
    expect(compareDumps(p.rawDump(), raw)).toEqual([]);
    for (const [sub, dump] of Object.entries(bySubsystem)) {
      const c = loadConfig({ host: memoryHost(files, BASE_ENV), detected, subsystem: sub });
      const ps = new Param(() => c);
      expect({ sub, diffs: compareDumps(ps.dump(), dump, {}, randomKeys(ps), herefileKeys(ps)) }).toEqual({ sub, diffs: [] });
    }
  });
}
