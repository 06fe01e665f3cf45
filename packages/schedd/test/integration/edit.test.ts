// Schedd.edit and Schedd.transaction against the real pool (qmgmt over QMGMT_WRITE_CMD): edits land as condor_q shows,
// protected attributes and other users' jobs are refused with typed errors and change nothing, and a transaction
// that fails half-way leaves every job as it was.
import { ClassAd, parseExpression } from '@htcondor-ts/classad';
import { HTCondorAuthorizationError, HTCondorIOError, HTCondorReplyError, HTCondorValueError, JobAction, TransactionFlags } from '@htcondor-ts/core';
import { EditResult, HTCondorProtectedAttributeError, HTCondorQmgmtError, type Schedd } from '@htcondor-ts/schedd';
import { cleanup, jobQ, scheddAs, submitAsAlice } from './helpers.js';

const HELD = ['executable = /bin/sleep', 'arguments = 600', 'hold = true'];

describe('Schedd.edit and transactions on the real pool', () => {
  const clusters: number[] = [];
  let alice: Schedd;
  let bob: Schedd;
  let c: number;

  beforeAll(async () => {
    alice = await scheddAs('alice');
    bob = await scheddAs('bob');
    c = submitAsAlice([...HELD, '+HtcTsTest = "edit"', 'queue 3']);
    clusters.push(c);
  });
  afterAll(() => cleanup(clusters));

  test('edit by id, by a one-id string and by constraint; values as expression text, ExprTree and literals', async () => {
    const r = await alice.edit([`${c}.0`], 'HtcTsEdit', '"first"');
    expect(r).toBeInstanceOf(EditResult);
    expect(r.changes).toBe(1);
    expect(String(r)).toBe('edited 1 jobs');
    expect(jobQ(`${c}.0`, ['HtcTsEdit'])).toMatchObject({ HtcTsEdit: 'first' });

    expect((await alice.edit(`${c}.1`, 'HtcTsExpr', parseExpression('RequestCpus * 2'))).changes).toBe(1);
    // condor_q -json prints an unevaluated expression in this form.
    expect(jobQ(`${c}.1`, ['HtcTsExpr'])!.HtcTsExpr).toBe('/Expr(RequestCpus * 2)/');

    const m = await alice.edit(`ClusterId == ${c}`, { HtcTsNum: 7n, HtcTsFlag: true, HtcTsText: '"all"' });
    expect(m.changes).toBe(3);
    for (const p of [0, 1, 2]) expect(jobQ(`${c}.${p}`, ['HtcTsNum', 'HtcTsFlag', 'HtcTsText'])).toMatchObject({ HtcTsNum: 7, HtcTsFlag: true, HtcTsText: 'all' });

    const ad = new ClassAd({ HtcTsFromAd: 1.5 });
    expect((await alice.editMultiple([[[`${c}.0`, `${c}.2`], ad], [`ClusterId == ${c} && ProcId == 1`, { HtcTsFromAd: 2.5 }]])).changes).toBe(3);
    expect(jobQ(`${c}.1`, ['HtcTsFromAd'])!.HtcTsFromAd).toBe(2.5);
    expect(jobQ(`${c}.2`, ['HtcTsFromAd'])!.HtcTsFromAd).toBe(1.5);
  });

  test('invalid names and values are refused before anything is sent', async () => {
    await expect(alice.edit([`${c}.0`], '1bad', '1')).rejects.toThrow(HTCondorValueError);
    await expect(alice.edit([`${c}.0`], 'Fine', 'foo bar ==')).rejects.toThrow(/not a ClassAd expression/);
    await expect(alice.edit(['12.x'], 'Fine', '1')).rejects.toThrow(/not a job id/);
    // A secure attribute would be silently dropped by the schedd: refused here.
    await expect(alice.edit([`${c}.0`], 'AuthTokenSubject', '"x"')).rejects.toThrow(HTCondorProtectedAttributeError);
  });

  test('immutable attributes are refused with a typed error naming them, the job unchanged', async () => {
    for (const spec of [[`${c}.0`], `ClusterId == ${c}`] as const) {
      const e = await alice.edit(spec, 'Owner', '"bob"').catch((x: unknown) => x);
      expect(e).toBeInstanceOf(HTCondorProtectedAttributeError);
      expect(e).toBeInstanceOf(HTCondorAuthorizationError);
      expect((e as HTCondorProtectedAttributeError).attribute).toBe('Owner');
    }
    const e = (await alice.edit([`${c}.1`], 'ClusterId', '999').catch((x: unknown) => x)) as HTCondorProtectedAttributeError;
    expect(e.message).toMatch(/immutable attribute ClusterId/);
    expect(jobQ(`${c}.0`, ['Owner', 'ClusterId'])).toMatchObject({ Owner: 'alice', ClusterId: c });
  });

  test('null deletes an attribute (by id); deleting an immutable one or by constraint is refused', async () => {
    await alice.edit([`${c}.2`], { HtcTsDel: '"x"', HtcTsKeep: '1' });
    expect(jobQ(`${c}.2`, ['HtcTsDel', 'HtcTsKeep'])).toMatchObject({ HtcTsDel: 'x', HtcTsKeep: 1 });
    expect((await alice.edit([`${c}.2`], { HtcTsDel: null, HtcTsKeep: 2n })).changes).toBe(1);
    const after = jobQ(`${c}.2`, ['HtcTsDel', 'HtcTsKeep'])!;
    expect(after.HtcTsKeep).toBe(2);
    expect('HtcTsDel' in after).toBe(false);
    await expect(alice.edit([`${c}.2`], { Owner: null })).rejects.toThrow(HTCondorProtectedAttributeError);
    await expect(alice.edit(`ClusterId == ${c}`, { HtcTsKeep: null })).rejects.toThrow(/by job id only/);
    await expect(bob.edit([`${c}.2`], { HtcTsKeep: null })).rejects.toThrow(HTCondorAuthorizationError);
    expect(jobQ(`${c}.2`, ['HtcTsKeep', 'Owner'])).toMatchObject({ HtcTsKeep: 2, Owner: 'alice' });
  });

  test('a job that does not exist: a typed error naming it', async () => {
    const e = await alice.edit(['999999.0'], 'HtcTsEdit', '1').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorQmgmtError);
    expect((e as HTCondorQmgmtError).message).toMatch(/nonexistent job 999999\.0/);
    expect((e as HTCondorQmgmtError).errno).toBe(2);
  });

  test('bob cannot edit alice\'s job, by id or by constraint: typed errors, the job unchanged', async () => {
    const before = jobQ(`${c}.0`, ['HtcTsEdit', 'JobPrio']);
    const byId = await bob.edit([`${c}.0`], 'HtcTsEdit', '"bob was here"').catch((x: unknown) => x);
    expect(byId).toBeInstanceOf(HTCondorAuthorizationError);
    expect((byId as Error).message).toMatch(/do not own/);
    // By constraint only the caller's own jobs are candidates (as condor_qedit does): none match.
    const byConstraint = await bob.edit(`ClusterId == ${c}`, 'JobPrio', '10').catch((x: unknown) => x);
    expect(byConstraint).toBeInstanceOf(HTCondorQmgmtError);
    expect(byConstraint).toBeInstanceOf(HTCondorReplyError);
    expect(jobQ(`${c}.0`, ['HtcTsEdit', 'JobPrio'])).toEqual(before);
  });

  test('a transaction commits everything together', async () => {
    const txn = await alice.transaction();
    expect(txn.active).toBe(true);
    await txn.edit([`${c}.0`], 'HtcTsTxn', '1');
    // Schedd.edit joins the open transaction.
    await alice.edit([`${c}.1`], 'HtcTsTxn', '2');
    await expect(alice.act(JobAction.Release, [`${c}.0`])).rejects.toThrow(/transaction is open/);
    await expect(alice.transaction()).rejects.toThrow(/already open/);
    const inner = await alice.transaction(TransactionFlags.None, true);
    expect(inner).toBe(txn);
    await inner.commit(); // the inner commit only leaves the joined transaction
    expect(txn.active).toBe(true);
    await txn.commit();
    expect(txn.state).toBe('committed');
    expect(jobQ(`${c}.0`, ['HtcTsTxn'])!.HtcTsTxn).toBe(1);
    expect(jobQ(`${c}.1`, ['HtcTsTxn'])!.HtcTsTxn).toBe(2);
  });

  test('a transaction that fails half-way leaves nothing changed (refused at commit)', async () => {
    const before = [0, 1, 2].map((p) => jobQ(`${c}.${p}`, ['HtcTsHalf', 'Owner', 'JobPrio']));
    const txn = await alice.transaction(TransactionFlags.ShouldLog);
    await txn.edit([`${c}.0`], 'HtcTsHalf', '"set"');
    await txn.edit(`ClusterId == ${c} && ProcId == 1`, 'JobPrio', '5'); // acknowledged at once: it matched
    await txn.edit([`${c}.2`], 'Owner', '"bob"'); // refused, but only the commit says so
    await txn.edit([`${c}.2`], 'HtcTsHalf', '"after"');
    const e = await txn.commit().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorProtectedAttributeError);
    expect((e as Error).message).toMatch(/nothing was changed.*immutable attribute Owner/);
    expect(txn.state).toBe('aborted');
    await expect(txn.edit([`${c}.0`], 'X', '1')).rejects.toThrow(/aborted/);
    expect([0, 1, 2].map((p) => jobQ(`${c}.${p}`, ['HtcTsHalf', 'Owner', 'JobPrio']))).toEqual(before);
  });

  test('a transaction whose constraint edit fails is aborted at once, and nothing before it is applied', async () => {
    const before = jobQ(`${c}.0`, ['HtcTsAbort']);
    const txn = await alice.transaction();
    await txn.edit([`${c}.0`], 'HtcTsAbort', '1');
    await expect(txn.edit('ClusterId == -5', 'HtcTsAbort', '2')).rejects.toThrow(HTCondorQmgmtError);
    expect(txn.state).toBe('aborted');
    await expect(txn.commit()).rejects.toThrow(/aborted because/);
    expect(jobQ(`${c}.0`, ['HtcTsAbort'])).toEqual(before);
    // An explicit abort drops everything too, and the Schedd is usable again.
    const t2 = await alice.transaction();
    await t2.edit([`${c}.0`], 'HtcTsAbort', '3');
    await t2.abort();
    expect(jobQ(`${c}.0`, ['HtcTsAbort'])).toEqual(before);
    expect((await alice.edit([`${c}.0`], 'HtcTsAbort', '4')).changes).toBe(1);
    expect(jobQ(`${c}.0`, ['HtcTsAbort'])!.HtcTsAbort).toBe(4);
  });

  test('the schedd aborts a transaction idle for 20 s; the error says so and nothing is changed', async () => {
    const before = jobQ(`${c}.2`, ['HtcTsIdle']);
    const txn = await alice.transaction();
    await txn.edit([`${c}.2`], 'HtcTsIdle', '1');
    await new Promise((r) => setTimeout(r, 21_000));
    const e = await txn.commit().catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorIOError);
    expect((e as Error).message).toMatch(/without a call \(it allows 20 s\); nothing was changed/);
    expect(txn.state).toBe('aborted');
    expect(jobQ(`${c}.2`, ['HtcTsIdle'])).toEqual(before);
  }, 60_000);

  test('bad transaction flags are refused', async () => {
    await expect(alice.transaction(2)).rejects.toThrow(HTCondorValueError);
  });
});
