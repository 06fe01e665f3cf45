// Schedd.act: ACT_ON_JOBS (478). Mirrors DCSchedd::actOnJobs (src/condor_daemon_client/dc_schedd.cpp) and the
// bindings' renaming of the result (bindings/python/htcondor2/_schedd.py, Schedd.act).
//
// Conversation after startCommand (authenticated: the schedd registers ACT_ON_JOBS with force_authentication):
//   -> command ad {JobAction, ActionResultType = 2 (totals), ActionIds "1.0,2.3" | ActionConstraint <expr>, reason} EOM
//   <- result ad {result_total_0..5, ActionResult (1 if any job changed), JobAction, TotalJobAds, IsQueueSuperUser} EOM
//   if ActionResult == 1:  -> int 1 (OK) EOM   <- int (the schedd's commit confirmation) EOM
//   else the schedd has already aborted its transaction and hung up.
import { ClassAd, parseExpression } from '@htcondor-ts/classad';
import { HTCondorEnumError, HTCondorProtocolError, HTCondorValueError, JobAction, type CedarStream } from '@htcondor-ts/core';
import { HTCondorJobActionError, HTCondorJobPermissionError } from './errors.js';
import { resolveJobSpec, type JobSpec } from './job-spec.js';

/** The reason recorded in the job (HoldReason, RemoveReason...); the schedd appends " (by user <who>)". */
export const DEFAULT_ACTION_REASON = 'htcondor-ts-initiated action';

/** A reason, or for Hold a reason and a HoldReasonSubCode (the bindings' `(string, code)` tuple). */
export type ActionReason = string | readonly [reason: string, subCode: number | string];

/** AR_TOTALS: one count per outcome (dc_schedd.h action_result_type_t). */
const AR_TOTALS = 2;
const OK = 1;

/** The reason attribute of each action (DCSchedd::holdJobs, removeJobs, ...); vacate carries none. */
const REASON_ATTR: Record<number, string | undefined> = {
  [JobAction.Hold]: 'HoldReason',
  [JobAction.Release]: 'ReleaseReason',
  [JobAction.Remove]: 'RemoveReason',
  [JobAction.RemoveX]: 'RemoveReason',
  [JobAction.Suspend]: 'SuspendReason',
  [JobAction.Continue]: 'ContinueReason',
};

const ACTION_NAMES = new Map<number, string>(Object.entries(JobAction).map(([k, v]) => [v, k]));

export function jobActionName(action: number): string {
  return ACTION_NAMES.get(action) ?? String(action);
}

export function buildActAd(action: JobAction, jobs: JobSpec, reason: ActionReason | undefined): ClassAd {
  if (!ACTION_NAMES.has(action)) {
    throw new HTCondorEnumError(`${String(action)} is not a JobAction: use one of ${[...ACTION_NAMES.values()].join(', ')}`);
  }
  const spec = resolveJobSpec(jobs);
  const ad = new ClassAd();
  ad.set('JobAction', BigInt(action));
  ad.set('ActionResultType', BigInt(AR_TOTALS));
  if (spec.kind === 'ids' && spec.ids.some((id) => id.proc < 0)) {
    // In ActionIds a bare cluster id names the cluster ad only (it matters for late materialization), so the
    // bindings' act("12") changes no job, checked on the pool. condor_hold 12 acts on every job of the cluster by
    // constraint; so do we.
    const terms = spec.ids.map((id) => (id.proc < 0 ? `ClusterId == ${id.cluster}` : `(ClusterId == ${id.cluster} && ProcId == ${id.proc})`));
    ad.insert('ActionConstraint', parseExpression(terms.join(' || ')));
  } else if (spec.kind === 'ids') ad.set('ActionIds', spec.text.join(','));
  else ad.insert('ActionConstraint', spec.expr);
  const attr = REASON_ATTR[action];
  if (attr) {
    const [text, code] = typeof reason === 'string' || reason === undefined ? [reason ?? DEFAULT_ACTION_REASON, undefined] : reason;
    ad.set(attr, text);
    if (code !== undefined) {
      if (action !== JobAction.Hold) throw new HTCondorValueError('a reason code (HoldReasonSubCode) is only meaningful for JobAction.Hold');
      ad.insert('HoldReasonSubCode', parseExpression(String(code)));
    }
  }
  return ad;
}

/** The bindings' names for the result counts (result_total_<ActionResult code>). */
export function renameActResult(raw: ClassAd): ClassAd {
  const n = (name: string): bigint => {
    const v = raw.get(name);
    return typeof v === 'bigint' ? v : 0n;
  };
  return new ClassAd({
    TotalError: n('result_total_0'),
    TotalSuccess: n('result_total_1'),
    TotalNotFound: n('result_total_2'),
    TotalBadStatus: n('result_total_3'),
    TotalAlreadyDone: n('result_total_4'),
    TotalPermissionDenied: n('result_total_5'),
    TotalJobAds: n('TotalJobAds'),
    TotalChangedAds: n('ActionResult'),
  });
}

/** Runs the conversation on a started ACT_ON_JOBS stream; returns the renamed result ad or throws a typed error. */
export async function actOnJobs(stream: CedarStream, request: ClassAd, where: string): Promise<ClassAd> {
  stream.putClassAd(request);
  await stream.endOfMessage();
  const raw = await stream.getClassAd();
  await stream.finishMessage();
  const result = renameActResult(raw);
  const ok = raw.get('ActionResult');
  const action = jobActionName(Number(request.get('JobAction')));
  if (ok !== BigInt(OK)) {
    const denied = result.get('TotalPermissionDenied') as bigint;
    const counts = `not found ${String(result.get('TotalNotFound'))}, wrong status ${String(result.get('TotalBadStatus'))}, already done ${String(result.get('TotalAlreadyDone'))}, permission denied ${String(denied)}, error ${String(result.get('TotalError'))}`;
    if (denied > 0n) {
      throw new HTCondorJobPermissionError(
        `the schedd at ${where} refused ${action}: the jobs belong to another user (${counts}); act as the jobs' owner or a queue superuser`,
        result,
        { where },
      );
    }
    throw new HTCondorJobActionError(`the schedd at ${where} changed no job with ${action} (${counts}); check the job ids or constraint and the jobs' status`, result, {
      where,
    });
  }
  // Tell the schedd we are still here, so it commits; then read its confirmation.
  stream.putInt(OK);
  await stream.endOfMessage();
  const confirm = await stream.getInt();
  await stream.finishMessage();
  if (confirm !== OK) throw new HTCondorProtocolError(`the schedd at ${where} answered ${confirm} instead of OK (1) after committing ${action}`, { where });
  return result;
}
