// The schedd conversations byte for byte, over an in-memory transport: what we send (checked field by field against
// the C++ stubs' layouts) and how we read the schedd's answers, including the error paths.
import { ClassAd, parseExpression } from '@htcondor-ts/classad';
import {
  CedarStream,
  FrameDecoder,
  HTCondorProtocolError,
  HTCondorReplyError,
  JobAction,
  MessageReader,
  MessageWriter,
  WireAdReader,
  adFromWire,
  encodePlainPackets,
  putWireAd,
  type Transport,
} from '@htcondor-ts/core';
import { actOnJobs, buildActAd } from './act.js';
import { HTCondorJobActionError, HTCondorJobPermissionError, HTCondorProtectedAttributeError, HTCondorQmgmtError } from './errors.js';
import { buildHistoryRequest, readHistoryAds } from './history.js';
import { QmgmtStream } from './qmgmt.js';
import { Transaction, commitError } from './transaction.js';

/** A message the fake schedd sends. */
type Part = { int: number } | { ad: string[] } | { str: string };

function message(parts: Part[]): Uint8Array[] {
  const w = new MessageWriter();
  for (const p of parts) {
    if ('int' in p) w.putInt(p.int);
    else if ('str' in p) w.putString(p.str, false);
    else putWireAd(w, p.ad, false);
  }
  return encodePlainPackets(w.take());
}

/** A CedarStream whose peer answers with `replies` (one chunk per read) and records what we send. */
function fakeStream(replies: Uint8Array[][]): { stream: CedarStream; sent: () => MessageReader[] } {
  const chunks = replies.flat();
  const out: Uint8Array[] = [];
  const transport: Transport = {
    peer: 'fake-schedd',
    read: async () => chunks.shift() ?? null,
    write: async (d) => {
      out.push(d.slice());
    },
    close: () => undefined,
  };
  const sent = (): MessageReader[] => {
    const dec = new FrameDecoder();
    for (const c of out) dec.push(c);
    const msgs: MessageReader[] = [];
    let cur = new MessageReader();
    for (let p = dec.next(); p; p = dec.next()) {
      cur.append(p.payload, p.end);
      if (p.end) {
        msgs.push(cur);
        cur = new MessageReader();
      }
    }
    return msgs;
  };
  return { stream: new CedarStream(transport, { timeoutMs: 1000 }), sent };
}

function readAd(r: MessageReader): ClassAd {
  return adFromWire(new WireAdReader().tryRead(r, false)!);
}

describe('ACT_ON_JOBS', () => {
  test('the command ad for each action', () => {
    const hold = buildActAd(JobAction.Hold, ['1.0', '2.5'], ['why', 7]);
    expect(hold.printOld()).toContain('ActionIds = "1.0,2.5"');
    // A bare cluster id means every job of the cluster (as condor_hold 12), hence a constraint.
    expect(buildActAd(JobAction.Hold, ['1.0', '2'], 'x').lookup('ActionConstraint')!.toString()).toBe('(ClusterId == 1 && ProcId == 0) || ClusterId == 2');
    expect(buildActAd(JobAction.Hold, '7', 'x').lookup('ActionConstraint')!.toString()).toBe('ClusterId == 7');
    expect(hold.get('JobAction')).toBe(1n);
    expect(hold.get('ActionResultType')).toBe(2n);
    expect(hold.get('HoldReason')).toBe('why');
    expect(hold.get('HoldReasonSubCode')).toBe(7n);
    const rm = buildActAd(JobAction.Remove, 'Owner == "alice"', undefined);
    expect(rm.lookup('ActionConstraint')!.toString()).toBe('Owner == "alice"');
    expect(rm.get('RemoveReason')).toBe('htcondor-ts-initiated action');
    expect(buildActAd(JobAction.RemoveX, '3.1', 'x').get('RemoveReason')).toBe('x');
    expect(buildActAd(JobAction.Release, ['3.1'], 'r').get('ReleaseReason')).toBe('r');
    expect(buildActAd(JobAction.Suspend, ['3.1'], 's').get('SuspendReason')).toBe('s');
    expect(buildActAd(JobAction.Continue, ['3.1'], 'c').get('ContinueReason')).toBe('c');
    const vacate = buildActAd(JobAction.VacateFast, ['3.1'], 'ignored');
    expect([...vacate.keys()].sort()).toEqual(['ActionIds', 'ActionResultType', 'JobAction']);
    expect(() => buildActAd(7 as JobAction, ['1.0'], undefined)).toThrow(/not a JobAction/);
    expect(() => buildActAd(JobAction.Release, ['1.0'], ['r', 1])).toThrow(/only meaningful for JobAction.Hold/);
    expect(() => buildActAd(JobAction.Hold, [], undefined)).toThrow(/empty/);
  });

  test('success: the result ad, then OK, then the schedd\'s confirmation', async () => {
    const { stream, sent } = fakeStream([
      message([{ ad: ['result_total_0 = 0', 'result_total_1 = 2', 'result_total_2 = 1', 'result_total_3 = 0', 'result_total_4 = 0', 'result_total_5 = 0', 'ActionResult = 1', 'JobAction = 1', 'TotalJobAds = 9'] }]),
      message([{ int: 1 }]),
    ]);
    const r = await actOnJobs(stream, buildActAd(JobAction.Hold, ['1.0', '1.1', '5.0'], 'x'), 'fake');
    expect(Object.fromEntries(r)).toEqual({
      TotalError: 0n,
      TotalSuccess: 2n,
      TotalNotFound: 1n,
      TotalBadStatus: 0n,
      TotalAlreadyDone: 0n,
      TotalPermissionDenied: 0n,
      TotalJobAds: 9n,
      TotalChangedAds: 1n,
    });
    const [cmd, ok] = sent();
    expect(readAd(cmd!).get('ActionIds')).toBe('1.0,1.1,5.0');
    expect(ok!.tryInt()).toBe(1);
    expect(ok!.atEnd()).toBe(true);
  });

  test('nothing changed: typed errors, and no OK is sent (the schedd has already aborted)', async () => {
    const denied = fakeStream([message([{ ad: ['result_total_5 = 1', 'ActionResult = 0'] }])]);
    const e = await actOnJobs(denied.stream, buildActAd(JobAction.Hold, ['1.0'], 'x'), 'fake').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorJobPermissionError);
    expect((e as HTCondorJobPermissionError).result.get('TotalPermissionDenied')).toBe(1n);
    expect(denied.sent()).toHaveLength(1);
    const none = fakeStream([message([{ ad: ['result_total_2 = 1', 'ActionResult = 0'] }])]);
    await expect(actOnJobs(none.stream, buildActAd(JobAction.Hold, ['1.0'], 'x'), 'fake')).rejects.toThrow(HTCondorJobActionError);
  });
});

describe('QMGMT', () => {
  test('SetAttribute2 NoAck: value before name, flags as ONE byte', async () => {
    const { stream, sent } = fakeStream([]);
    await new QmgmtStream(stream, 'fake').setAttributeNoAck(12, 3, 'Foo', '"bar"', 8);
    const [m] = sent();
    expect([m!.tryInt(), m!.tryInt(), m!.tryInt(), m!.tryString(false), m!.tryString(false), m!.tryChar()]).toEqual([10027, 12, 3, '"bar"', 'Foo', 8 | 2]);
    expect(m!.atEnd()).toBe(true);
  });

  test('SetAttributeByConstraint2 is answered; a fresh transaction is Abort + Begin', async () => {
    const { stream, sent } = fakeStream([message([{ int: 0 }]), message([{ int: 0 }]), message([{ int: -1 }, { int: 2 }])]);
    const q = new QmgmtStream(stream, 'fake');
    await q.freshTransaction();
    expect(await q.setAttributeByConstraint('ClusterId == 1', 'Foo', '1', 16)).toEqual({ rval: -1, errno: 2 });
    const [abort, begin, set] = sent();
    expect(abort!.tryInt()).toBe(10024);
    expect(begin!.tryInt()).toBe(10023);
    expect([set!.tryInt(), set!.tryString(false), set!.tryString(false), set!.tryString(false), set!.tryChar()]).toEqual([10032, 'ClusterId == 1', '1', 'Foo', 16]);
  });

  test('commit: flags as an int, the reply ad read when present', async () => {
    const ok = fakeStream([message([{ int: 0 }, { ad: ['WarningReason = "careful"'] }])]);
    expect(await new QmgmtStream(ok.stream, 'fake').commit(8)).toEqual({ rval: 0, warning: 'careful' });
    const [m] = ok.sent();
    expect([m!.tryInt(), m!.tryInt()]).toEqual([10031, 8]);
    const bare = fakeStream([message([{ int: 0 }])]);
    expect(await new QmgmtStream(bare.stream, 'fake').commit(0)).toEqual({ rval: 0 });
    expect(bare.sent()[0]!.tryInt()).toBe(10007);
    const refused = fakeStream([message([{ int: -1 }, { int: -13 }, { ad: ['ErrorCode = 2', 'ErrorReason = "Attempt to edit immutable attribute Owner in job 5.0"'] }])]);
    const reply = await new QmgmtStream(refused.stream, 'fake').commit(0);
    expect(reply).toEqual({ rval: -1, errno: -13, errorCode: 2, errorReason: 'Attempt to edit immutable attribute Owner in job 5.0' });
    const e = commitError(reply, 'fake');
    expect(e).toBeInstanceOf(HTCondorProtectedAttributeError);
    expect((e as HTCondorProtectedAttributeError).attribute).toBe('Owner');
  });

  test('commit errors are classified from the schedd\'s reason', () => {
    expect(commitError({ rval: -1, errno: -13, errorReason: 'User bob@lab.local may not change attributes for jobs they do not own (job 5.0)' }, 'f').name).toBe(
      'HTCondorAuthorizationError',
    );
    expect(commitError({ rval: -1, errno: -2, errorReason: 'Modifying attribute X in nonexistent job 9.9' }, 'f')).toBeInstanceOf(HTCondorQmgmtError);
    expect(commitError({ rval: -1, errno: -13 }, 'f')).toBeInstanceOf(HTCondorProtectedAttributeError);
  });
});

describe('QUERY_SCHEDD_HISTORY', () => {
  test('the request ad', () => {
    const ad = buildHistoryRequest({ constraint: 'Owner == "alice"', projection: ['ClusterId', 'ProcId'], match: 5, since: '12.3' });
    expect(ad.lookup('Requirements')!.toString()).toBe('Owner == "alice"');
    expect(ad.get('NumJobMatches')).toBe(5n);
    expect(ad.get('Projection')).toBe('ClusterId,ProcId');
    expect(ad.lookup('Since')!.toString()).toBe('ClusterId == 12 && ProcId == 3');
    const all = buildHistoryRequest({});
    expect([...all.keys()].sort()).toEqual(['NumJobMatches']);
    expect(all.get('NumJobMatches')).toBe(-1n);
    expect(buildHistoryRequest({ since: 1038 }).lookup('Since')!.toString()).toBe('ClusterId == 1038');
    expect(buildHistoryRequest({ since: parseExpression('QDate < 5') }).lookup('Since')!.toString()).toBe('QDate < 5');
  });

  const collect = async (s: CedarStream): Promise<unknown[]> => {
    const out: unknown[] = [];
    for await (const ad of readHistoryAds(s, 'fake')) out.push(ad.get('ProcId'));
    return out;
  };

  test('streamed (one ad per message) and unstreamed (one message) replies', async () => {
    const streamed = fakeStream([
      message([{ ad: ['Owner = 1', 'StreamResults = true'] }]),
      message([{ ad: ['Owner = "alice"', 'ProcId = 0'] }]),
      message([{ ad: ['Owner = "alice"', 'ProcId = 1'] }]),
      message([{ ad: ['Owner = 0', 'NumJobMatches = 2'] }]),
    ]);
    expect(await collect(streamed.stream)).toEqual([0n, 1n]);
    const one = fakeStream([message([{ ad: ['Owner = "a"', 'ProcId = 4'] }, { ad: ['Owner = 0', 'NumJobMatches = 1'] }])]);
    expect(await collect(one.stream)).toEqual([4n]);
  });

  test('errors: the helper\'s error, malformed ads, a count that does not match', async () => {
    await expect(collect(fakeStream([message([{ ad: ['Owner = 0', 'ErrorCode = 3', 'ErrorString = "no history"', 'NumJobMatches = 0'] }])]).stream)).rejects.toThrow(
      HTCondorReplyError,
    );
    await expect(collect(fakeStream([message([{ ad: ['Owner = 0', 'MalformedAds = 2', 'NumJobMatches = 0'] }])]).stream)).rejects.toThrow(/malformed/);
    await expect(collect(fakeStream([message([{ ad: ['Owner = "a"', 'ProcId = 4'] }, { ad: ['Owner = 0', 'NumJobMatches = 3'] }])]).stream)).rejects.toThrow(
      HTCondorProtocolError,
    );
  });
});

describe('Transaction over a scripted schedd', () => {
  test('edits are sent in call order, the commit ends it, onClose runs once', async () => {
    const { stream, sent } = fakeStream([message([{ int: 0 }]), message([{ int: 0 }]), message([{ int: 2 }]), message([{ int: 0 }, { ad: [] }])]);
    let closed = 0;
    const t = new Transaction(stream, 'fake', 0, () => closed++);
    await t.begin();
    // Not awaited one by one: the calls still go out in order, one at a time.
    const a = t.edit(['1.0', '1.1'], 'A', '1');
    const b = t.edit('ClusterId == 1', { B: 2n });
    const c = t.commit();
    expect((await a).changes).toBe(2);
    expect((await b).changes).toBe(2);
    expect(await c).toBeUndefined();
    expect(t.state).toBe('committed');
    expect(closed).toBe(1);
    const rpcs = sent().map((m) => m.tryInt());
    expect(rpcs).toEqual([10024, 10023, 10027, 10027, 10032, 10007, 10028]);
    await t.abort(); // a no-op once committed
    expect(closed).toBe(1);
  });

  test('a schedd that hangs up during the commit leaves the transaction aborted with an I/O error', async () => {
    const { stream } = fakeStream([message([{ int: 0 }]), message([{ int: 0 }])]);
    const t = new Transaction(stream, 'fake', 0, () => undefined);
    await t.begin();
    await t.edit(['1.0'], 'A', '1');
    await expect(t.commit()).rejects.toThrow(/closed the connection/);
    expect(t.state).toBe('aborted');
    await expect(t.edit(['1.0'], 'A', '2')).rejects.toThrow(/aborted because .*closed the connection/);
  });

  test('a joined transaction commits only at the outermost commit', async () => {
    const { stream, sent } = fakeStream([message([{ int: 0 }]), message([{ int: 0 }]), message([{ int: 0 }])]);
    const t = new Transaction(stream, 'fake', 8, () => undefined);
    await t.begin();
    t.join();
    await t.commit();
    expect(t.active).toBe(true);
    await t.commit();
    expect(t.state).toBe('committed');
    const msgs = sent();
    expect(msgs.map((m) => m.tryInt())).toEqual([10024, 10023, 10031, 10028]);
  });
});
