// At scale (the acceptance: at least 1,000 jobs): query and history results equal condor_q -json and
// condor_history -json for the same constraint and projection, attribute for attribute.
import type { ClassAd } from '@htcondor-ts/classad';
import { JobAction } from '@htcondor-ts/core';
import type { Schedd } from '@htcondor-ts/schedd';
import { diffAds, ourJson, type JsonAd } from '../../../../test/support/compare.js';
import { cleanup, condorHistory, condorQ, scheddAs, submitAsAlice, waitFor } from './helpers.js';

const N = 1000;
const key = (a: JsonAd): string => `${String(a.ClusterId)}.${String(a.ProcId)}`;

function compareAll(oracle: JsonAd[], ours: JsonAd[], ignore: string[] = []): string[] {
  const mine = new Map(ours.map((a) => [key(a), a]));
  const problems: string[] = [];
  for (const o of oracle) {
    const m = mine.get(key(o));
    if (!m) {
      problems.push(`${key(o)} missing`);
      continue;
    }
    const oo = { ...o };
    for (const k of ignore) delete oo[k];
    for (const d of diffAds(oo, m)) problems.push(`${key(o)} ${d}`);
  }
  if (ours.length !== oracle.length) problems.push(`count: oracle ${oracle.length} ours ${ours.length}`);
  return problems;
}

describe(`${N} jobs on the real pool`, () => {
  const clusters: number[] = [];
  let alice: Schedd;
  let c: number;

  beforeAll(async () => {
    alice = await scheddAs('alice');
    c = submitAsAlice(['executable = /bin/sleep', 'arguments = 600', 'hold = true', '+HtcTsTest = "thousand"', 'arguments = $(Process)', `queue ${N}`]);
    clusters.push(c);
  }, 120_000);
  afterAll(() => cleanup(clusters));

  test('xquery and a 3-attribute projection equal condor_q -json for every job', async () => {
    const ours: ClassAd[] = [];
    for await (const ad of alice.xquery(`ClusterId == ${c}`)) ours.push(ad);
    const oracle = condorQ(['-constraint', `ClusterId == ${c}`]);
    expect(oracle).toHaveLength(N);
    // condor_q asks for ServerTime; xquery does not (as in the v1 bindings).
    expect(compareAll(oracle, ours.map(ourJson), ['ServerTime'])).toEqual([]);

    const proj = ['ClusterId', 'ProcId', 'Args'];
    const small = (await alice.query(`ClusterId == ${c}`, proj)).map(ourJson);
    for (const a of small) delete a.ServerTime;
    expect(compareAll(condorQ(['-constraint', `ClusterId == ${c}`, '-attributes', proj.join(',')]), small)).toEqual([]);
  }, 120_000);

  test('history of the removed jobs equals condor_history -json, full and projected', async () => {
    const r = await alice.act(JobAction.Remove, `ClusterId == ${c}`, 'thousand to history');
    expect(r.get('TotalSuccess')).toBe(BigInt(N));
    await waitFor(`${N} history records`, () => (condorHistory(['-constraint', `ClusterId == ${c}`, '-attributes', 'ProcId']).length === N ? true : undefined), 120_000);

    const t0 = Date.now();
    const ours: ClassAd[] = [];
    for await (const ad of alice.history(`ClusterId == ${c}`)) ours.push(ad);
    const ms = Date.now() - t0;
    const oracle = condorHistory(['-constraint', `ClusterId == ${c}`]);
    expect(oracle).toHaveLength(N);
    // Same records in the same (newest first) order, attribute for attribute.
    expect(ours.map((a) => key(ourJson(a)))).toEqual(oracle.map(key));
    expect(compareAll(oracle, ours.map(ourJson))).toEqual([]);
    console.log(`history of ${N} full records: ${ms} ms`);

    const proj = ['ClusterId', 'ProcId', 'RemoveReason', 'JobStatus'];
    const small: JsonAd[] = [];
    for await (const ad of alice.history(`ClusterId == ${c}`, proj)) small.push(ourJson(ad));
    expect(compareAll(condorHistory(['-constraint', `ClusterId == ${c}`, '-attributes', proj.join(',')]), small)).toEqual([]);
  }, 240_000);
});
