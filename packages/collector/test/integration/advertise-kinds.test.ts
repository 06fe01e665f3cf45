// Every UPDATE_* / INVALIDATE_* pair the bindings accept, against a private collector (second-collector.ts), checked
// with condor_status -pool: ad types the pool's own daemons act on (slots, schedds, submitters) are safe there, and
// other tests running meanwhile never see these ads. advertise.test.ts does the same on the real pool for harmless
// ad types.
import { ClassAd, parseExpression } from '@htcondor-ts/classad';
import { Collector, type AdvertiseCommand } from '@htcondor-ts/collector';
import { oracle } from '../../../../test/support/pool.js';
import { identity, waitFor } from '../../../daemon/test/integration/helpers.js';
import { startSecondCollector, type SecondCollector } from '../../../daemon/test/integration/second-collector.js';

// [update, invalidate, MyType]
const KINDS: ReadonlyArray<readonly [AdvertiseCommand, AdvertiseCommand, string]> = [
  ['UPDATE_STARTD_AD', 'INVALIDATE_STARTD_ADS', 'Machine'],
  ['UPDATE_SCHEDD_AD', 'INVALIDATE_SCHEDD_ADS', 'Scheduler'],
  ['UPDATE_SUBMITTOR_AD', 'INVALIDATE_SUBMITTOR_ADS', 'Submitter'],
  ['UPDATE_MASTER_AD', 'INVALIDATE_MASTER_ADS', 'DaemonMaster'],
  ['UPDATE_NEGOTIATOR_AD', 'INVALIDATE_NEGOTIATOR_ADS', 'Negotiator'],
  ['UPDATE_COLLECTOR_AD', 'INVALIDATE_COLLECTOR_ADS', 'Collector'],
  ['UPDATE_LICENSE_AD', 'INVALIDATE_LICENSE_ADS', 'License'],
  ['UPDATE_STORAGE_AD', 'INVALIDATE_STORAGE_ADS', 'Storage'],
  ['UPDATE_HAD_AD', 'INVALIDATE_HAD_ADS', 'HAD'],
  ['UPDATE_ACCOUNTING_AD', 'INVALIDATE_ACCOUNTING_ADS', 'Accounting'],
  ['UPDATE_GRID_AD', 'INVALIDATE_GRID_ADS', 'Grid'],
  ['UPDATE_CKPT_SRVR_AD', 'INVALIDATE_CKPT_SRVR_ADS', 'CkptServer'],
  ['UPDATE_AD_GENERIC', 'INVALIDATE_ADS_GENERIC', 'HtctsTestAd'],
];

describe('advertise: every update and invalidate command (private collector)', () => {
  let second: SecondCollector;
  let admin: Collector;

  const status = (constraint: string, attrs = ['Name']): string[] =>
    oracle(['condor_status', '-pool', second.address, '-any', '-constraint', constraint, '-af', ...attrs]).split('\n').filter(Boolean).sort();

  /** Every attribute a hash key of any table may need (hashkey.cpp). */
  const ad = (myType: string, name: string, extra: Record<string, string | number> = {}): ClassAd =>
    new ClassAd({
      MyType: myType, Name: name, Machine: `${name}.invalid`, MyAddress: '<127.0.0.1:1>', ScheddName: 'htcts-schedd', ScheddIpAddr: '<127.0.0.1:1>',
      NegotiatorName: 'htcts-negotiator', HashName: name, Owner: 'htcts', ...extra,
    });

  const invalidation = (targetType: string, constraint: string): ClassAd => {
    const q = new ClassAd({ MyType: 'Query', TargetType: targetType });
    q.insert('Requirements', parseExpression(constraint));
    return q;
  };

  beforeAll(async () => {
    second = await startSecondCollector();
    admin = new Collector(second.address, { security: identity('admin') });
  });
  afterAll(async () => {
    await second?.stop();
  });

  test.each(KINDS)('%s puts the ads, condor_status shows them, %s removes them', async (upd, inv, myType) => {
    const [a, b] = [`htcts-${myType}-a`, `htcts-${myType}-b`];
    const mine = `MyType == ${JSON.stringify(myType)} && HtctsValue =!= undefined`;
    await admin.advertise([ad(myType, a, { HtctsValue: 1 }), ad(myType, b, { HtctsValue: 2 })], upd);
    await waitFor(`two ${myType} ads`, () => (status(mine).join() === [a, b].join() ? true : undefined), 20_000);
    await admin.advertise([invalidation(myType, `Name == "${a}"`)], inv);
    await waitFor(`${a} gone`, () => (status(mine).join() === b ? true : undefined), 20_000);
    await admin.advertise([invalidation(myType, `Name == "${b}"`)], inv);
    await waitFor(`every ${myType} ad of this test gone`, () => (status(mine).length === 0 ? true : undefined), 20_000);
  });

  test('MERGE_STARTD_AD adds attributes to a startd ad already there', async () => {
    await admin.advertise([ad('Machine', 'htcts-merge', { HtctsValue: 1 })], 'UPDATE_STARTD_AD');
    await waitFor('the slot', () => (status('Name == "htcts-merge"').length === 1 ? true : undefined), 20_000);
    await admin.advertise([new ClassAd({ MyType: 'Machine', Name: 'htcts-merge', MyAddress: '<127.0.0.1:1>', HtctsMerged: 7 })], 'MERGE_STARTD_AD');
    await waitFor('the merged attribute', () => (status('Name == "htcts-merge"', ['HtctsValue', 'HtctsMerged']).join() === '1 7' ? true : undefined), 20_000);
    await admin.advertise([invalidation('Machine', 'Name == "htcts-merge"')], 'INVALIDATE_STARTD_ADS');
  });
});
