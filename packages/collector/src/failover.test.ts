import { HTCondorAuthorizationError, HTCondorIOError, parseSinful, type Sinful } from '@htcondor-ts/core';
import { staggeredRace } from './failover.js';

const addrs = (n: number): Sinful[] => Array.from({ length: n }, (_, i) => parseSinful(`127.0.0.1:${9000 + i}`));

type Behaviour = { ok: boolean; afterMs: number; error?: Error };

/** An attempt that settles after a delay, and records when it started and whether it was aborted. */
function scripted(plan: Behaviour[]) {
  const t0 = Date.now();
  const log: Array<{ i: number; startedAt: number; aborted: boolean }> = [];
  const attempt = (a: Sinful, signal: AbortSignal): Promise<string> => {
    const i = a.port - 9000;
    const entry = { i, startedAt: Date.now() - t0, aborted: false };
    log.push(entry);
    const b = plan[i]!;
    return new Promise((resolve, reject) => {
      const t = setTimeout(() => (b.ok ? resolve(`from ${i}`) : reject(b.error ?? new HTCondorIOError(`refused ${i}`))), b.afterMs);
      signal.addEventListener('abort', () => {
        entry.aborted = true;
        clearTimeout(t);
        reject(new HTCondorIOError('aborted'));
      });
    });
  };
  return { attempt, log };
}

describe('staggeredRace', () => {
  test('the first collector answers: the others are never tried', async () => {
    const { attempt, log } = scripted([{ ok: true, afterMs: 5 }, { ok: true, afterMs: 5 }]);
    const r = await staggeredRace(addrs(2), attempt, () => undefined, { staggerMs: 200 });
    expect(r.value).toBe('from 0');
    expect(log.map((l) => l.i)).toEqual([0]);
  });

  test('a silent first collector: the second starts after the stagger, wins, and the first is aborted', async () => {
    const { attempt, log } = scripted([{ ok: true, afterMs: 10_000 }, { ok: true, afterMs: 5 }]);
    const t = Date.now();
    const r = await staggeredRace(addrs(2), attempt, () => undefined, { staggerMs: 50 });
    expect(r.value).toBe('from 1');
    expect(Date.now() - t).toBeLessThan(1000);
    expect(log[1]!.startedAt).toBeGreaterThanOrEqual(45);
    expect(log[0]!.aborted).toBe(true);
  });

  test('a refusing first collector: the next starts at once, without waiting for the stagger', async () => {
    const { attempt, log } = scripted([{ ok: false, afterMs: 1 }, { ok: true, afterMs: 1 }]);
    const r = await staggeredRace(addrs(2), attempt, () => undefined, { staggerMs: 5_000 });
    expect(r.value).toBe('from 1');
    expect(log[1]!.startedAt).toBeLessThan(1000);
  });

  test('a late second success is discarded', async () => {
    const discarded: string[] = [];
    const { attempt } = scripted([{ ok: true, afterMs: 40 }, { ok: true, afterMs: 30 }]);
    const noAbort = (a: Sinful): Promise<string> => attempt(a, new AbortController().signal);
    const r = await staggeredRace(addrs(2), noAbort, (v) => discarded.push(v), { staggerMs: 20 });
    expect(r.value).toBe('from 0');
    await new Promise((res) => setTimeout(res, 60));
    expect(discarded).toEqual(['from 1']);
  });

  test('every collector failing is one HTCondorIOError naming each', async () => {
    const { attempt } = scripted([{ ok: false, afterMs: 1 }, { ok: false, afterMs: 1 }]);
    const e = await staggeredRace(addrs(2), attempt, () => undefined, { staggerMs: 10 }).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorIOError);
    expect(String(e)).toMatch(/127\.0\.0\.1:9000: refused 0; .*127\.0\.0\.1:9001: refused 1/);
  });

  test('an authorization error ends the race at once (another collector would say the same)', async () => {
    const { attempt, log } = scripted([{ ok: false, afterMs: 1, error: new HTCondorAuthorizationError('no') }, { ok: true, afterMs: 1 }]);
    await expect(staggeredRace(addrs(2), attempt, () => undefined, { staggerMs: 5_000 })).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    expect(log).toHaveLength(1);
  });

  test('the caller aborting cancels every attempt', async () => {
    const { attempt, log } = scripted([{ ok: true, afterMs: 10_000 }, { ok: true, afterMs: 10_000 }]);
    const c = new AbortController();
    setTimeout(() => c.abort(), 80);
    await expect(staggeredRace(addrs(2), attempt, () => undefined, { staggerMs: 20, signal: c.signal })).rejects.toBeInstanceOf(HTCondorIOError);
    expect(log.every((l) => l.aborted)).toBe(true);
  });
});
