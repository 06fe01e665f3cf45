// Startd drain against the real pool, checked with condor_status: drainJobs puts the slots into the Drained state
// with the request id in the startd's ads, cancelDrainJobs brings them back. The drain lasts only as long as the test
// (afterAll cancels any drain left behind), since other tests need the slots.
import { DaemonTypes, DrainTypes, HTCondorAuthorizationError, HTCondorReplyError, HTCondorValueError } from '@htcondor-ts/core';
import { CompletionType, Startd } from '@htcondor-ts/startd';
import { oracle } from '../../../../test/support/pool.js';
import { identity, locate, waitFor } from '../../../daemon/test/integration/helpers.js';

interface SlotRow { name: string; state: string; activity: string; requestId: string }

function slots(): SlotRow[] {
  return oracle(['condor_status', '-af:t', 'Name', 'State', 'Activity', 'DrainingRequestId'])
    .split('\n')
    .filter(Boolean)
    .map((l) => {
      const [name, state, activity, requestId] = l.split('\t') as [string, string, string, string];
      return { name, state, activity, requestId };
    });
}

const drained = (id: string): true | undefined => {
  const s = slots();
  // A slot running another test's job retires it first (Claimed/Retiring) before it is Drained.
  return s.length > 0 && s.every((r) => (r.state === 'Drained' || r.activity === 'Retiring') && r.requestId === id) ? true : undefined;
};
const undrained = (): true | undefined => {
  const s = slots();
  return s.length > 0 && s.every((r) => r.state !== 'Drained' && r.requestId === 'undefined') ? true : undefined;
};

describe('Startd drain on the real pool', () => {
  let admin: Startd;
  let alice: Startd;

  beforeAll(async () => {
    const ad = await locate(DaemonTypes.Startd);
    admin = new Startd(ad, { security: identity('admin') });
    alice = new Startd(ad, { security: identity('alice') });
    await waitFor('the startd not draining before the test', undrained);
  });

  afterAll(async () => {
    await admin.cancelDrainJobs().catch(() => undefined);
  });

  test('drainJobs drains (condor_status shows Drained and the request id), cancelDrainJobs undoes it', async () => {
    const id = await admin.drainJobs(DrainTypes.Graceful, CompletionType.Nothing, 'true', 'false', 'htcondor-ts drain test');
    expect(id).toMatch(/\S/);
    await waitFor(`the slots Drained with request ${id}`, () => drained(id));
    const startdAd = JSON.parse(oracle(['condor_status', '-startd', '-json', '-attributes', 'DrainReason,DrainingRequestId'])) as Array<Record<string, unknown>>;
    expect(startdAd[0]?.DrainReason).toBe('htcondor-ts drain test');
    await admin.cancelDrainJobs(id);
    await waitFor('the slots back from draining', undrained);
  });

  test('a check expression false for a slot makes the startd refuse the drain (HTCondorReplyError), nothing drains', async () => {
    const err = await admin.drainJobs(DrainTypes.Quick, CompletionType.Resume, 'false').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorReplyError);
    expect(String((err as Error).message)).toMatch(/refused DRAIN_JOBS/);
    expect(undrained()).toBe(true);
  });

  test('alice (not an administrator) is refused with HTCondorAuthorizationError, and nothing drains', async () => {
    await expect(alice.drainJobs(DrainTypes.Fast)).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    await expect(alice.cancelDrainJobs()).rejects.toBeInstanceOf(HTCondorAuthorizationError);
    expect(undrained()).toBe(true);
  });

  test('bad drain and completion types are refused before anything is sent', async () => {
    await expect(admin.drainJobs(5 as DrainTypes)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(admin.drainJobs(DrainTypes.Graceful, 9 as CompletionType)).rejects.toBeInstanceOf(HTCondorValueError);
  });
});
