// Negotiator against the real pool, checked with condor_userprio. A made-up accounting principal carries the
// changes, and is deleted afterwards; resetAllUsage is undone by putting every principal's usage back.
import { DaemonTypes, HTCondorAuthorizationError, HTCondorValueError } from '@htcondor-ts/core';
import { Negotiator } from '@htcondor-ts/negotiator';
import { oracle } from '../../../../test/support/pool.js';
import { env, identity, locate, waitFor } from '../../../daemon/test/integration/helpers.js';

const USER = `htcts-nego-${process.pid}@${env.uidDomain}`;

/** condor_userprio -allusers -l, as one entry per principal (attribute -> raw value text). */
function userprio(): Map<string, Record<string, string>> {
  const flat = new Map<string, string>();
  for (const line of oracle(['condor_userprio', '-allusers', '-l']).split('\n')) {
    const m = /^(\w+?)(\d+) = (.*)$/.exec(line.trim());
    if (m) flat.set(`${m[2]}\t${m[1]}`, m[3]!);
  }
  const byIndex = new Map<string, Record<string, string>>();
  for (const [k, v] of flat) {
    const [i, attr] = k.split('\t') as [string, string];
    byIndex.set(i, { ...byIndex.get(i), [attr]: v });
  }
  const out = new Map<string, Record<string, string>>();
  for (const e of byIndex.values()) if (e.Name) out.set(JSON.parse(e.Name) as string, e);
  return out;
}

const entry = (u: string): Record<string, string> | undefined => userprio().get(u);
/** condor_userprio's Priority is the effective one: the real priority (what setPriority sets, decaying slowly) times the factor. */
const realPriority = (e: Record<string, string> | undefined): number => (e ? Number(e.Priority) / Number(e.PriorityFactor) : NaN);
const near = (a: number, b: number): boolean => Math.abs(a - b) < 0.05;

describe('Negotiator on the real pool', () => {
  let admin: Negotiator;
  let alice: Negotiator;

  beforeAll(async () => {
    const ad = await locate(DaemonTypes.Negotiator);
    admin = new Negotiator(ad, { security: identity('admin') });
    alice = new Negotiator(ad, { security: identity('alice') });
  });

  afterAll(async () => {
    await admin.deleteUser(USER).catch(() => undefined);
  });

  test('setPriority, setFactor, setUsage, setCeiling, setBeginUsage, setLastUsage show in condor_userprio', async () => {
    await admin.setPriority(USER, 42.5);
    await admin.setFactor(USER, 1234);
    await admin.setUsage(USER, 7.25);
    await admin.setCeiling(USER, 3);
    await admin.setBeginUsage(USER, 1_700_000_000);
    await admin.setLastUsage(USER, 1_700_000_100);
    const e = await waitFor(`${USER} in condor_userprio`, () => {
      const x = entry(USER);
      return x && near(realPriority(x), 42.5) && x.LastUsageTime === '1700000100' ? x : undefined;
    });
    expect(Number(e.PriorityFactor)).toBe(1234);
    expect(Number(e.WeightedAccumulatedUsage)).toBe(7.25);
    expect(e.Ceiling).toBe('3');
    expect(e.BeginUsageTime).toBe('1700000000');
    // And in the table the tool prints by default.
    const row = oracle(['condor_userprio', '-allusers']).split('\n').find((l) => l.startsWith(USER + ' '));
    const [effective, factor] = (row ?? '').trim().split(/\s+/).slice(1, 3).map(Number);
    expect(factor).toBe(1234);
    expect(Math.abs(effective! - 42.5 * 1234)).toBeLessThan(5);
  });

  test('getPriorities lists the same principals and values as condor_userprio -l', async () => {
    await admin.setPriority(USER, 17);
    await waitFor('priority 17', () => (near(realPriority(entry(USER)), 17) ? true : undefined));
    const ours = await alice.getPriorities();
    const mine = ours.find((a) => a.get('Name') === USER);
    expect(Number(mine?.get('Priority')) / 1234).toBeCloseTo(17, 1);
    expect(mine?.get('PriorityFactor')).toBe(1234);
    const theirs = userprio();
    expect(new Set(ours.map((a) => a.get('Name')))).toEqual(new Set(theirs.keys()));
    const rolled = await alice.getPriorities(true);
    expect(rolled.some((a) => a.get('Name') === USER)).toBe(true);
  });

  test('getResourceUsage answers a list (the pool runs no jobs of this principal)', async () => {
    expect(await alice.getResourceUsage(USER)).toEqual([]);
  });

  test('resetUsage zeroes one principal; resetAllUsage every one (then the weighted usage is put back; the unweighted AccumulatedUsage cannot be)', async () => {
    await admin.setUsage(USER, 5);
    await waitFor('usage 5 h', () => (Number(entry(USER)?.WeightedAccumulatedUsage) === 5 ? true : undefined));
    await admin.resetUsage(USER);
    await waitFor('usage reset', () => (Number(entry(USER)?.WeightedAccumulatedUsage) === 0 ? true : undefined));

    const before = userprio();
    await admin.setUsage(USER, 5);
    try {
      await admin.resetAllUsage();
      await waitFor('every usage reset', () => ([...userprio().values()].every((e) => !e.WeightedAccumulatedUsage || Number(e.WeightedAccumulatedUsage) === 0) ? true : undefined));
    } finally {
      for (const [name, e] of before) {
        if (name.includes('@') && e.WeightedAccumulatedUsage) await admin.setUsage(name, Number(e.WeightedAccumulatedUsage));
      }
    }
    const after = userprio();
    for (const [name, e] of before) {
      if (name.includes('@') && e.WeightedAccumulatedUsage) expect(Number(after.get(name)?.WeightedAccumulatedUsage)).toBeCloseTo(Number(e.WeightedAccumulatedUsage), 0);
    }
  });

  test('deleteUser removes the principal', async () => {
    await admin.setPriority(USER, 9);
    await waitFor('principal present', () => entry(USER));
    await admin.deleteUser(USER);
    await waitFor('principal gone', () => (entry(USER) ? undefined : true));
  });

  test('alice (not an administrator) is refused with HTCondorAuthorizationError, and nothing changes', async () => {
    await admin.setPriority(USER, 33);
    await waitFor('priority 33', () => (near(realPriority(entry(USER)), 33) ? true : undefined));
    await expect(alice.setPriority(USER, 1)).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    await expect(alice.deleteUser(USER)).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    await expect(alice.resetAllUsage()).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    await new Promise((r) => setTimeout(r, 1000));
    expect(realPriority(entry(USER))).toBeCloseTo(33, 1);
  });

  test('arguments are checked before anything is sent', async () => {
    await expect(admin.setPriority('nodomain', 1)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(admin.setFactor(USER, 0.5)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(admin.setCeiling(USER, -2)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(admin.setUsage(USER, -1)).rejects.toBeInstanceOf(HTCondorValueError);
  });
});
