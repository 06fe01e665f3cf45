// QueryIterator and poll() over synthetic ad sources: order, bounded buffering, errors, early close.
import { ClassAd } from '@htcondor-ts/classad';
import { HTCondorIOError, HTCondorTimeoutError } from '@htcondor-ts/core';
import { poll } from './poll.js';
import { QueryIterator } from './query-iterator.js';

function source(n: number, opts: { delayEvery?: number; failAt?: number; pulled?: { count: number } } = {}): AsyncGenerator<ClassAd, void, undefined> {
  return (async function* () {
    for (let i = 0; i < n; i++) {
      if (opts.failAt === i) throw new HTCondorIOError('connection lost');
      if (opts.delayEvery && i % opts.delayEvery === 0) await new Promise((r) => setTimeout(r, 1));
      if (opts.pulled) opts.pulled.count++;
      yield new ClassAd({ ProcId: i });
    }
  })();
}

const ids = (ads: ClassAd[]): number[] => ads.map((a) => Number(a.get('ProcId')));

describe('QueryIterator', () => {
  test('for await reads straight through; done() afterwards', async () => {
    const it = new QueryIterator(source(5), 't');
    const got: ClassAd[] = [];
    for await (const ad of it) got.push(ad);
    expect(ids(got)).toEqual([0, 1, 2, 3, 4]);
    expect(it.done()).toBe(true);
    expect(it.tag()).toBe('t');
  });

  test('the background reader stops at its high-water mark until the caller drains', async () => {
    const pulled = { count: 0 };
    const it = new QueryIterator(source(5000, { pulled }), 't');
    await it.watch();
    await new Promise((r) => setTimeout(r, 20));
    expect(pulled.count).toBeLessThanOrEqual(1025);
    const first = it.nextAdsNonBlocking();
    expect(first.length).toBeGreaterThan(0);
    const rest: ClassAd[] = [];
    for await (const ad of it) rest.push(ad);
    expect(ids([...first, ...rest])).toEqual([...Array(5000).keys()]);
  });

  test('an error reaches the caller after the ads before it', async () => {
    const it = new QueryIterator(source(10, { failAt: 6 }), 't');
    const got: ClassAd[] = [];
    await it.watch();
    await new Promise((r) => setTimeout(r, 5));
    got.push(...it.nextAdsNonBlocking());
    expect(ids(got)).toEqual([0, 1, 2, 3, 4, 5]);
    expect(() => it.nextAdsNonBlocking()).toThrow(/connection lost/);
  });

  test('return() closes the source and drops what was buffered', async () => {
    let closed = false;
    const src = (async function* () {
      try {
        for (let i = 0; ; i++) yield new ClassAd({ ProcId: i });
      } finally {
        closed = true;
      }
    })();
    const it = new QueryIterator(src, 't');
    await it.next();
    await it.return();
    expect(closed).toBe(true);
    expect(it.done()).toBe(true);
    expect(await it.next()).toEqual({ done: true, value: undefined });
  });
});

describe('poll', () => {
  test('yields ready iterators until every one is done', async () => {
    const its = [new QueryIterator(source(50, { delayEvery: 7 }), 'a'), new QueryIterator(source(0), 'b'), new QueryIterator(source(30, { delayEvery: 3 }), 'c')];
    const got = new Map<string, number[]>([['a', []], ['b', []], ['c', []]]);
    for await (const q of poll(its, 1000)) got.get(q.tag())!.push(...ids(q.nextAdsNonBlocking()));
    expect(got.get('a')).toEqual([...Array(50).keys()]);
    expect(got.get('b')).toEqual([]);
    expect(got.get('c')).toEqual([...Array(30).keys()]);
  });

  test('times out with HTCondorTimeoutError', async () => {
    const slow = new QueryIterator(
      (async function* () {
        await new Promise((r) => setTimeout(r, 100));
      })(),
      's',
    );
    await expect(poll([slow], 10).next()).rejects.toThrow(HTCondorTimeoutError);
  });
});
