// htcondor.Transaction: a queue-management connection whose changes the schedd applies together at commit, or
// not at all. Everything runs on one QMGMT_WRITE_CMD connection; a failed call aborts the whole transaction (the
// schedd would refuse to commit it anyway), so a caller never commits half of what it meant.
import { unparseOld } from '@htcondor-ts/classad';
import { HTCondorAuthorizationError, HTCondorIOError, HTCondorValueError, type CedarStream } from '@htcondor-ts/core';
import { HTCondorProtectedAttributeError, HTCondorQmgmtError, QmgmtErrno } from './errors.js';
import { IMMUTABLE_JOB_ATTRS, EditResult, checkAttrName, editPairs, valueText, type EditAttributes, type EditValue } from './edit-value.js';
import { resolveJobSpec, type JobSpec } from './job-spec.js';
import { QmgmtStream, SetAttributeFlags, type CommitReply, type RpcReply } from './qmgmt.js';

export type TransactionState = 'open' | 'committed' | 'aborted';

/**
 * DaemonCore gives every command handler's socket a 20 s timeout (daemon_command.cpp), and handle_q keeps it: a
 * write connection left idle that long is closed by the schedd, which aborts the transaction.
 */
export const SCHEDD_IDLE_LIMIT_MS = 20_000;

const TXN_FLAG_MASK = 1 | 4 | 8; // TransactionFlags: NonDurable, SetDirty, ShouldLog

export function checkTransactionFlags(flags: number): number {
  if (!Number.isInteger(flags) || (flags & ~TXN_FLAG_MASK) !== 0) {
    throw new HTCondorValueError(`transaction flags must be a combination of TransactionFlags (NonDurable 1, SetDirty 4, ShouldLog 8), not ${flags}`);
  }
  return flags;
}

export class Transaction {
  readonly flags: number;
  readonly #q: QmgmtStream;
  #state: TransactionState = 'open';
  #failure: Error | undefined;
  #depth = 1;
  #queue: Promise<unknown> = Promise.resolve();
  #lastCall = Date.now();
  readonly #onClose: () => void;

  /** @internal Use Schedd.transaction(). */
  constructor(stream: CedarStream, where: string, flags: number, onClose: () => void) {
    this.#q = new QmgmtStream(stream, where);
    this.flags = flags;
    this.#onClose = onClose;
  }

  /** @internal Prepares the connection (a fresh schedd-side transaction). */
  async begin(): Promise<void> {
    try {
      await this.#q.freshTransaction();
    } catch (e) {
      await this.#end('aborted', e as Error);
      throw e;
    }
  }

  get state(): TransactionState {
    return this.#state;
  }

  /** True until commit() or abort() (or a failed call) ends it. */
  get active(): boolean {
    return this.#state === 'open';
  }

  /** @internal Schedd.transaction(..., continueTxn = true) joins this one: only the outermost commit commits. */
  join(): this {
    this.#assertOpen();
    this.#depth++;
    return this;
  }

  /**
   * Sets `attr` to `value` in the jobs (or several attributes, given a ClassAd or an object). By ids, the changes
   * are sent without waiting for acknowledgements and any refusal surfaces at commit; by constraint, the schedd
   * answers at once with the number of jobs matched (only the caller's own jobs, as condor_qedit does).
   */
  edit(jobs: JobSpec, attr: string, value: EditValue, flags?: number): Promise<EditResult>;
  edit(jobs: JobSpec, attrs: EditAttributes, flags?: number): Promise<EditResult>;
  edit(jobs: JobSpec, a: string | EditAttributes, b?: EditValue | number, c?: number): Promise<EditResult> {
    let pairs: Array<[string, string | null]>;
    let flags: number;
    if (typeof a === 'string') {
      checkAttrName(a);
      if (b === undefined) throw new HTCondorValueError(`no value given for ${a}`);
      pairs = [[a, valueText(a, b as EditValue)]];
      flags = c ?? 0;
    } else {
      pairs = editPairs(a);
      flags = typeof b === 'number' ? b : 0;
    }
    checkTransactionFlags(flags);
    const spec = resolveJobSpec(jobs);
    return this.#serial(async () => {
      this.#assertOpen();
      try {
        if (spec.kind === 'ids') {
          for (const id of spec.ids) {
            for (const [name, text] of pairs) {
              if (text !== null) {
                await this.#q.setAttributeNoAck(id.cluster, id.proc, name, text, flags);
                continue;
              }
              const r = await this.#q.deleteAttribute(id.cluster, id.proc, name);
              if (r.rval < 0) throw deleteError(r, name, `${id.cluster}.${id.proc}`, this.#q.where);
            }
          }
          return new EditResult(spec.ids.length);
        }
        const constraint = unparseOld(spec.expr);
        let matched = 0;
        for (const [name, text] of pairs) {
          if (text === null) {
            throw new HTCondorValueError(`cannot delete ${name} from the jobs matching ${constraint}: the schedd deletes attributes by job id only; give ids (the transaction was aborted)`);
          }
          const r = await this.#q.setAttributeByConstraint(constraint, name, text, flags | SetAttributeFlags.OnlyMyJobs);
          if (r.rval < 0) throw constraintError(r, name, constraint, this.#q.where);
          // Every attribute is matched against the committed queue, so each call matches the same jobs.
          matched = Math.max(matched, r.rval);
        }
        return new EditResult(matched);
      } catch (e) {
        const err = this.#explain(e);
        await this.#end('aborted', err);
        throw err;
      }
    });
  }

  /**
   * Commits: the schedd applies every change, or none and says why (a typed error). Returns the schedd's warning,
   * if it gave one. In a joined transaction (continueTxn), only the outermost commit commits.
   */
  commit(): Promise<string | undefined> {
    return this.#serial(async () => {
      this.#assertOpen();
      if (--this.#depth > 0) return undefined;
      let reply: CommitReply;
      try {
        reply = await this.#q.commit(this.flags);
      } catch (e) {
        const err = this.#explain(e);
        await this.#end('aborted', err);
        throw err;
      }
      if (reply.rval < 0) {
        const err = commitError(reply, this.#q.where);
        await this.#end('aborted', err);
        throw err;
      }
      await this.#end('committed');
      return reply.warning;
    });
  }

  /** Aborts: nothing sent through this transaction is applied. Safe to call on an ended transaction. */
  abort(): Promise<void> {
    return this.#serial(async () => {
      if (this.#state !== 'open') return;
      this.#depth = 0;
      try {
        await this.#q.abort();
      } catch {
        // Closing the connection aborts too.
      }
      await this.#end('aborted');
    });
  }

  /** A broken connection after a long pause is the schedd's idle limit: say so. */
  #explain(e: unknown): Error {
    const idle = Date.now() - this.#lastCall;
    if (e instanceof HTCondorIOError && idle >= SCHEDD_IDLE_LIMIT_MS - 1_000) {
      return new HTCondorIOError(
        `the schedd at ${this.#q.where} closed the transaction's connection after ${Math.round(idle / 1000)} s without a call (it allows ${SCHEDD_IDLE_LIMIT_MS / 1000} s); nothing was changed: make the calls of a transaction without long pauses`,
        { where: this.#q.where, cause: e },
      );
    }
    return e as Error;
  }

  #assertOpen(): void {
    if (this.#state === 'open') return;
    const why = this.#failure ? ` because ${this.#failure.message}` : '';
    throw new HTCondorValueError(`the transaction with ${this.#q.where} is ${this.#state}${why}; start a new one with Schedd.transaction()`, {
      ...(this.#failure ? { cause: this.#failure } : {}),
    });
  }

  async #end(state: TransactionState, failure?: Error): Promise<void> {
    if (this.#state !== 'open') return;
    this.#state = state;
    this.#failure = failure;
    await this.#q.close();
    this.#onClose();
  }

  /** One call at a time on the connection, in the order they were made. */
  #serial<T>(fn: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(fn, fn).finally(() => {
      this.#lastCall = Date.now();
    });
    this.#queue = run.catch(() => undefined);
    return run;
  }
}

function deleteError(r: RpcReply, attr: string, job: string, where: string): Error {
  if (r.errno === QmgmtErrno.EACCES) {
    const text = `the schedd at ${where} refused to delete ${attr} from job ${job}: ${IMMUTABLE_JOB_ATTRS.has(attr.toLowerCase()) ? 'it is immutable' : 'it is protected, or the job is not yours'}; the transaction was aborted`;
    return IMMUTABLE_JOB_ATTRS.has(attr.toLowerCase())
      ? new HTCondorProtectedAttributeError(text, { where, errno: r.errno, attribute: attr })
      : new HTCondorAuthorizationError(text, { where, code: r.errno });
  }
  if (r.errno === QmgmtErrno.ENOENT) {
    return new HTCondorQmgmtError(`job ${job} is not in the queue at ${where}, so ${attr} cannot be deleted from it; the transaction was aborted`, { where, errno: r.errno });
  }
  return new HTCondorQmgmtError(`the schedd at ${where} could not delete ${attr} from job ${job} (errno ${r.errno}); the transaction was aborted`, { where, errno: r.errno });
}

function constraintError(r: RpcReply, attr: string, constraint: string, where: string): Error {
  if (r.errno === QmgmtErrno.ENOENT) {
    return new HTCondorQmgmtError(`no job of yours at ${where} matches ${constraint}; nothing was edited (the transaction was aborted)`, { where, errno: r.errno });
  }
  if (r.errno === QmgmtErrno.EACCES) {
    return new HTCondorProtectedAttributeError(
      `the schedd at ${where} refused to set ${attr} in the jobs matching ${constraint}: ${IMMUTABLE_JOB_ATTRS.has(attr.toLowerCase()) ? 'it is immutable' : 'it is protected or you may not edit these jobs'}; the transaction was aborted`,
      { where, errno: r.errno, attribute: attr },
    );
  }
  if (r.errno === QmgmtErrno.EINVAL) {
    return new HTCondorQmgmtError(`the schedd at ${where} found ${constraint} or the value of ${attr} invalid; the transaction was aborted`, { where, errno: r.errno });
  }
  return new HTCondorQmgmtError(`the schedd at ${where} could not set ${attr} in the jobs matching ${constraint} (errno ${r.errno}); the transaction was aborted`, {
    where,
    errno: r.errno,
  });
}

/** The commit's refusal as a typed error, from the ErrorReason the schedd recorded (QMGMT's messages in qmgmt.cpp). */
export function commitError(reply: CommitReply, where: string): Error {
  const errno = reply.errno !== undefined ? Math.abs(reply.errno) : undefined;
  const reason = reply.errorReason;
  const base = `the schedd at ${where} refused to commit the transaction, nothing was changed`;
  const text = reason ? `${base}: ${reason}` : `${base} (errno ${reply.errno})`;
  const attr = reason ? /(?:immutable|protected|secure) attribute (\S+)/.exec(reason)?.[1] : undefined;
  if (attr !== undefined) return new HTCondorProtectedAttributeError(text, { where, errno, reason, attribute: attr });
  if (reason && /do not own|not authenticated|Authentication is required/.test(reason)) {
    return new HTCondorAuthorizationError(`${text}; edit only your own jobs (or act as a queue superuser)`, { where, ...(errno !== undefined ? { code: errno } : {}) });
  }
  if (errno === QmgmtErrno.EACCES) return new HTCondorProtectedAttributeError(text, { where, errno, reason });
  return new HTCondorQmgmtError(text, { where, errno, reason });
}
