// Typed errors of the schedd commands. Each subclasses the core error a caller would catch anyway
// (HTCondorReplyError: the schedd said no; HTCondorAuthorizationError: it said no because of who we are), and
// carries what the schedd answered so a caller can look closer.
import type { ClassAd } from '@htcondor-ts/classad';
import { HTCondorAuthorizationError, HTCondorReplyError, type HTCondorErrorOptions } from '@htcondor-ts/core';

/** ACT_ON_JOBS changed no job: none matched, or none was in a state the action applies to. `result` is the renamed result ad. */
export class HTCondorJobActionError extends HTCondorReplyError {
  override name = 'HTCondorJobActionError';
  readonly result: ClassAd;
  constructor(message: string, result: ClassAd, options: HTCondorErrorOptions & { code?: number } = {}) {
    super(message, options);
    this.result = result;
  }
}

/** ACT_ON_JOBS changed no job because the jobs belong to someone else (TotalPermissionDenied). */
export class HTCondorJobPermissionError extends HTCondorAuthorizationError {
  override name = 'HTCondorJobPermissionError';
  readonly result: ClassAd;
  constructor(message: string, result: ClassAd, options: HTCondorErrorOptions & { code?: number } = {}) {
    super(message, options);
    this.result = result;
  }
}

/** errno values the schedd's queue management answers with (Linux numbering, as the schedd sends them). */
export const QmgmtErrno = { ENOENT: 2, EACCES: 13, EINVAL: 22, EPERM: 1 } as const;

/**
 * A queue-management call failed (edit, transaction commit). `errno` is the schedd's error number; `reason` its
 * explanation when it sent one (the commit reply's ErrorReason).
 */
export class HTCondorQmgmtError extends HTCondorReplyError {
  override name = 'HTCondorQmgmtError';
  readonly errno: number | undefined;
  readonly reason: string | undefined;
  constructor(message: string, options: HTCondorErrorOptions & { errno?: number | undefined; reason?: string | undefined } = {}) {
    super(message, { ...options, ...(options.errno !== undefined ? { code: options.errno } : {}) });
    this.errno = options.errno;
    this.reason = options.reason;
  }
}

/**
 * The schedd refused to change an attribute because of who we are or what the attribute is: another user's job,
 * an immutable attribute (Owner, ClusterId, ProcId, MyType, TargetType, User and IMMUTABLE_JOB_ATTRS), a
 * protected one (PROTECTED_JOB_ATTRS, queue superusers only) or a secure one (SECURE_JOB_ATTRS). `attribute` is
 * the attribute being set when the schedd refused, when known.
 */
export class HTCondorProtectedAttributeError extends HTCondorAuthorizationError {
  override name = 'HTCondorProtectedAttributeError';
  readonly errno: number | undefined;
  readonly reason: string | undefined;
  readonly attribute: string | undefined;
  constructor(
    message: string,
    options: HTCondorErrorOptions & { errno?: number | undefined; reason?: string | undefined; attribute?: string | undefined } = {},
  ) {
    super(message, { ...options, ...(options.errno !== undefined ? { code: options.errno } : {}) });
    this.errno = options.errno;
    this.reason = options.reason;
    this.attribute = options.attribute;
  }
}
