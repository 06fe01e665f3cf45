// htcondor.Schedd: job queries, actions, edits, transactions, history, reschedule. The wire conversations live in
// their own modules (job-query, act, qmgmt/transaction, history); this class locates the schedd and wires them up.
import { ClassAd } from '@htcondor-ts/classad';
import { Collector, type Constraint } from '@htcondor-ts/collector';
import {
  Commands,
  DaemonClient,
  DaemonTypes,
  HTCondorAuthenticationError,
  HTCondorNotSupportedError,
  HTCondorValueError,
  JobAction,
  QueryOpts,
  TransactionFlags,
  parseSinful,
  type CallOptions,
  type DaemonClientOptions,
  type Sinful,
} from '@htcondor-ts/core';
import { actOnJobs, buildActAd, type ActionReason } from './act.js';
import { EditResult, type EditAttributes, type EditValue } from './edit-value.js';
import { buildHistoryRequest, readHistoryAds, type HistorySince } from './history.js';
import { buildJobQuery, readJobAds } from './job-query.js';
import type { JobSpec } from './job-spec.js';
import { QueryIterator } from './query-iterator.js';
import { Transaction, checkTransactionFlags } from './transaction.js';

export interface ScheddOptions extends DaemonClientOptions {
  /** The collector used to find the schedd when no location is given. */
  collector?: Collector | string;
  /** The owner for QueryOpts.DefaultMyJobsOnly. */
  owner?: string;
}

/** A stream of history ads (htcondor.HistoryIterator). `for await` it; leaving the loop early closes the connection. */
export type HistoryIterator = AsyncGenerator<ClassAd, void, undefined>;

export class Schedd {
  readonly #options: ScheddOptions;
  #client: Promise<DaemonClient> | undefined;
  #name: string | undefined;
  #txn: Transaction | undefined;

  /**
   * `location`: a located ad (from Collector.locate), an address (sinful or host:port), or nothing for the pool's
   * schedd as the collector knows it (located on first use).
   */
  constructor(location?: ClassAd | string, options: ScheddOptions = {}) {
    this.#options = options;
    if (location !== undefined) {
      this.#client = Promise.resolve(new DaemonClient(addressOf(location), options));
      const name = typeof location === 'string' ? location : location.get('Name');
      if (typeof name === 'string') this.#name = name;
    }
  }

  /** The schedd's address (locating it first if needed). */
  async address(opts: CallOptions = {}): Promise<Sinful> {
    return (await this.#daemon(opts)).address;
  }

  #daemon(opts: CallOptions): Promise<DaemonClient> {
    if (!this.#client) {
      const c = this.#options.collector;
      const collector = c instanceof Collector ? c : new Collector(c, this.#options);
      this.#client = collector.locate(DaemonTypes.Schedd, undefined, opts).then((ad) => {
        const name = ad.get('Name');
        if (typeof name === 'string') this.#name = name;
        return new DaemonClient(addressOf(ad), this.#options);
      });
      // A failed locate is retried on the next call.
      this.#client.catch(() => {
        this.#client = undefined;
      });
    }
    return this.#client;
  }

  /**
   * Streams job ads as they arrive (htcondor.Schedd.xquery). `limit` -1: all. `name` tags the iterator (for poll());
   * it defaults to the schedd's name. The request is checked here; the connection opens on the first read.
   */
  xquery(
    constraint: Constraint = 'true',
    projection: readonly string[] = [],
    limit = -1,
    opts: number = QueryOpts.Default,
    name?: string,
    callOpts: CallOptions = {},
  ): QueryIterator {
    const request = buildJobQuery({ constraint, projection, limit, opts, owner: this.#options.owner, serverTime: false });
    // The default tag is the schedd's name, known once it has been located (a Schedd built without a location).
    return new QueryIterator(this.#query(request, (opts & QueryOpts.SummaryOnly) !== 0, callOpts), name ?? (() => this.#name ?? 'schedd'));
  }

  /**
   * The job ads matching a constraint, collected (htcondor.Schedd.query); each carries ServerTime as in the
   * bindings. `callback`, if given, is called on each ad and its non-undefined results are returned instead.
   */
  async query<T = ClassAd>(
    constraint: Constraint = '',
    projection: readonly string[] = [],
    callback?: (ad: ClassAd) => T | undefined,
    limit = -1,
    opts: number = QueryOpts.Default,
    callOpts: CallOptions = {},
  ): Promise<T[]> {
    const request = buildJobQuery({ constraint, projection, limit, opts, owner: this.#options.owner, serverTime: true });
    const out: T[] = [];
    for await (const ad of this.#query(request, (opts & QueryOpts.SummaryOnly) !== 0, callOpts)) {
      if (callback) {
        const r = callback(ad);
        if (r !== undefined) out.push(r);
      } else {
        out.push(ad as unknown as T);
      }
    }
    return out;
  }

  async *#query(request: ClassAd, summary: boolean, callOpts: CallOptions): AsyncGenerator<ClassAd, void, undefined> {
    this.#noOpenTransaction('query');
    const client = await this.#daemon(callOpts);
    const stream = await client.startCommand(Commands.QUERY_JOB_ADS, callOpts);
    try {
      stream.putClassAd(request);
      await stream.endOfMessage();
      yield* readJobAds(stream, client.address.text, summary);
    } finally {
      stream.close();
    }
  }

  /**
   * Acts on jobs (htcondor.Schedd.act): Hold, Release, Remove, RemoveX, Vacate, VacateFast, Suspend, Continue, by
   * ids ("12.0", or "12" for a cluster) or a constraint. Returns the result ad with the bindings' names
   * (TotalSuccess, TotalNotFound, TotalBadStatus, TotalAlreadyDone, TotalPermissionDenied, TotalError,
   * TotalJobAds, TotalChangedAds). When no job changed, throws HTCondorJobPermissionError (the jobs are someone
   * else's) or HTCondorJobActionError (none matched or none was in a state the action applies to), each carrying
   * that ad as `result`. Needs an authenticated identity (the `security` option).
   */
  async act(action: JobAction, jobs: JobSpec, reason?: ActionReason, callOpts: CallOptions = {}): Promise<ClassAd> {
    const request = buildActAd(action, jobs, reason);
    this.#noOpenTransaction('act');
    const client = this.#authenticated(await this.#daemon(callOpts), 'act() (ACT_ON_JOBS)');
    const stream = await client.startCommand(Commands.ACT_ON_JOBS, callOpts);
    try {
      return await actOnJobs(stream, request, client.address.text);
    } finally {
      stream.close();
    }
  }

  /**
   * Edits jobs (htcondor.Schedd.edit): sets `attr` to `value` (expression text, an ExprTree, or a literal; to set a
   * string, quote it: '"foo"'), or several attributes given as a ClassAd or an object. All changes are committed
   * together or not at all. By constraint, only the caller's own jobs are edited (as condor_qedit does). Refusals
   * are typed: HTCondorProtectedAttributeError (immutable, protected or secure attributes),
   * HTCondorAuthorizationError (another user's job), HTCondorQmgmtError (no such job, invalid value). Inside an
   * open transaction(), the edit joins it and is applied at its commit.
   */
  edit(jobs: JobSpec, attr: string, value: EditValue, flags?: number, callOpts?: CallOptions): Promise<EditResult>;
  edit(jobs: JobSpec, attrs: EditAttributes, flags?: number, callOpts?: CallOptions): Promise<EditResult>;
  async edit(
    jobs: JobSpec,
    a: string | EditAttributes,
    b?: EditValue | number,
    c?: number | CallOptions,
    d?: CallOptions,
  ): Promise<EditResult> {
    const single = typeof a === 'string';
    const flags = (single ? (c as number | undefined) : (b as number | undefined)) ?? TransactionFlags.None;
    const callOpts = (single ? d : (c as CallOptions | undefined)) ?? {};
    const run = (t: Transaction): Promise<EditResult> => (single ? t.edit(jobs, a, b as EditValue, flags) : t.edit(jobs, a, flags));
    if (this.#txn?.active) return run(this.#txn);
    return this.#inTransaction(flags, callOpts, run);
  }

  /**
   * Several edits in one transaction (the bindings' edit_multiple, which v1 declares but does not implement):
   * each entry is [jobs, attributes]. Returns the total number of job edits.
   */
  async editMultiple(edits: ReadonlyArray<readonly [JobSpec, EditAttributes]>, flags: number = TransactionFlags.None, callOpts: CallOptions = {}): Promise<EditResult> {
    if (!Array.isArray(edits) || edits.length === 0) throw new HTCondorValueError('editMultiple needs a non-empty list of [jobs, attributes] pairs');
    const run = async (t: Transaction): Promise<EditResult> => {
      let n = 0;
      for (const [jobs, attrs] of edits) n += (await t.edit(jobs, attrs, flags)).changes;
      return new EditResult(n);
    };
    if (this.#txn?.active) return run(this.#txn);
    return this.#inTransaction(flags, callOpts, run);
  }

  async #inTransaction<T>(flags: number, callOpts: CallOptions, fn: (t: Transaction) => Promise<T>): Promise<T> {
    const txn = await this.transaction(flags & (TransactionFlags.NonDurable | TransactionFlags.ShouldLog | TransactionFlags.SetDirty), false, callOpts);
    try {
      const r = await fn(txn);
      await txn.commit();
      return r;
    } finally {
      await txn.abort();
    }
  }

  /**
   * Opens a transaction (htcondor.Schedd.transaction): one queue-management connection on which every edit is
   * applied at commit() together, or not at all (abort(), a failed call, or a refused commit). While it is open,
   * this Schedd's edit() goes through it, and calls that need the schedd's attention elsewhere (query, act,
   * history, reschedule) are refused: the schedd serves nothing else until the transaction ends. With
   * `continueTxn`, joins the transaction already open (only its outermost commit commits); otherwise an open
   * transaction is an error, as in the bindings. The schedd closes a transaction's connection (aborting it) after
   * 20 s without a call, so make its calls without long pauses.
   */
  async transaction(flags: number = TransactionFlags.None, continueTxn = false, callOpts: CallOptions = {}): Promise<Transaction> {
    checkTransactionFlags(flags);
    if (this.#txn?.active) {
      if (!continueTxn) throw new HTCondorValueError('a transaction is already open on this Schedd: commit or abort it first, or pass continueTxn = true to join it');
      return this.#txn.join();
    }
    const client = this.#authenticated(await this.#daemon(callOpts), 'edits and transactions (QMGMT_WRITE_CMD)');
    const stream = await client.startCommand(Commands.QMGMT_WRITE_CMD, callOpts);
    const txn = new Transaction(stream, client.address.text, flags, () => {
      if (this.#txn === txn) this.#txn = undefined;
    });
    this.#txn = txn;
    await txn.begin();
    return txn;
  }

  /**
   * Streams job history records (htcondor.Schedd.history), newest first: `constraint` (null or '' for all),
   * `projection` ([] for every attribute), at most `match` records (-1: all, up to the schedd's
   * HISTORY_HELPER_MAX_HISTORY), stopping before the record that makes `since` true (a cluster id, a
   * "cluster.proc" id, or an expression).
   */
  async *history(
    constraint: Constraint | null = null,
    projection: readonly string[] = [],
    match = -1,
    since: HistorySince | null = null,
    callOpts: CallOptions = {},
  ): HistoryIterator {
    const request = buildHistoryRequest({ constraint, projection, match, since });
    this.#noOpenTransaction('history');
    const client = await this.#daemon(callOpts);
    const stream = await client.startCommand(Commands.QUERY_SCHEDD_HISTORY, callOpts);
    try {
      stream.putClassAd(request);
      await stream.endOfMessage();
      yield* readHistoryAds(stream, client.address.text);
    } finally {
      stream.close();
    }
  }

  /** Asks the schedd to renegotiate for its idle jobs now (htcondor.Schedd.reschedule; RESCHEDULE, no payload). */
  async reschedule(callOpts: CallOptions = {}): Promise<void> {
    this.#noOpenTransaction('reschedule');
    const client = await this.#daemon(callOpts);
    const stream = await client.startCommand(Commands.RESCHEDULE, callOpts);
    try {
      // A raw command's int is still waiting in the buffer; a negotiated one carried the command in its auth ad.
      await stream.endOfMessage();
    } finally {
      stream.close();
    }
  }

  /** GSI is gone from HTCondor 23.x: always throws HTCondorNotSupportedError. */
  async refreshGSIProxy(cluster: number, proc: number, proxyFilename: string, lifetime = -1): Promise<never> {
    void lifetime;
    throw new HTCondorNotSupportedError(
      `cannot refresh the GSI proxy of job ${cluster}.${proc} from ${proxyFilename}: HTCondor 23.x has no GSI; use SciTokens or IDTOKENS credentials (Credd) instead`,
    );
  }

  /**
   * The schedd registers ACT_ON_JOBS and QMGMT_WRITE_CMD with force_authentication: without a security context the
   * command would be sent raw and the connection dropped with nothing said, so say it here.
   */
  #authenticated(client: DaemonClient, what: string): DaemonClient {
    if (!client.security) {
      throw new HTCondorAuthenticationError(
        `${what} needs an authenticated identity and this Schedd has none: pass { security: new SecurityContext({ token }) } (or another SecurityProvider) in its options`,
        { where: client.address.text },
      );
    }
    return client;
  }

  #noOpenTransaction(what: string): void {
    if (this.#txn?.active) {
      throw new HTCondorValueError(
        `${what}() while a transaction is open on this Schedd would wait forever: the schedd serves nothing else until the transaction ends; commit or abort it first`,
      );
    }
  }
}

function addressOf(location: ClassAd | string): string {
  if (typeof location === 'string') {
    parseSinful(location);
    return location;
  }
  const addr = location.get('MyAddress') ?? location.get('ScheddIpAddr');
  if (typeof addr !== 'string') throw new HTCondorValueError('the schedd ad has no MyAddress; pass an ad from Collector.locate() or an address');
  return addr;
}
