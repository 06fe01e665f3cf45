// The statistics argument of query (STATISTICS_TO_PUBLISH): the collector's own ad carries the extra statistics
// attributes, as condor_status -statistics shows them.
import { Collector } from '@htcondor-ts/collector';
import { AdTypes } from '@htcondor-ts/core';
import { oracle } from '../../../../test/support/pool.js';
import { env } from '../../../daemon/test/integration/helpers.js';

const names = (longForm: string): Set<string> =>
  new Set(longForm.split('\n').map((l) => /^(\w+) = /.exec(l)?.[1]).filter((n): n is string => !!n));

describe('Collector.query with statistics', () => {
  test('COLLECTOR:2 adds the attributes condor_status -statistics COLLECTOR:2 shows', async () => {
    const c = new Collector(env.collector);
    const plain = (await c.query(AdTypes.Collector))[0]!;
    const withStats = (await c.query(AdTypes.Collector, '', [], 'COLLECTOR:2'))[0]!;
    const oursExtra = [...withStats.keys()].filter((k) => !plain.has(k));
    const tool = names(oracle(['condor_status', '-collector', '-statistics', 'COLLECTOR:2', '-l']));
    const toolPlain = names(oracle(['condor_status', '-collector', '-l']));
    const toolExtra = [...tool].filter((k) => !toolPlain.has(k));
    expect(oursExtra.length).toBeGreaterThan(50);
    // The same extra attributes (the tool's set, allowing for a counter or two that appears between the calls).
    const missing = toolExtra.filter((k) => !withStats.has(k));
    expect(missing.length).toBeLessThanOrEqual(2);
  });
});
