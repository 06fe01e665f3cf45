// Schedd.query / xquery against the real pool: the schedd is located through the collector and reached through the
// shared port; the job ads equal `condor_q -json` for jobs submitted in this test, attribute for attribute.
import { ClassAd } from '@htcondor-ts/classad';
import { Collector } from '@htcondor-ts/collector';
import { DaemonTypes, HTCondorAbortError, QueryOpts } from '@htcondor-ts/core';
import { Schedd } from '@htcondor-ts/schedd';
import { diffAds, ourJson, type JsonAd } from '../../../../test/support/compare.js';
import { oracle, poolEnv } from '../../../../test/support/pool.js';

function submitAsAlice(lines: string[]): number {
  const out = oracle(['bash', '-c', `cd /tmp && runuser -u alice -- condor_submit -terse`], { input: lines.join('\n') + '\n' });
  const m = /^(\d+)\.\d+ - \d+\.\d+/m.exec(out);
  if (!m) throw new Error(`unexpected condor_submit output: ${out}`);
  return Number(m[1]);
}

function condorQ(args: string[]): JsonAd[] {
  const out = oracle(['condor_q', '-allusers', '-json', ...args]).trim();
  return out ? (JSON.parse(out) as JsonAd[]) : [];
}

const id = (a: JsonAd): string => `${String(a.ClusterId)}.${String(a.ProcId)}`;

describe('Schedd queries on the real pool', () => {
  const collector = new Collector(poolEnv().collector);
  let cluster: number;
  let schedd: Schedd;

  beforeAll(async () => {
    cluster = submitAsAlice(['executable = /bin/sleep', 'arguments = 600', 'hold = true', '+HtcTsTest = "query"', 'queue 5']);
    const ad = await collector.locate(DaemonTypes.Schedd);
    schedd = new Schedd(ad);
  });

  afterAll(() => {
    oracle(['condor_rm', String(cluster)]);
  });

  test('xquery of the test\'s jobs equals condor_q -json, attribute for attribute', async () => {
    const ours: ClassAd[] = [];
    for await (const ad of schedd.xquery(`ClusterId == ${cluster}`)) ours.push(ad);
    const o = condorQ([String(cluster)]);
    expect(o).toHaveLength(5);
    expect(ours.map((a) => id(ourJson(a))).sort()).toEqual(o.map(id).sort());
    for (const job of o) {
      const mine = ours.find((a) => id(ourJson(a)) === id(job))!;
      // xquery does not ask for ServerTime (as in the v1 bindings); condor_q does.
      const { ServerTime: _t, ...rest } = job;
      expect({ job: id(job), diffs: diffAds(rest, ourJson(mine)) }).toEqual({ job: id(job), diffs: [] });
    }
  });

  test('query() equals condor_q -json including ServerTime (the schedd clock, within seconds)', async () => {
    const ours = await schedd.query(`ClusterId == ${cluster}`);
    const o = condorQ([String(cluster)]);
    for (const job of o) {
      const mine = ourJson(ours.find((a) => id(ourJson(a)) === id(job))!);
      expect(Math.abs(Number(mine.ServerTime) - Number(job.ServerTime))).toBeLessThanOrEqual(5);
      mine.ServerTime = job.ServerTime;
      expect({ job: id(job), diffs: diffAds(job, mine) }).toEqual({ job: id(job), diffs: [] });
    }
  });

  test('query() adds ServerTime like the bindings; a projection and a limit are honoured', async () => {
    const all = await schedd.query(`ClusterId == ${cluster}`);
    expect(all).toHaveLength(5);
    for (const ad of all) expect(typeof ad.get('ServerTime')).toBe('bigint');
    const proj = await schedd.query(`ClusterId == ${cluster}`, ['ProcId', 'Owner', 'JobStatus']);
    const o = condorQ([String(cluster), '-attributes', 'ProcId,Owner,JobStatus']);
    for (const ad of proj) {
      const j = ourJson(ad);
      delete j.ServerTime;
      const match = o.find((x) => x.ProcId === j.ProcId)!;
      expect(diffAds(match, j)).toEqual([]);
      expect(j).toMatchObject({ Owner: 'alice', JobStatus: 5 });
    }
    expect(await schedd.query(`ClusterId == ${cluster}`, [], undefined, 2)).toHaveLength(2);
    const ids = await schedd.query(`ClusterId == ${cluster}`, ['ProcId'], (ad) => Number(ad.get('ProcId')));
    expect(ids.sort()).toEqual([0, 1, 2, 3, 4]);
  });

  test('the summary of the queue, as condor_q -totals counts it', async () => {
    // Other test files submit and remove held jobs at the same time: compare only when the queue held still
    // around our read (the oracle counted the same before and after).
    for (let attempt = 0; ; attempt++) {
      const before = condorQ(['-constraint', 'JobStatus == 5', '-attributes', 'ProcId']).length;
      const [summary] = await schedd.query('', [], undefined, -1, QueryOpts.SummaryOnly);
      const after = condorQ(['-constraint', 'JobStatus == 5', '-attributes', 'ProcId']).length;
      expect(summary!.get('MyType')).toBe('Summary');
      if (before !== after && attempt < 10) continue;
      expect(Number(summary!.get('AllusersHeld'))).toBe(after);
      break;
    }
  });

  test('leaving an xquery loop early closes it; an AbortSignal cancels a query with a typed error', async () => {
    let n = 0;
    for await (const ad of schedd.xquery(`ClusterId == ${cluster}`)) {
      expect(ad.get('ClusterId')).toBe(BigInt(cluster));
      if (++n === 1) break;
    }
    expect(n).toBe(1);
    const ac = new AbortController();
    ac.abort();
    await expect(schedd.query('true', [], undefined, -1, QueryOpts.Default, { signal: ac.signal })).rejects.toThrow(HTCondorAbortError);
  });

  test('a schedd given no location is found through the collector', async () => {
    const s = new Schedd(undefined, { collector });
    expect((await s.address()).sharedPortId).toMatch(/^schedd_/);
    expect(await s.query(`ClusterId == ${cluster}`, ['ProcId'])).toHaveLength(5);
  });
});
