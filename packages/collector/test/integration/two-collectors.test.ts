// Two real collectors: the pool's and a private second one (packages/daemon/test/integration/second-collector.ts).
// advertise reaches both; a query goes to the first that answers, and still answers when the first is gone.
import { ClassAd, parseExpression } from '@htcondor-ts/classad';
import { Collector } from '@htcondor-ts/collector';
import { AdTypes } from '@htcondor-ts/core';
import { env, identity, waitFor } from '../../../daemon/test/integration/helpers.js';
import { startSecondCollector, type SecondCollector } from '../../../daemon/test/integration/second-collector.js';

const NAME = `htcts-two-${process.pid}`;

async function has(address: string, name: string): Promise<boolean> {
  const ads = await new Collector(address).query(AdTypes.Any, `Name == ${JSON.stringify(name)}`, ['Name']);
  return ads.length > 0;
}

describe('a pool with two collectors', () => {
  let second: SecondCollector;
  let both: Collector;

  beforeAll(async () => {
    second = await startSecondCollector();
    both = new Collector([second.address, env.collector], { security: identity('admin'), failoverStaggerMs: 300 });
  });

  afterAll(async () => {
    const gone = new ClassAd({ MyType: 'Query', TargetType: 'HtctsTestAd' });
    gone.insert('Requirements', parseExpression(`Name == ${JSON.stringify(NAME)}`));
    await new Collector(env.collector, { security: identity('admin') }).advertise([gone], 'INVALIDATE_ADS_GENERIC').catch(() => undefined);
    await second?.stop();
  });

  test('advertise sends the ad to every collector; an invalidation removes it from every one', async () => {
    await both.advertise([new ClassAd({ MyType: 'HtctsTestAd', Name: NAME })]);
    await waitFor('the ad at both collectors', async () => ((await has(second.address, NAME)) && (await has(env.collector, NAME)) ? true : undefined), 20_000);
    const gone = new ClassAd({ MyType: 'Query', TargetType: 'HtctsTestAd' });
    gone.insert('Requirements', parseExpression(`Name == ${JSON.stringify(NAME)}`));
    await both.advertise([gone], 'INVALIDATE_ADS_GENERIC');
    await waitFor('the ad gone from both', async () => (!(await has(second.address, NAME)) && !(await has(env.collector, NAME)) ? true : undefined), 20_000);
  });

  test('the first collector that answers is the one asked; when it stops, the next one answers', async () => {
    const first = await both.query(AdTypes.Collector, '', ['Name']);
    expect(first.map((a) => a.get('Name'))).toEqual([second.name]);
    await second.stop();
    const after = await both.query(AdTypes.Collector, '', ['Name']);
    expect(after).toHaveLength(1);
    expect(after[0]!.get('Name')).not.toBe(second.name);
  });
});
