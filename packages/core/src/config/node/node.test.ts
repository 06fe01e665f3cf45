import { mkdtempSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { configure, param, Param } from '../index.js';
import { detectNodeValues, loadNodeConfig, nodeConfigHost, useNodeConfig } from './index.js';

let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'htcondor-ts-config-'));
  mkdirSync(join(dir, 'config.d'));
  writeFileSync(join(dir, 'condor_config'), `LOCAL_CONFIG_DIR = ${dir}/config.d\nLOCAL_CONFIG_FILE = ${dir}/local\nA = root\ninclude command : /bin/echo FROM_CMD = echoed\n`);
  writeFileSync(join(dir, 'config.d', '10-first'), 'A = $(A) first\n');
  writeFileSync(join(dir, 'config.d', '20-second'), 'A = $(A) second\n');
  writeFileSync(join(dir, 'config.d', 'skip~'), 'A = bad\n');
  writeFileSync(join(dir, 'local'), 'B = $(A) local $ENV(HTC_TEST_VAR)\n');
});
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
  configure({ files: {}, env: {} });
});

const env = () => ({ CONDOR_CONFIG: join(dir, 'condor_config'), HTC_TEST_VAR: 'v', _condor_FROM_ENV: 'e', PATH: process.env.PATH ?? '/usr/bin:/bin' });

test('reads CONDOR_CONFIG, LOCAL_CONFIG_DIR in order, LOCAL_CONFIG_FILE, include command and _condor_ variables', () => {
  const cfg = loadNodeConfig({ hostOptions: { env: env() } });
  const p = new Param(() => cfg);
  expect(p.get('A')).toBe('root first second');
  expect(p.get('B')).toBe('root first second local v');
  expect(p.get('FROM_CMD')).toBe('echoed');
  expect(p.get('FROM_ENV')).toBe('e');
  expect(cfg.root).toBe(join(dir, 'condor_config'));
  expect(cfg.sources).toEqual(['/bin/echo FROM_CMD = echoed |', join(dir, 'config.d/10-first'), join(dir, 'config.d/20-second'), join(dir, 'local')]);
});

test('useNodeConfig wires the global param', () => {
  useNodeConfig({ hostOptions: { env: env() } });
  expect(param.get('A')).toBe('root first second');
  expect(param.get('FULL_HOSTNAME')).toBeTruthy();
});

test('host reads relative to a root directory (chroots)', () => {
  const host = nodeConfigHost({ root: dir, env: {} });
  expect(host.readFile('/condor_config')).toContain('A = root');
  expect(host.listDirectory('/config.d')?.sort()).toEqual(['/config.d/10-first', '/config.d/20-second', '/config.d/skip~']);
  expect(host.readFile('/nope')).toBeUndefined();
  expect(host.isDirectory('/config.d')).toBe(true);
});

test('detects the machine', () => {
  const d = detectNodeValues();
  expect(d.FULL_HOSTNAME).toBeTruthy();
  expect(d.IP_ADDRESS).toMatch(/[.:]/);
  expect(Number(d.DETECTED_CPUS)).toBeGreaterThan(0);
  expect(d.PID).toBe(String(process.pid));
});
