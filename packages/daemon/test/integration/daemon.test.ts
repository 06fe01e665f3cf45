// RemoteParam, sendCommand and sendAlive against real daemons, checked with condor_config_val and the daemons'
// logs. Reads go to the pool's negotiator; settings go to a private second collector (second-collector.ts), since
// the pool's daemons started without runtime configuration and must not be restarted.
import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { ClassAd } from '@htcondor-ts/classad';
import { Collector } from '@htcondor-ts/collector';
import { DaemonCommands, DaemonTypes, HTCondorAuthorizationError, HTCondorValueError } from '@htcondor-ts/core';
import { RemoteParam, sendAlive, sendCommand } from '@htcondor-ts/daemon';
import { oracle } from '../../../../test/support/pool.js';
import { env, identity, locate, waitFor } from './helpers.js';
import { startSecondCollector, type SecondCollector } from './second-collector.js';

const logDir = join(env.root, 'var', 'log', 'condor');
const logLines = (file: string): string[] => readFileSync(file, 'utf8').split('\n');
const KNOB = `HTCONDOR_TS_PROBE_${process.pid}`;

describe('RemoteParam reads the pool negotiator as condor_config_val does', () => {
  let rp: RemoteParam;
  beforeAll(async () => {
    rp = new RemoteParam(await locate(DaemonTypes.Negotiator), { security: identity('alice') });
  });

  test.each(['NEGOTIATOR_INTERVAL', 'COLLECTOR_HOST', 'UID_DOMAIN', 'LOG', 'DAEMON_LIST'])('get(%s)', async (name) => {
    expect(await rp.get(name)).toBe(oracle(['condor_config_val', '-negotiator', name]).trim());
  });

  test('an undefined knob is undefined, as condor_config_val says "Not defined"', async () => {
    expect(await rp.get('HTCONDOR_TS_NEVER_SET')).toBeUndefined();
    expect(await rp.has('HTCONDOR_TS_NEVER_SET')).toBe(false);
    expect(oracle(['condor_config_val', '-negotiator', 'HTCONDOR_TS_NEVER_SET'])).toMatch(/^Not defined/);
  });

  test('getInfo gives the raw value and where it was set (condor_config_val -verbose)', async () => {
    const info = await rp.getInfo('NEGOTIATOR_INTERVAL');
    const verbose = oracle(['condor_config_val', '-negotiator', '-verbose', 'NEGOTIATOR_INTERVAL']);
    expect(info?.raw).toBe('NEGOTIATOR_INTERVAL = 5');
    expect(verbose).toContain(info!.location.split(',')[0]!);
  });

  test('keys() lists the names the daemon has (a superset of what it uses)', async () => {
    const keys = await rp.keys();
    expect(keys.length).toBeGreaterThan(100);
    for (const k of ['NEGOTIATOR_INTERVAL', 'COLLECTOR_HOST', 'DAEMON_LIST']) expect(keys).toContain(k);
    const used = oracle(['condor_config_val', '-negotiator', '-dump', '-used']).split('\n').map((l) => /^(\w+) =/.exec(l)?.[1]).filter((n): n is string => !!n);
    const upper = new Set(keys.map((k) => k.toUpperCase()));
    expect(used.filter((u) => !upper.has(u.toUpperCase()))).toEqual([]);
  });

  test('the pool negotiator started without runtime configuration: a set is refused, typed, saying why', async () => {
    const admin = new RemoteParam(await locate(DaemonTypes.Negotiator), { security: identity('admin') });
    const e = await admin.set(KNOB, '1').catch((x: unknown) => x);
    const started = Number((await locate(DaemonTypes.Negotiator)).get('DaemonStartTime'));
    const configured = statSync(join(env.root, 'etc/condor/config.d/60-htcondor-ts-daemon-tests.config')).mtimeMs / 1000;
    if (started > configured) {
      // Restarted since scripts/pool enabled it: the set works; undo it.
      expect(e).toBeUndefined();
      await admin.delete(KNOB);
    } else {
      expect(e).toBeInstanceOf(HTCondorAuthorizationError);
      expect(String((e as Error).message)).toMatch(/ENABLE_RUNTIME_CONFIG/);
    }
  });
});

describe('RemoteParam.set, delete and sendCommand(Reconfig) on a daemon with runtime configuration', () => {
  let second: SecondCollector;
  let ad: ClassAd;
  const tool = (name: string): string => {
    const out = oracle(['condor_config_val', '-address', `<${second.address}>`, name]).trim();
    return out.startsWith('Not defined') ? '<not defined>' : out;
  };

  beforeAll(async () => {
    second = await startSecondCollector();
    ad = await new Collector(second.address).locate(DaemonTypes.Collector);
  });
  afterAll(async () => {
    await second?.stop();
  });

  test('set, then Reconfig: condor_config_val reads it; delete, then Reconfig: not defined again', async () => {
    const admin = new RemoteParam(ad, { security: identity('admin') });
    expect(tool(KNOB)).toBe('<not defined>');
    await admin.set(KNOB, 'hello from htcondor-ts');
    const before = second.log().split('\n').length;
    await sendCommand(ad, DaemonCommands.Reconfig, undefined, { security: identity('admin') });
    await waitFor('the reconfig in the collector log', () => (second.log().split('\n').slice(before - 1).some((l) => /command 60012 \(DC_RECONFIG_FULL\)/.test(l)) ? true : undefined), 20_000);
    await waitFor(`${KNOB} visible to condor_config_val`, () => (tool(KNOB) === 'hello from htcondor-ts' ? true : undefined), 20_000);
    admin.refresh();
    expect(await admin.get(KNOB)).toBe('hello from htcondor-ts');
    expect(await admin.keys()).toContain(KNOB);

    await admin.delete(KNOB);
    await sendCommand(ad, DaemonCommands.Reconfig, undefined, { security: identity('admin') });
    await waitFor(`${KNOB} gone`, () => (tool(KNOB) === '<not defined>' ? true : undefined), 20_000);
    admin.refresh();
    expect(await admin.get(KNOB)).toBeUndefined();
  });

  test('alice (not an administrator) may not set: HTCondorAuthorizationError, and nothing changes', async () => {
    const alice = new RemoteParam(ad, { security: identity('alice') });
    await expect(alice.set(KNOB, 'from alice')).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    await sendCommand(ad, DaemonCommands.Reconfig, undefined, { security: identity('admin') });
    await new Promise((r) => setTimeout(r, 1000));
    expect(tool(KNOB)).toBe('<not defined>');
  });

  test('a knob outside SETTABLE_ATTRS is refused even to an administrator', async () => {
    const admin = new RemoteParam(ad, { security: identity('admin') });
    await expect(admin.set('COLLECTOR_NAME', 'renamed')).rejects.toBeInstanceOf(HTCondorAuthorizationError);
  });

  test('names and values are checked before anything is sent', async () => {
    const admin = new RemoteParam(ad, { security: identity('admin') });
    await expect(admin.set('NOT A NAME', 'x')).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(admin.set(KNOB, 'two\nlines')).rejects.toBeInstanceOf(HTCondorValueError);
  });
});

describe('sendCommand and sendAlive on the pool', () => {
  // A negotiator re-reading its configuration logs its settings again (Matchmaker::reinitialize), e.g.
  // "ACCOUNTANT_HOST = None (local)"; DC_RECONFIG_FULL is not a signal, so there is no "Got SIGHUP".
  const reconfigured = (l: string): boolean => l.includes('ACCOUNTANT_HOST = ');

  test('sendCommand(Reconfig) to the negotiator shows in its log', async () => {
    const file = join(logDir, 'NegotiatorLog');
    const before = logLines(file).length;
    await sendCommand(await locate(DaemonTypes.Negotiator), DaemonCommands.Reconfig, undefined, { security: identity('admin') });
    await waitFor('the reconfig in NegotiatorLog', () => (logLines(file).slice(before - 1).some(reconfigured) ? true : undefined), 20_000);
  });

  test('alice may not reconfigure a daemon: HTCondorAuthorizationError, and the log shows no reconfig', async () => {
    const file = join(logDir, 'NegotiatorLog');
    const before = logLines(file).length;
    await expect(sendCommand(await locate(DaemonTypes.Negotiator), DaemonCommands.Reconfig, undefined, { security: identity('alice') })).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    await new Promise((r) => setTimeout(r, 1000));
    expect(logLines(file).slice(before - 1).some(reconfigured)).toBe(false);
  });

  test('commands that act on one of a master\'s daemons need a target', async () => {
    await expect(sendCommand(await locate(DaemonTypes.Master), DaemonCommands.DaemonOff)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(sendCommand(await locate(DaemonTypes.Master), 12345 as DaemonCommands)).rejects.toBeInstanceOf(HTCondorValueError);
  });

  test('sendAlive reaches the master (which logs that it does not know the pid); alice is refused', async () => {
    const master = await locate(DaemonTypes.Master);
    const file = join(logDir, 'MasterLog');
    const before = logLines(file).length;
    const pid = 4_000_000 + (process.pid % 100_000);
    await sendAlive(master, { pid, timeout: 60, security: identity('admin') });
    await waitFor('the alive message in MasterLog', () => (logLines(file).slice(before - 1).some((l) => l.includes(`unknown pid ${pid}`)) ? true : undefined), 20_000);
    await expect(sendAlive(master, { pid, security: identity('alice') })).rejects.toBeInstanceOf(HTCondorAuthorizationError);
  });
});
