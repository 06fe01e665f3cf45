// htcondor.Startd: drain and cancel (bindings/python/htcondor2/_startd.py, DCStartd::drainJobs / cancelDrainJobs in
// src/condor_daemon_client/dc_startd.cpp).
//   DRAIN_JOBS:        {DrainReason, HowFast, ResumeOnCompletion, [CheckExpr], [StartExpr]} EOM
//                      -> {Result, RequestID, [ErrorString, ErrorCode]} EOM
//   CANCEL_DRAIN_JOBS: {[RequestID]} EOM -> {Result, [ErrorString, ErrorCode]} EOM
// Both need ADMINISTRATOR; a refusal comes from the security handshake as HTCondorAuthorizationError.
import { ClassAd, type ExprTree } from '@htcondor-ts/classad';
import { constraintExpr } from '@htcondor-ts/collector';
import {
  Commands,
  DaemonTypes,
  DrainTypes,
  HTCondorIOError,
  HTCondorReplyError,
  HTCondorValueError,
  type CallOptions,
  type CedarStream,
} from '@htcondor-ts/core';
import { LocatedDaemon, type DaemonLocation, type LocatedOptions } from '@htcondor-ts/daemon';

/** What the startd does once drained (htcondor.CompletionType; DRAIN_*_ON_COMPLETION in condor_commands.h). */
export const CompletionType = {
  Nothing: 0,
  Resume: 1,
  Exit: 2,
  Restart: 3,
  Reconfig: 4,
} as const;
export type CompletionType = (typeof CompletionType)[keyof typeof CompletionType];

export interface StartdOptions extends LocatedOptions {}


function oneOf(what: string, v: number, values: Record<string, number>): void {
  if (!Object.values(values).includes(v)) {
    throw new HTCondorValueError(`${what} ${String(v)} is not one of ${Object.entries(values).map(([k, n]) => `${k} (${n})`).join(', ')}`);
  }
}

export class Startd {
  readonly #daemon: LocatedDaemon;

  /** `location`: the startd's located ad or address; nothing: the pool's first startd, located on first use. */
  constructor(location?: DaemonLocation, options: StartdOptions = {}) {
    this.#daemon = new LocatedDaemon(DaemonTypes.Startd, location, options);
  }

  /**
   * Starts draining the startd; resolves to the request id that cancelDrainJobs takes. `checkExpr` must be true of
   * every slot for the drain to be accepted; `startExpr` replaces START while draining.
   */
  async drainJobs(
    drainType: DrainTypes = DrainTypes.Graceful,
    onCompletion: CompletionType = CompletionType.Nothing,
    checkExpr?: string | ExprTree | null,
    startExpr?: string | ExprTree | null,
    reason?: string | null,
    opts: CallOptions = {},
  ): Promise<string> {
    oneOf('drain type', drainType, DrainTypes);
    oneOf('completion type', onCompletion, CompletionType);
    const ad = new ClassAd();
    ad.set('DrainReason', reason ?? 'by htcondor-ts');
    ad.set('HowFast', drainType);
    ad.set('ResumeOnCompletion', onCompletion);
    if (checkExpr !== undefined && checkExpr !== null) ad.insert('CheckExpr', constraintExpr(checkExpr));
    if (startExpr !== undefined && startExpr !== null) ad.insert('StartExpr', constraintExpr(startExpr));
    const reply = await this.#exchange(Commands.DRAIN_JOBS, ad, opts);
    const id = reply.get('RequestID');
    if (typeof id !== 'string') throw new HTCondorReplyError('the startd accepted the drain but sent no RequestID; cancel it with cancelDrainJobs() without an id');
    return id;
  }

  /** Cancels the drain `requestId` (or any drain, with none) and lets the slots run jobs again. */
  async cancelDrainJobs(requestId?: string | null, opts: CallOptions = {}): Promise<void> {
    const ad = new ClassAd();
    if (requestId !== undefined && requestId !== null) {
      if (typeof requestId !== 'string') throw new HTCondorValueError('requestId must be the string drainJobs() returned');
      ad.set('RequestID', requestId);
    }
    await this.#exchange(Commands.CANCEL_DRAIN_JOBS, ad, opts);
  }

  async #exchange(command: number, request: ClassAd, opts: CallOptions): Promise<ClassAd> {
    const client = await this.#daemon.client(opts);
    const stream: CedarStream = await client.startCommand(command, opts);
    let reply: ClassAd;
    try {
      stream.putClassAd(request);
      await stream.endOfMessage();
      reply = await stream.getClassAd();
      await stream.finishMessage();
    } catch (e) {
      if (e instanceof HTCondorIOError) throw new HTCondorIOError(`${commandName(command)} to ${client.address.text} failed: ${e.message}`, { cause: e, where: client.address.text });
      throw e;
    } finally {
      stream.close();
    }
    if (reply.get('Result') !== true) {
      const msg = reply.get('ErrorString');
      const code = reply.get('ErrorCode');
      throw new HTCondorReplyError(
        `the startd at ${client.address.text} refused ${commandName(command)}: ${typeof msg === 'string' ? msg : 'no reason given'}`,
        { where: client.address.text, ...(typeof code === 'bigint' || typeof code === 'number' ? { code: Number(code) } : {}) },
      );
    }
    return reply;
  }
}

function commandName(c: number): string {
  return c === Commands.DRAIN_JOBS ? 'DRAIN_JOBS' : 'CANCEL_DRAIN_JOBS';
}
