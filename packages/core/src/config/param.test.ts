import { HTCondorValueError } from '../errors.js';
import { SubsystemType } from '../protocol/enums.generated.js';
import {
  ConfigMacroCycleError,
  ConfigMacroError,
  ConfigSyntaxError,
  configure,
  HTCondorConfigError,
  loadConfig,
  memoryHost,
  param,
  Param,
  platform,
  reloadConfig,
  setSubsystem,
  version,
  versionInfo,
} from './index.js';

const load = (text: string, extra: Parameters<typeof loadConfig>[0] = {}): Param => {
  const cfg = loadConfig({ host: memoryHost({ '/c/condor_config': text }, { CONDOR_CONFIG: '/c/condor_config' }), ...extra });
  return new Param(() => cfg);
};

afterEach(() => configure({ files: {}, env: {}, subsystem: 'TOOL', localName: undefined, detected: {}, requireConfig: false }));

describe('param with no configuration file', () => {
  beforeEach(() => reloadConfig({ files: {}, env: {} }));
  test('answers from the built-in defaults', () => {
    expect(param.get('MAX_FILE_DESCRIPTORS')).toBeUndefined();
    expect(param.get('SHUTDOWN_FAST_TIMEOUT')).toBe('300');
    expect(param.get('SEC_DEFAULT_AUTHENTICATION_METHODS')).toBe('FS,IDTOKENS,KERBEROS,SCITOKENS,SSL');
    expect(param.get('CONDOR_VERSION')).toBe('23.9.6');
    // HTCondor 23.9.6's table gives SCHEDD_INTERVAL no default (the schedd's code supplies 300)
    expect(param.get('SCHEDD_INTERVAL')).toBeUndefined();
    expect(param.getInteger('SCHEDD_INTERVAL', 300)).toBe(300);
    expect(param.has('SCHEDD_INTERVAL')).toBe(false);
    expect(param.getInteger('SHUTDOWN_FAST_TIMEOUT')).toBe(300);
  });
  test('names are case-insensitive', () => {
    expect(param.get('shutdown_fast_timeout')).toBe('300');
  });
  test('is Map-like', () => {
    const keys = [...param.keys()];
    expect(keys.length).toBe(param.size);
    expect(keys.length).toBeGreaterThan(700);
    expect(keys).toContain('SHUTDOWN_FAST_TIMEOUT');
    expect(keys).not.toContain('SCHEDD_INTERVAL');
    const entries = new Map(param);
    expect(entries.get('SHUTDOWN_FAST_TIMEOUT')).toBe('300');
    let n = 0;
    param.forEach(() => n++);
    expect(n).toBe(param.size);
    expect([...param.values()].length).toBe(param.size);
  });
});

describe('reloadConfig and configure', () => {
  test('reads in-memory files and follows reloads', () => {
    reloadConfig({ files: { '/etc/condor/condor_config': 'FOO = bar\nCOLLECTOR_HOST = cm.example.org:9618\n' } });
    expect(param.get('FOO')).toBe('bar');
    expect(param.get('COLLECTOR_HOST')).toBe('cm.example.org:9618');
    reloadConfig({ files: { '/etc/condor/condor_config': 'FOO = baz\n' } });
    expect(param.get('FOO')).toBe('baz');
  });
  test('CONDOR_CONFIG in the environment picks the root file', () => {
    reloadConfig({ files: { '/x/cfg': 'A = 1\n' }, env: { CONDOR_CONFIG: '/x/cfg' } });
    expect(param.get('A')).toBe('1');
  });
  test('a missing CONDOR_CONFIG is an error, a missing default root is not', () => {
    expect(() => reloadConfig({ files: {}, env: { CONDOR_CONFIG: '/nope' } })).toThrow(HTCondorConfigError);
    expect(() => reloadConfig({ files: {}, env: {} })).not.toThrow();
    expect(() => reloadConfig({ files: {}, env: {}, requireConfig: true })).toThrow(/condor_config/);
  });
  test('validates options', () => {
    expect(() => configure({ subsystem: 'bad name' })).toThrow(HTCondorValueError);
    expect(() => configure({ bogus: 1 } as never)).toThrow(HTCondorValueError);
  });
  test('setSubsystem makes SUBSYS.NAME apply', () => {
    configure({ files: { '/etc/condor/condor_config': 'X = generic\nSCHEDD.X = schedd\n' }, env: {} });
    expect(param.get('X')).toBe('generic');
    setSubsystem('SCHEDD', SubsystemType.Schedd);
    expect(param.get('X')).toBe('schedd');
    expect(param.get('SUBSYSTEM')).toBe('SCHEDD');
    setSubsystem(undefined, SubsystemType.Master);
    expect(param.get('SUBSYSTEM')).toBe('MASTER');
    expect(() => setSubsystem('X', 99 as SubsystemType)).toThrow(HTCondorValueError);
  });
  test('setDefault and update', () => {
    reloadConfig({ files: {} });
    expect(param.setDefault('SHUTDOWN_FAST_TIMEOUT', '1')).toBe('300');
    expect(param.setDefault('NEW_ONE', 'v')).toBe('v');
    param.update({ U1: 'a', U2: '$(U1)b' });
    param.update([['U3', 'c']]);
    expect([param.get('U2'), param.get('U3')]).toEqual(['ab', 'c']);
  });
  test('param.set writes in memory', () => {
    reloadConfig({ files: {} });
    param.set('MY_KNOB', '$(SHUTDOWN_FAST_TIMEOUT)0');
    expect(param.get('MY_KNOB')).toBe('3000');
    expect(param.raw('MY_KNOB')).toBe('$(SHUTDOWN_FAST_TIMEOUT)0');
    expect([...param.keys()]).toContain('MY_KNOB');
  });
});

describe('language details', () => {
  test('typed accessors', () => {
    const p = load('I = 2 * 21\nB1 = True\nB2 = no\nB3 = 1 > 2\nD = 2.5e1\n');
    expect(p.getInteger('I')).toBe(42);
    expect(p.getBoolean('B1')).toBe(true);
    expect(p.getBoolean('B2')).toBe(false);
    expect(p.getBoolean('B3')).toBe(false);
    expect(p.getDouble('D')).toBe(25);
    expect(p.getInteger('NOPE', 7)).toBe(7);
  });
  test('a macro cycle is a typed error naming the cycle', () => {
    const p = load('A = $(B)\nB = x $(C)\nC = $(A)\n');
    let err: unknown;
    try {
      p.get('A');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ConfigMacroCycleError);
    expect((err as ConfigMacroCycleError).cycle).toEqual(['B', 'C', 'A', 'B']);
  });
  test('self reference is not a cycle', () => {
    expect(load('A = 1\nA = $(A) 2\nA = $(A) 3\n').get('A')).toBe('1 2 3');
  });
  test('a default that reuses the same undefined name is not a cycle', () => {
    expect(load('A = $(B:$(B:z))\n').get('A')).toBe('z');
  });
  test('macro function failures are typed', () => {
    expect(() => load('A = $INT(notanumber)\n').get('A')).toThrow(ConfigMacroError);
    expect(() => load('A = $CHOICE(5, a, b)\n').get('A')).toThrow(ConfigMacroError);
    expect(() => load('A = $RANDOM_INTEGER(5, 1)\n').get('A')).toThrow(ConfigMacroError);
  });
  test('syntax errors carry source and line', () => {
    try {
      load('A = 1\n\nB\n');
      throw new Error('no error');
    } catch (e) {
      expect(e).toBeInstanceOf(ConfigSyntaxError);
      expect((e as ConfigSyntaxError).source).toBe('/c/condor_config');
      expect((e as ConfigSyntaxError).line).toBe(3);
    }
  });
  test('$RANDOM_CHOICE uses the injected random source', () => {
    const p = load('A = $RANDOM_CHOICE(a,b,c)\n', { randomInt: () => 4 });
    expect(p.get('A')).toBe('b');
  });
  test('rawDump names subsystem defaults as condor_config_val -dump does', () => {
    const p = load('');
    expect(p.rawDump().get('TOOL.IsTool')).toBe('true');
    expect(p.dump().get('IsTool')).toBe('true');
  });
});

test('version and platform', () => {
  expect(version()).toMatch(/^\$CondorVersion: 23\.9\.6 .*\$$/);
  expect(versionInfo()).toEqual({ htcondorTs: expect.stringMatching(/^\d+\.\d+\.\d+/), htcondor: '23.9.6' });
  reloadConfig({ files: {}, detected: { ARCH: 'X86_64', OPSYSNAME: 'Debian', OPSYSMAJORVER: '13' } });
  expect(platform()).toBe('$CondorPlatform: X86_64-Debian_13 $');
  reloadConfig({ files: {}, detected: {} });
  expect(platform()).toBe('$CondorPlatform: JS $');
});
