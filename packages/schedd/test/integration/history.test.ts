// Schedd.history against the real pool (QUERY_SCHEDD_HISTORY, answered by the schedd's condor_history helper): the
// records equal `condor_history -json` for the same constraint and projection, attribute for attribute.
import { ClassAd } from '@htcondor-ts/classad';
import { HTCondorAbortError, JobAction } from '@htcondor-ts/core';
import type { Schedd } from '@htcondor-ts/schedd';
import { diffAds, ourJson } from '../../../../test/support/compare.js';
import { cleanup, condorHistory, scheddAs, submitAsAlice, waitFor } from './helpers.js';

const id = (a: Record<string, unknown>): string => `${String(a.ClusterId)}.${String(a.ProcId)}`;

describe('Schedd.history on the real pool', () => {
  const clusters: number[] = [];
  let alice: Schedd;
  let c: number;

  beforeAll(async () => {
    alice = await scheddAs('alice');
    // Held jobs removed at once reach the history without running.
    c = submitAsAlice(['executable = /bin/sleep', 'arguments = 600', 'hold = true', '+HtcTsTest = "history"', 'queue 4']);
    clusters.push(c);
    await alice.act(JobAction.Remove, `ClusterId == ${c}`, 'to history');
    await waitFor('the removed jobs in the history', () => (condorHistory(['-constraint', `ClusterId == ${c}`]).length === 4 ? true : undefined), 60_000);
  });
  afterAll(() => cleanup(clusters));

  const collect = async (it: AsyncIterable<ClassAd>): Promise<ClassAd[]> => {
    const out: ClassAd[] = [];
    for await (const ad of it) out.push(ad);
    return out;
  };

  test('full records equal condor_history -json, attribute for attribute, newest first', async () => {
    const ours = await collect(alice.history(`ClusterId == ${c}`));
    const oracle = condorHistory(['-constraint', `ClusterId == ${c}`]);
    expect(ours.map((a) => id(ourJson(a)))).toEqual(oracle.map(id));
    for (const o of oracle) {
      const mine = ourJson(ours.find((a) => id(ourJson(a)) === id(o))!);
      expect({ job: id(o), diffs: diffAds(o, mine) }).toEqual({ job: id(o), diffs: [] });
    }
  });

  test('a projection, a match limit and since equal condor_history\'s', async () => {
    const proj = ['ClusterId', 'ProcId', 'Owner', 'JobStatus', 'RemoveReason'];
    const ours = (await collect(alice.history(`ClusterId == ${c}`, proj))).map(ourJson);
    const oracle = condorHistory(['-constraint', `ClusterId == ${c}`, '-attributes', proj.join(',')]);
    expect(ours).toHaveLength(4);
    for (const [i, o] of oracle.entries()) expect(diffAds(o, ours[i]!)).toEqual([]);
    expect(ours[0]).toMatchObject({ Owner: 'alice', JobStatus: 3, RemoveReason: 'to history (by user alice)' });

    const two = (await collect(alice.history(`ClusterId == ${c}`, ['ProcId'], 2))).map(ourJson);
    expect(two.map((a) => a.ProcId)).toEqual(condorHistory(['-constraint', `ClusterId == ${c}`, '-attributes', 'ProcId', '-limit', '2']).map((a) => a.ProcId));

    // Newest first, stopping before the record that makes `since` true.
    const newestFirst = oracle.map((a) => a.ProcId as number);
    const stop = newestFirst[2]!;
    const since = (await collect(alice.history(`ClusterId == ${c}`, ['ProcId'], -1, `${c}.${stop}`))).map((a) => Number(a.get('ProcId')));
    expect(since).toEqual(newestFirst.slice(0, 2));
    // `since` is tested against every record the helper scans, newest first, not only the matching ones: name the
    // cluster too, or a newer record of another test's job with that ProcId would stop the scan early.
    const sinceExpr = (await collect(alice.history(`ClusterId == ${c}`, ['ProcId'], -1, `ClusterId == ${c} && ProcId == ${stop}`))).map((a) => Number(a.get('ProcId')));
    expect(sinceExpr).toEqual(since);
  });

  test('leaving the loop early closes the stream; an AbortSignal cancels it', async () => {
    let n = 0;
    for await (const ad of alice.history(`ClusterId == ${c}`, ['ProcId'])) {
      expect(ad.get('ProcId')).toBeDefined();
      if (++n === 1) break;
    }
    expect(n).toBe(1);
    const ac = new AbortController();
    ac.abort();
    await expect(collect(alice.history(null, [], -1, null, { signal: ac.signal }))).rejects.toThrow(HTCondorAbortError);
  });
});
