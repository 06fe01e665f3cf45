// Collector.advertise against the real pool, checked with condor_status: ads appear, an INVALIDATE_* removes them.
// Only harmless ad types are advertised: no slot or schedd ads the negotiator would act on, and no master,
// collector or negotiator ads, which other tests running at the same time locate. Every ad this file creates is
// invalidated in afterAll.
import { ClassAd, parseExpression } from '@htcondor-ts/classad';
import { Collector } from '@htcondor-ts/collector';
import { HTCondorAuthorizationError, HTCondorNotSupportedError, HTCondorValueError } from '@htcondor-ts/core';
import { oracle } from '../../../../test/support/pool.js';
import { env, identity, waitFor } from '../../../daemon/test/integration/helpers.js';

const TAG = `htcts-adv-${process.pid}`;

/** Names of the ads of a MyType that condor_status lists. */
function names(myType: string): string[] {
  return oracle(['condor_status', '-any', '-constraint', `MyType == ${JSON.stringify(myType)}`, '-af', 'Name'])
    .split('\n')
    .filter((n) => n.startsWith(TAG))
    .sort();
}

function ad(myType: string, name: string, extra: Record<string, string | number> = {}): ClassAd {
  const a = new ClassAd({ MyType: myType, Name: name, Machine: 'htcts.invalid', MyAddress: '<127.0.0.1:1>', HtctsTag: TAG, ...extra });
  return a;
}

function invalidation(targetType: string, constraint: string): ClassAd {
  const q = new ClassAd({ MyType: 'Query', TargetType: targetType });
  q.insert('Requirements', parseExpression(constraint));
  return q;
}

// [update command, invalidate command, MyType]. Every other pair: advertise-kinds.test.ts, on a private collector
// (these ads show for a moment in what other tests of the pool query at the same time; keep the list short).
const KINDS = [
  ['UPDATE_AD_GENERIC', 'INVALIDATE_ADS_GENERIC', 'HtctsTestAd'],
] as const;

describe('Collector.advertise on the real pool', () => {
  const admin = new Collector(env.collector, { security: identity('admin') });
  const alice = new Collector(env.collector, { security: identity('alice') });

  afterAll(async () => {
    for (const [, inv, myType] of KINDS) {
      await admin.advertise([invalidation(myType, `HtctsTag == ${JSON.stringify(TAG)}`)], inv).catch(() => undefined);
    }
  });

  test.each(KINDS)('%s puts two ads (one connection) that condor_status shows; %s removes them one by one', async (upd, inv, myType) => {
    const a = `${TAG}-${myType}-a`;
    const b = `${TAG}-${myType}-b`;
    await admin.advertise([ad(myType, a, { HtctsValue: 1 }), ad(myType, b, { HtctsValue: 2 })], upd);
    await waitFor(`${a} and ${b} in condor_status`, () => (names(myType).join() === [a, b].join() ? true : undefined), 20_000);
    const values = oracle(['condor_status', '-any', '-constraint', `Name == "${b}"`, '-af', 'HtctsValue']).trim();
    expect(values).toBe('2');
    await admin.advertise([invalidation(myType, `Name == "${a}"`)], inv);
    await waitFor(`${a} gone`, () => (names(myType).join() === b ? true : undefined), 20_000);
    await admin.advertise([invalidation(myType, `Name == "${b}"`)], inv);
    await waitFor(`${b} gone`, () => (names(myType).length === 0 ? true : undefined), 20_000);
  });

  test('an update replaces the ad of the same name', async () => {
    const n = `${TAG}-replace`;
    await admin.advertise([ad('HtctsTestAd', n, { HtctsValue: 1 })]);
    await admin.advertise([ad('HtctsTestAd', n, { HtctsValue: 7 })]);
    await waitFor('the second value', () => (oracle(['condor_status', '-any', '-constraint', `Name == "${n}"`, '-af', 'HtctsValue']).trim() === '7' ? true : undefined), 20_000);
    expect(names('HtctsTestAd')).toEqual([n]);
    await admin.advertise([invalidation('HtctsTestAd', `Name == "${n}"`)], 'INVALIDATE_ADS_GENERIC');
    await waitFor('gone', () => (names('HtctsTestAd').length === 0 ? true : undefined), 20_000);
  });

  test('alice (no DAEMON authorization) is refused with HTCondorAuthorizationError, and no ad appears', async () => {
    await expect(alice.advertise([ad('HtctsTestAd', `${TAG}-alice`)])).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    await new Promise((r) => setTimeout(r, 1000));
    expect(names('HtctsTestAd')).toEqual([]);
  });

  test('commands the bindings refuse, and UDP, are refused before anything is sent', async () => {
    await expect(admin.advertise([ad('HtctsTestAd', 'x')], 'UPDATE_STARTD_AD_WITH_ACK' as never)).rejects.toBeInstanceOf(HTCondorNotSupportedError);
    await expect(admin.advertise([ad('HtctsTestAd', 'x')], 'QUERY_STARTD_ADS' as never)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(admin.advertise([ad('HtctsTestAd', 'x')], 'UPDATE_AD_GENERIC', false)).rejects.toBeInstanceOf(HTCondorNotSupportedError);
    await expect(admin.advertise([])).resolves.toBeUndefined();
  });
});
