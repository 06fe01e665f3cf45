// QueryIterator extras, poll(), concurrency and cancellation against the real pool.
import type { ClassAd } from '@htcondor-ts/classad';
import { HTCondorAbortError, HTCondorAuthenticationError, HTCondorNotSupportedError, HTCondorTimeoutError, JobAction } from '@htcondor-ts/core';
import { QueryIterator, Schedd, poll } from '@htcondor-ts/schedd';
import { cleanup, condorQ, scheddAd, scheddAs, submitAsAlice } from './helpers.js';

const JOBS = 300;

describe('query iterators, poll, concurrency and cancellation on the real pool', () => {
  const clusters: number[] = [];
  let alice: Schedd;
  let c: number;

  beforeAll(async () => {
    alice = await scheddAs('alice');
    c = submitAsAlice(['executable = /bin/sleep', 'arguments = 600', 'hold = true', '+HtcTsTest = "iterators"', `queue ${JOBS}`]);
    clusters.push(c);
  });
  afterAll(() => cleanup(clusters));

  test('nextAdsNonBlocking, tag, done and watch read every ad exactly once', async () => {
    const it = alice.xquery(`ClusterId == ${c}`, ['ClusterId', 'ProcId'], -1, 0, 'mine');
    expect(it).toBeInstanceOf(QueryIterator);
    expect(it.tag()).toBe('mine');
    expect(it.done()).toBe(false);
    const seen: number[] = [];
    while (!it.done()) {
      await it.watch();
      for (const ad of it.nextAdsNonBlocking()) seen.push(Number(ad.get('ProcId')));
    }
    // The schedd sends jobs in its own (hash) order.
    expect(seen.sort((a, b) => a - b)).toEqual([...Array(JOBS).keys()]);
    expect(it.nextAdsNonBlocking()).toEqual([]);
    // The default tag is the schedd's name.
    expect(alice.xquery(`ClusterId == ${c}`).tag()).toBe(condorQ([`${c}.0`, '-attributes', 'GlobalJobId'])[0]!.GlobalJobId!.toString().split('#')[0]);
  });

  test('mixing for-await and nextAdsNonBlocking keeps the order', async () => {
    const order = (await alice.query(`ClusterId == ${c}`, ['ProcId'])).map((a) => Number(a.get('ProcId')));
    expect(order).toHaveLength(JOBS);
    const it = alice.xquery(`ClusterId == ${c}`, ['ProcId']);
    const seen: number[] = [];
    const first = await it.next();
    seen.push(Number((first.value as ClassAd).get('ProcId')));
    await it.watch();
    for (const ad of it.nextAdsNonBlocking()) seen.push(Number(ad.get('ProcId')));
    for await (const ad of it) seen.push(Number(ad.get('ProcId')));
    expect(seen).toEqual(order);
    expect(it.done()).toBe(true);
  });

  test('leaving a loop early closes the connection (no socket left open)', async () => {
    const sockets = (): number => process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap').length;
    const settle = (): Promise<void> => new Promise((r) => setTimeout(r, 100));
    // Enough ads (~10 MB) that the schedd is still sending when we stop: otherwise it would finish and close first.
    const big = submitAsAlice(['executable = /bin/sleep', 'arguments = 600', 'hold = true', '+HtcTsTest = "iterators-big"', 'queue 4000']);
    clusters.push(big);
    await settle();
    const before = sockets();
    let n = 0;
    for await (const _ad of alice.xquery(`ClusterId == ${big}`)) {
      if (++n === 3) {
        expect(sockets()).toBe(before + 1);
        break;
      }
    }
    for await (const _ad of alice.history(null, [])) {
      expect(sockets()).toBe(before + 1);
      break;
    }
    await settle();
    expect(sockets()).toBe(before);
  });

  test('poll() hands back each iterator with ads ready until all are done', async () => {
    const tags = ['a', 'b', 'c'];
    const its = tags.map((t, i) => alice.xquery(`ClusterId == ${c} && ProcId % 3 == ${i}`, ['ProcId'], -1, 0, t));
    const got = new Map<string, number[]>(tags.map((t) => [t, []]));
    for await (const ready of poll(its, 10_000)) {
      for (const ad of ready.nextAdsNonBlocking()) got.get(ready.tag())!.push(Number(ad.get('ProcId')));
    }
    for (const [i, t] of tags.entries()) expect(got.get(t)!.sort((a, b) => a - b)).toEqual([...Array(JOBS).keys()].filter((p) => p % 3 === i));
    expect(its.every((q) => q.done())).toBe(true);
  });

  test('poll() times out with a typed error when nothing comes', async () => {
    const stuck = new QueryIterator(
      (async function* () {
        await new Promise((r) => setTimeout(r, 300));
      })(),
      'stuck',
    );
    await expect(poll([stuck], 50).next()).rejects.toThrow(HTCondorTimeoutError);
    await stuck.return();
  });

  test('200 concurrent queries from one process all succeed', async () => {
    const t0 = Date.now();
    const counts = await Promise.all(
      Array.from({ length: 200 }, (_, i) => alice.query(`ClusterId == ${c} && ProcId < ${1 + (i % 50)}`, ['ProcId']).then((ads) => ads.length)),
    );
    expect(counts).toEqual(Array.from({ length: 200 }, (_, i) => 1 + (i % 50)));
    // Reported in the test output as a figure, not asserted.
    console.log(`200 concurrent authenticated queries: ${Date.now() - t0} ms`);
  });

  test('an AbortSignal cancels a query in flight', async () => {
    const ac = new AbortController();
    const it = alice.xquery(`ClusterId == ${c}`, [], -1, 0, undefined, { signal: ac.signal });
    let n = 0;
    const run = (async () => {
      for await (const _ad of it) {
        if (++n === 5) ac.abort(new Error('enough'));
      }
    })();
    await expect(run).rejects.toThrow(HTCondorAbortError);
    expect(n).toBeGreaterThanOrEqual(5);
    expect(n).toBeLessThan(JOBS);
    // Aborted while waiting for the schedd's first answer.
    const ac2 = new AbortController();
    const q = alice.query('true', [], undefined, -1, 0, { signal: ac2.signal });
    setImmediate(() => ac2.abort());
    await expect(q).rejects.toThrow(HTCondorAbortError);
    // The Schedd is fine afterwards.
    expect(await alice.query(`ClusterId == ${c} && ProcId == 0`, ['ProcId'])).toHaveLength(1);
  });

  test('act and edit without a security context say that they need one', async () => {
    const anonymous = new Schedd(await scheddAd());
    await expect(anonymous.act(JobAction.Hold, [`${c}.0`])).rejects.toThrow(HTCondorAuthenticationError);
    await expect(anonymous.edit([`${c}.0`], 'A', '1')).rejects.toThrow(/needs an authenticated identity/);
  });

  test('reschedule() is accepted; refreshGSIProxy is not supported in 23.x', async () => {
    await expect(alice.reschedule()).resolves.toBeUndefined();
    await expect(alice.refreshGSIProxy(c, 0, '/tmp/x509up_u1000', -1)).rejects.toThrow(HTCondorNotSupportedError);
  });
});
