import { ConfigMacroCycleError, ConfigSourceError, loadConfig, memoryHost, Param, type ConfigHost } from './index.js';

const root = (files: Record<string, string>, env: Record<string, string> = {}, host?: Partial<ConfigHost>) =>
  loadConfig({ host: { ...memoryHost(files, { CONDOR_CONFIG: '/r', ...env }), ...host } });

test('an include loop stops at the nesting limit with a typed error', () => {
  expect(() => root({ '/r': 'include : /r\n' })).toThrow(ConfigSourceError);
  expect(() => root({ '/r': 'include : /r\n' })).toThrow(/nested too deep/);
});

test('cycles through macro functions are detected', () => {
  const cfg = root({ '/r': 'A = $INT(B)\nB = $SUBSTR(A,1)\nC = $Fn(C2)\nC2 = /x/$(C)\n' });
  const p = new Param(() => cfg);
  expect(() => p.get('A')).toThrow(ConfigMacroCycleError);
  expect(() => p.get('C')).toThrow(ConfigMacroCycleError);
});

test('CONDOR_CONFIG naming a directory is an error', () => {
  expect(() => root({ '/etc/x/a': '' }, { CONDOR_CONFIG: '/etc/x' })).toThrow(/is a directory/);
});

test('include command into caches the output in a file', () => {
  const written: Record<string, string> = {};
  const files: Record<string, string> = { '/r': 'include command into /cache : /bin/gen\nAFTER = $(GEN)\n' };
  const host: Partial<ConfigHost> = {
    readFile: (p) => files[p] ?? written[p],
    writeFile: (p, t) => { written[p] = t; },
    runCommand: (argv) => ({ stdout: argv[0] === '/bin/gen' ? 'GEN = generated\n' : '', status: 0 }),
  };
  const p = new Param(() => root(files, {}, host));
  expect(p.get('AFTER')).toBe('generated');
  expect(written['/cache']).toBe('GEN = generated\n');
  // second time: read from the cache, the command is not run
  const p2 = new Param(() => root(files, {}, { ...host, runCommand: () => ({ stdout: '', status: 1 }) }));
  expect(p2.get('GEN')).toBe('generated');
});

test('a failing include command is an error; without a runner, commands cannot run', () => {
  expect(() => root({ '/r': 'include command : /bin/false\n' }, {}, { runCommand: () => ({ stdout: '', status: 1 }) })).toThrow(/exit code 1/);
  expect(() => root({ '/r': 'include command : /bin/x\n' }, {}, { runCommand: undefined })).toThrow(/cannot run/);
});

test('USER_CONFIG_FILE is read for ordinary users, not for root', () => {
  const files = { '/r': 'A = root\n', '/home/u/.condor/user_config': 'A = $(A) user\n' };
  const user = (canSwitchIds: boolean) =>
    new Param(() => root(files, {}, { homeDirectory: () => '/home/u', canSwitchIds: () => canSwitchIds })).get('A');
  expect(user(false)).toBe('root user');
  expect(user(true)).toBe('root');
});

test('OMP_THREAD_LIMIT / SLURM_CPUS_ON_NODE below the CPU count set DETECTED_CPUS_LIMIT', () => {
  const detected = { DETECTED_PHYSICAL_CPUS: '8', DETECTED_CORES: '16', DETECTED_CPUS: '16' };
  const limit = (env: Record<string, string>) =>
    new Param(() => loadConfig({ host: memoryHost({ '/r': '' }, { CONDOR_CONFIG: '/r', ...env }), detected })).get('DETECTED_CPUS_LIMIT');
  expect(limit({})).toBe('16'); // the default, $(DETECTED_CPUS)
  expect(limit({ OMP_THREAD_LIMIT: '4' })).toBe('4');
  expect(limit({ OMP_THREAD_LIMIT: '12', SLURM_CPUS_ON_NODE: '10' })).toBe('10');
  expect(limit({ OMP_THREAD_LIMIT: 'x' })).toBe('16');
});
