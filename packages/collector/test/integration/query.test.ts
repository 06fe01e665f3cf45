// Collector.query against the real pool, compared with `condor_status -json` attribute for attribute.
import { ClassAd } from '@htcondor-ts/classad';
import { AdTypes, DaemonTypes, HTCondorLocateError } from '@htcondor-ts/core';
import { Collector } from '@htcondor-ts/collector';
import { diffAds, ourJson, type JsonAd } from '../../../../test/support/compare.js';
import { oracle, poolEnv } from '../../../../test/support/pool.js';

const key = (a: JsonAd): string => `${String(a.MyType)}/${String(a.Name)}`;

async function snapshot(c: Collector, adType: AdTypes, constraint = '', projection: string[] = []): Promise<Map<string, JsonAd>> {
  const ads = await c.query(adType, constraint, projection);
  return new Map(ads.map((ad) => { const j = ourJson(ad); return [key(j), j]; }));
}

function oracleAds(args: string[]): JsonAd[] {
  const out = oracle(['condor_status', '-json', ...args]).trim();
  return out ? (JSON.parse(out) as JsonAd[]) : [];
}

function expectSameAds(oracleList: JsonAd[], before: Map<string, JsonAd>, after: Map<string, JsonAd>): void {
  const ours = new Map([...before.keys(), ...after.keys()].map((k) => [k, true]));
  expect([...ours.keys()].sort()).toEqual(oracleList.map(key).sort());
  for (const o of oracleList) {
    const k = key(o);
    const d = diffAds(o, before.get(k) ?? after.get(k)!, [after.get(k) ?? {}]);
    expect({ ad: k, diffs: d }).toEqual({ ad: k, diffs: [] });
  }
}

describe('Collector.query on the real pool', () => {
  const c = new Collector(poolEnv().collector);

  test('every ad of every type equals condor_status -any -json', async () => {
    const before = await snapshot(c, AdTypes.Any);
    const o = oracleAds(['-any']);
    const after = await snapshot(c, AdTypes.Any);
    expect(o.length).toBeGreaterThanOrEqual(7);
    expectSameAds(o, before, after);
  });

  test.each([
    ['Startd', AdTypes.Startd, 'Machine'],
    ['Slot', AdTypes.Slot, 'Machine'],
    ['StartDaemon', AdTypes.StartDaemon, 'StartD'],
    ['Schedd', AdTypes.Schedd, 'Scheduler'],
    ['Master', AdTypes.Master, 'DaemonMaster'],
    // The collector refreshes its own ad for QUERY_COLLECTOR_ADS, so compare with the tool that sends that command.
    ['Collector', AdTypes.Collector, '-collector'],
    ['Negotiator', AdTypes.Negotiator, 'Negotiator'],
    ['Accounting', AdTypes.Accounting, 'Accounting'],
    ['Credd', AdTypes.Credd, 'CredD'],
  ] as const)('AdTypes.%s gives the same ads as condor_status (%s)', async (_n, adType, myType) => {
    const before = await snapshot(c, adType);
    const o = oracleAds(myType.startsWith('-') ? [myType] : ['-any', '-constraint', `MyType == "${myType}"`]);
    const after = await snapshot(c, adType);
    expect(o.length).toBeGreaterThan(0);
    expectSameAds(o, before, after);
  });

  test('every other ad type gives what the Python bindings give (names, possibly none)', async () => {
    const types = ['Generic', 'Defrag', 'Grid', 'HAD', 'License', 'Submitter'] as const;
    const code = `import htcondor, json\nc = htcondor.Collector("${poolEnv().collector}")\nprint(json.dumps({t: sorted(str(a.get("Name")) for a in c.query(getattr(htcondor.AdTypes, t))) for t in ${JSON.stringify(types)}}))`;
    const expected = JSON.parse(oracle(['python3', '-c', code])) as Record<string, string[]>;
    for (const t of types) {
      const ours = (await c.query(AdTypes[t])).map((a) => String(a.get('Name'))).sort();
      expect({ type: t, names: ours }).toEqual({ type: t, names: expected[t] });
    }
  });

  test('with a constraint and with a projection', async () => {
    const constraint = 'Cpus >= 1 && regexp("^slot", Name)';
    const before = await snapshot(c, AdTypes.Startd, constraint);
    const o = oracleAds(['-constraint', constraint]);
    const after = await snapshot(c, AdTypes.Startd, constraint);
    expect(o.length).toBeGreaterThan(0);
    expectSameAds(o, before, after);

    const proj = ['Name', 'MyType', 'Cpus', 'Memory', 'State'];
    const ads = await c.query(AdTypes.Startd, '', proj);
    const op = oracleAds(['-attributes', proj.join(',')]);
    expect(ads.length).toBe(op.length);
    for (const ad of ads) expect([...ad.keys()].every((k) => proj.includes(k))).toBe(true);
    expectSameAds(op, new Map(ads.map((a) => [key(ourJson(a)), ourJson(a)])), new Map());
  });

  test('a constraint that matches nothing returns no ads; a bad one is a typed parse error', async () => {
    expect(await c.query(AdTypes.Startd, 'false')).toEqual([]);
    await expect(c.query(AdTypes.Startd, 'Cpus >= ')).rejects.toThrow(/not a valid ClassAd expression/);
  });

  test('locate and locateAll find the schedd through the collector', async () => {
    const ad = await c.locate(DaemonTypes.Schedd);
    expect(ad).toBeInstanceOf(ClassAd);
    const addr = ad.get('MyAddress');
    expect(String(addr)).toMatch(/^<127\.0\.0\.1:9618\?.*sock=schedd_/);
    expect(String(addr)).toBe(oracle(['condor_status', '-schedd', '-af', 'MyAddress']).trim());
    // As the Python bindings: locate() gives the daemon's whole ad, locateAll() the location attributes only.
    expect(ad.get('MyType')).toBe('Scheduler');
    const named = await c.locate(DaemonTypes.Schedd, String(ad.get('Name')));
    expect(named.get('MyAddress')).toBe(addr);
    const all = await c.locateAll(DaemonTypes.Startd);
    expect(all.map((a) => a.get('Name')).sort()).toEqual(oracle(['condor_status', '-af', 'Name']).trim().split('\n').sort());
    await expect(c.locate(DaemonTypes.Schedd, 'no-such-schedd')).rejects.toThrow(HTCondorLocateError);
  });

  test('streaming: leaving the loop early closes the query', async () => {
    let n = 0;
    for await (const ad of c.queryStream(AdTypes.Any)) {
      expect(ad.get('MyType')).toBeDefined();
      if (++n === 2) break;
    }
    expect(n).toBe(2);
  });
});
