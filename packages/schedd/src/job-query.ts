// The job query request ad (DCSchedd::makeJobsQueryAd in src/condor_daemon_client/dc_schedd.cpp, and the v1 Python
// bindings' xquery in src/python-bindings/schedd.cpp) and the reply loop (DCSchedd::queryJobs): one message per job
// ad, ended by an ad whose Owner is the integer 0, which carries ErrorCode/ErrorString, or the summary counters.
import { ClassAd, parseExpression } from '@htcondor-ts/classad';
import { HTCondorReplyError, HTCondorValueError, QueryOpts, WireAdReader, adFromWire, type CedarStream } from '@htcondor-ts/core';
import { constraintExpr, type Constraint } from '@htcondor-ts/collector';
import { wireOwnerInt } from './wire-owner.js';

export interface JobQuerySpec {
  constraint?: Constraint | undefined;
  projection?: readonly string[] | undefined;
  /** Stop after this many ads (-1 or undefined: all). */
  limit?: number | undefined;
  opts?: number | undefined;
  /** Ask the schedd to add ServerTime to each ad (the v1 bindings' query() does; xquery() does not). */
  serverTime?: boolean | undefined;
  /** For QueryOpts.DefaultMyJobsOnly: the owner whose jobs are "mine". */
  owner?: string | undefined;
}

export function buildJobQuery(spec: JobQuerySpec): ClassAd {
  const ad = new ClassAd();
  if (spec.constraint !== undefined && spec.constraint !== '') ad.insert('Requirements', constraintExpr(spec.constraint));
  else ad.insert('Requirements', parseExpression('true'));
  ad.set('SendServerTime', spec.serverTime ?? false);
  if (spec.projection && spec.projection.length) {
    for (const p of spec.projection) {
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(p)) throw new HTCondorValueError(`projection attribute ${JSON.stringify(p)} is not an attribute name`);
    }
    ad.set('Projection', spec.projection.join('\n'));
  }
  const opts = spec.opts ?? QueryOpts.Default;
  if (!Number.isInteger(opts) || opts < 0 || opts > 0xff) throw new HTCondorValueError(`query options must be a combination of QueryOpts, not ${opts}`);
  if (opts === QueryOpts.AutoCluster) {
    ad.set('QueryDefaultAutocluster', true);
    ad.set('MaxReturnedJobIds', 2n);
  } else if (opts === QueryOpts.GroupBy) {
    ad.set('ProjectionIsGroupBy', true);
    ad.set('MaxReturnedJobIds', 2n);
  } else {
    if (opts & QueryOpts.DefaultMyJobsOnly) {
      if (spec.owner) ad.set('Me', spec.owner);
      ad.set('MyJobs', spec.owner ? '(Owner == Me)' : 'true');
    }
    if (opts & QueryOpts.SummaryOnly) ad.set('SummaryOnly', true);
    if (opts & QueryOpts.IncludeClusterAd) ad.set('IncludeClusterAd', true);
    if (opts & QueryOpts.IncludeJobsetAds) ad.set('IncludeJobsetAds', true);
    if (opts & 0x40) ad.set('NoProcAds', true);
  }
  if (spec.limit !== undefined && spec.limit >= 0) {
    if (!Number.isInteger(spec.limit)) throw new HTCondorValueError(`limit must be an integer, not ${spec.limit}`);
    ad.set('LimitResults', BigInt(spec.limit));
  }
  return ad;
}


/**
 * Reads job ads until the terminator. Yields the summary ad (Owner removed) when the schedd sends one.
 * Decodes every buffered ad before waiting for more bytes.
 */
export async function* readJobAds(stream: CedarStream, where: string, yieldSummary: boolean): AsyncGenerator<ClassAd, void, undefined> {
  const reader = stream.reader;
  const adReader = new WireAdReader();
  for (;;) {
    const wire = adReader.tryRead(reader, stream.cryptoMode);
    if (!wire) {
      await stream.fill();
      continue;
    }
    await stream.finishMessage();
    // The end-of-query ad has Owner = 0 (job ads have a string Owner).
    if (wireOwnerInt(wire) !== 0) {
      yield adFromWire(wire);
      continue;
    }
    const ad = adFromWire(wire);
    const code = ad.get('ErrorCode');
    if (typeof code === 'bigint' && code !== 0n) {
      const msg = ad.get('ErrorString');
      throw new HTCondorReplyError(`the schedd at ${where} refused the query: ${typeof msg === 'string' ? msg : `error ${code}`}`, {
        code: Number(code),
        where,
      });
    }
    if (yieldSummary && ad.get('MyType') === 'Summary') {
      ad.delete('Owner');
      yield ad;
    }
    return;
  }
}
