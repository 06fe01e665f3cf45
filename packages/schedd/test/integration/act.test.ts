// Schedd.act against the real pool: every JobAction changes a real job's state, as condor_q shows; bob cannot act on
// alice's job (a typed error, the job unchanged).
import { JobAction, HTCondorAuthorizationError, HTCondorReplyError } from '@htcondor-ts/core';
import { HTCondorJobActionError, HTCondorJobPermissionError, type Schedd } from '@htcondor-ts/schedd';
import { cleanup, jobQ, scheddAs, submitAsAlice, waitFor } from './helpers.js';

const SLEEP = ['executable = /bin/sleep', 'arguments = 600', 'request_cpus = 1', 'request_memory = 64'];
const status = (id: string): number | undefined => {
  const j = jobQ(id, ['JobStatus']);
  return j === undefined ? undefined : Number(j.JobStatus);
};

describe('Schedd.act on the real pool', () => {
  const clusters: number[] = [];
  let alice: Schedd;
  let bob: Schedd;

  beforeAll(async () => {
    alice = await scheddAs('alice');
    bob = await scheddAs('bob');
  });
  afterAll(() => cleanup(clusters));

  test('Hold then Release by id; the result ad has the bindings\' names', async () => {
    const c = submitAsAlice([...SLEEP, '+HtcTsTest = "act-hold"', 'hold = true', 'queue']);
    clusters.push(c);
    const id = `${c}.0`;
    expect(status(id)).toBe(5);
    const rel = await alice.act(JobAction.Release, [id], 'release from the test');
    expect(rel.get('TotalSuccess')).toBe(1n);
    expect(rel.get('TotalChangedAds')).toBe(1n);
    expect([...rel.keys()].sort()).toEqual(
      ['TotalAlreadyDone', 'TotalBadStatus', 'TotalChangedAds', 'TotalError', 'TotalJobAds', 'TotalNotFound', 'TotalPermissionDenied', 'TotalSuccess'].sort(),
    );
    expect([1, 2]).toContain(status(id));
    const hold = await alice.act(JobAction.Hold, id, 'held by the test');
    expect(hold.get('TotalSuccess')).toBe(1n);
    const j = jobQ(id, ['JobStatus', 'HoldReason', 'HoldReasonCode']);
    expect(j).toMatchObject({ JobStatus: 5, HoldReason: 'held by the test (by user alice)', HoldReasonCode: 1 });
    // Holding it again changes nothing: a typed error carrying the result ad.
    const again = await alice.act(JobAction.Hold, id).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(HTCondorJobActionError);
    expect((again as HTCondorJobActionError).result.get('TotalAlreadyDone')).toBe(1n);
  });

  test('Hold by constraint with a HoldReasonSubCode', async () => {
    const c = submitAsAlice([...SLEEP, '+HtcTsTest = "act-constraint"', 'hold = true', 'queue 2']);
    clusters.push(c);
    await alice.act(JobAction.Release, `ClusterId == ${c}`);
    const r = await alice.act(JobAction.Hold, `ClusterId == ${c}`, ['subcode test', 42]);
    expect(r.get('TotalSuccess')).toBe(2n);
    expect(jobQ(`${c}.1`, ['JobStatus', 'HoldReasonSubCode'])).toMatchObject({ JobStatus: 5, HoldReasonSubCode: 42 });
  });

  test('a bare cluster id acts on every job of the cluster (as condor_hold 12 does)', async () => {
    const c = submitAsAlice([...SLEEP, '+HtcTsTest = "act-cluster"', 'hold = true', 'queue 3']);
    clusters.push(c);
    const r = await alice.act(JobAction.Remove, String(c), 'the whole cluster');
    expect(r.get('TotalSuccess')).toBe(3n);
    await waitFor(`cluster ${c} to leave the queue`, () => ([0, 1, 2].every((p) => status(`${c}.${p}`) !== 5) ? true : undefined), 30_000);
  });

  test('bob cannot hold, release or remove alice\'s job: a typed authorization error, the job unchanged', async () => {
    const c = submitAsAlice([...SLEEP, '+HtcTsTest = "act-bob"', 'hold = true', 'queue']);
    clusters.push(c);
    const id = `${c}.0`;
    const before = jobQ(id, ['JobStatus', 'HoldReason', 'EnteredCurrentStatus']);
    for (const [action, spec] of [
      [JobAction.Release, [id]],
      [JobAction.Remove, `ClusterId == ${c}`],
      [JobAction.Hold, [id]],
    ] as const) {
      const e = await bob.act(action, spec).catch((x: unknown) => x);
      expect(e).toBeInstanceOf(HTCondorJobPermissionError);
      expect(e).toBeInstanceOf(HTCondorAuthorizationError);
      expect(e).toBeInstanceOf(HTCondorReplyError);
      expect((e as HTCondorJobPermissionError).result.get('TotalPermissionDenied')).toBe(1n);
    }
    expect(jobQ(id, ['JobStatus', 'HoldReason', 'EnteredCurrentStatus'])).toEqual(before);
  });

  test('Remove, then RemoveX of a removed job kept in the queue', async () => {
    const c = submitAsAlice([...SLEEP, '+HtcTsTest = "act-remove"', 'hold = true', 'leave_in_queue = JobStatus == 3', 'queue']);
    clusters.push(c);
    const id = `${c}.0`;
    const r = await alice.act(JobAction.Remove, [id], 'removed by the test');
    expect(r.get('TotalSuccess')).toBe(1n);
    expect(jobQ(id, ['JobStatus', 'RemoveReason'])).toMatchObject({ JobStatus: 3, RemoveReason: 'removed by the test (by user alice)' });
    const x = await alice.act(JobAction.RemoveX, [id]);
    expect(x.get('TotalSuccess')).toBe(1n);
    await waitFor(`${id} to leave the queue`, () => (jobQ(id, ['JobStatus']) === undefined ? true : undefined), 30_000);
  });

  test('Suspend, Continue, Vacate and VacateFast of a running job', async () => {
    const c = submitAsAlice([...SLEEP, '+HtcTsTest = "act-running"', 'queue 2']);
    clusters.push(c);
    const [a, b] = [`${c}.0`, `${c}.1`];
    await alice.reschedule();
    await waitFor(`${a} and ${b} to run`, () => (status(a) === 2 && status(b) === 2 ? true : undefined), 90_000);

    expect((await alice.act(JobAction.Suspend, [a], 'suspended by the test')).get('TotalSuccess')).toBe(1n);
    await waitFor(`${a} suspended`, () => (status(a) === 7 ? true : undefined), 30_000);
    expect((await alice.act(JobAction.Continue, [a])).get('TotalSuccess')).toBe(1n);
    await waitFor(`${a} running again`, () => (status(a) === 2 ? true : undefined), 30_000);

    const startsA = Number(jobQ(a, ['NumJobStarts'])!.NumJobStarts);
    expect((await alice.act(JobAction.Vacate, [a])).get('TotalSuccess')).toBe(1n);
    expect((await alice.act(JobAction.VacateFast, `ClusterId == ${c} && ProcId == 1`)).get('TotalSuccess')).toBe(1n);
    // A vacated job goes back to idle (and may be matched and started again): its start count proves it left.
    await waitFor(`${a} and ${b} vacated`, () => {
      const ja = jobQ(a, ['JobStatus', 'NumJobStarts', 'LastVacateTime']);
      const jb = jobQ(b, ['JobStatus', 'LastVacateTime']);
      const left = (j: typeof ja): boolean => j !== undefined && (j.JobStatus === 1 || j.LastVacateTime !== undefined);
      return left(ja) && left(jb) ? true : undefined;
    }, 60_000);
    expect(Number(jobQ(a, ['NumJobStarts'])!.NumJobStarts)).toBeGreaterThanOrEqual(startsA);
    // Continue of a running job is refused by status.
    const e = await alice.act(JobAction.Continue, [b]).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorJobActionError);
  });
});
