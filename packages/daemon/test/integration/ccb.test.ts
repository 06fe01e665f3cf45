// CCB: a daemon registered with a CCB broker is reached by reverse connection. The broker is a private collector,
// the daemon a private credd with CCB_ADDRESS pointing at it (second-collector.ts); the pool is not touched.
import { DaemonTypes, HTCondorIOError, parseSinful } from '@htcondor-ts/core';
import { Collector } from '@htcondor-ts/collector';
import { RemoteParam } from '@htcondor-ts/daemon';
import { reverseConnectTransport, splitCcbContact } from '../../src/node.js';
import { identity } from './helpers.js';
import { startCcbCredd, startSecondCollector, type CcbDaemon, type SecondCollector } from './second-collector.js';

describe('CCB reverse connections', () => {
  let broker: SecondCollector;
  let credd: CcbDaemon;

  beforeAll(async () => {
    broker = await startSecondCollector();
    credd = await startCcbCredd(broker);
  });
  afterAll(async () => {
    await credd?.stop();
    await broker?.stop();
  });

  test('splitCcbContact reads the broker address and id of a CCBID', () => {
    const c = splitCcbContact('127.0.0.1:9683?addrs=127.0.0.1-9683+[fd00--2]-9683&alias=vm#17');
    expect(c.id).toBe('17');
    expect(c.broker.port).toBe(9683);
    expect(() => splitCcbContact('no-id-here')).toThrow(/bad CCB contact/);
  });

  test('a command reaches the CCB daemon over the connection it opened back to us (its log shows the reversal)', async () => {
    const ad = await new Collector(broker.address).locate(DaemonTypes.Credd);
    const sinful = parseSinful(String(ad.get('MyAddress')));
    expect(sinful.ccbId).toMatch(/#\d+$/);
    const security = identity('admin');
    const rp = new RemoteParam(ad, { security, transport: reverseConnectTransport(sinful.ccbId!, { security, name: 'htcondor-ts ccb test' }) });
    expect(await rp.get('CREDD_NAME')).toBe(credd.name);
    expect(await rp.get('CCB_ADDRESS')).toBe(broker.address);
    const log = credd.log();
    expect(log).toMatch(/CCBListener::ReverseConnected/);
    expect(log).toMatch(/for command 60007 \(DC_CONFIG_VAL\) from condor@lab\.local htcondor-ts ccb test on .* with reverse connect address/);
  });

  test('a daemon client given a ccb option goes through CCB by itself for an address with a CCBID', async () => {
    const security = identity('admin');
    const before = (credd.log().match(/Return from Handler <CCBListener::ReverseConnected>/g) ?? []).length;
    const rp = new RemoteParam(await new Collector(broker.address).locate(DaemonTypes.Credd), {
      security,
      ccb: (contact) => reverseConnectTransport(contact, { security }),
    });
    expect(await rp.get('CREDD_NAME')).toBe(credd.name);
    expect((credd.log().match(/Return from Handler <CCBListener::ReverseConnected>/g) ?? []).length).toBe(before + 1);
  });

  test('an unknown CCB id: the broker says so, as a typed error', async () => {
    const ad = await new Collector(broker.address).locate(DaemonTypes.Credd);
    const contact = parseSinful(String(ad.get('MyAddress'))).ccbId!.replace(/#\d+$/, '#999999');
    const rp = new RemoteParam(ad, { security: identity('admin'), transport: reverseConnectTransport(contact, { security: identity('admin') }), timeoutMs: 10_000 });
    const e = await rp.get('CREDD_NAME').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorIOError);
    expect(String((e as Error).message)).toMatch(/CCB/);
  });
});
