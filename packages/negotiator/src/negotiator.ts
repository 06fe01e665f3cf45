// htcondor.Negotiator: the accountant's priorities and usage (bindings/python/htcondor2/_negotiator.py,
// src/python-bindings/htcondor2/negotiator.cpp). Each call is one command on a fresh connection:
//   no payload:     cmd EOM                          (RESET_ALL_USAGE)
//   with return:    cmd EOM -> ClassAd EOM            (GET_PRIORITY, GET_PRIORITY_ROLLUP)
//   user:           cmd user EOM                      (DELETE_USER, RESET_USAGE)
//   user, return:   cmd user EOM -> ClassAd EOM       (GET_RESLIST)
//   user, value:    cmd user value EOM                (SET_*; a double, or an 8-byte int for times and ceilings)
// The setters get no reply: the negotiator's refusal shows in the security handshake (ADMINISTRATOR level), and a
// bad value is only logged by it.
import { ClassAd } from '@htcondor-ts/classad';
import {
  Commands,
  DaemonTypes,
  HTCondorIOError,
  HTCondorTypeError,
  HTCondorValueError,
  WireAdReader,
  adFromWire,
  type CallOptions,
  type CedarStream,
} from '@htcondor-ts/core';
import { LocatedDaemon, type DaemonLocation, type LocatedOptions } from '@htcondor-ts/daemon';
import { numberedAdsToList } from './numbered.js';

export interface NegotiatorOptions extends LocatedOptions {}

/** The negotiator sends its answers with getClassAdNoTypes' counterpart: no MyType/TargetType strings after the ad. */
async function getAdNoTypes(s: CedarStream): Promise<ClassAd> {
  const rd = new WireAdReader(false);
  for (;;) {
    const wire = rd.tryRead(s.reader, s.cryptoMode);
    if (wire) return adFromWire(wire);
    await s.fill();
  }
}

function checkUser(user: string): void {
  if (typeof user !== 'string') throw new HTCondorTypeError('user must be a string');
  if (!user.includes('@')) throw new HTCondorValueError(`You must specify the submitter (user@uid.domain), not ${JSON.stringify(user)}`);
}

function checkNumber(what: string, v: number, min: number, integer: boolean): void {
  if (typeof v !== 'number' || !Number.isFinite(v)) throw new HTCondorTypeError(`${what} must be a finite number`);
  if (v < min) throw new HTCondorValueError(`${what} must be >= ${min}, not ${v}`);
  if (integer && !Number.isInteger(v)) throw new HTCondorValueError(`${what} must be a whole number, not ${v}`);
}

export class Negotiator {
  readonly #daemon: LocatedDaemon;

  /** `location`: the negotiator's located ad or address; nothing: the pool's negotiator, located on first use. */
  constructor(location?: DaemonLocation, options: NegotiatorOptions = {}) {
    this.#daemon = new LocatedDaemon(DaemonTypes.Negotiator, location, options);
  }

  /** Removes every accounting record of `user` (DELETE_USER). */
  async deleteUser(user: string, opts: CallOptions = {}): Promise<void> {
    checkUser(user);
    return this.#send(Commands.DELETE_USER, opts, (s) => s.putString(user));
  }

  /** The accounting ads, one per principal and group (GET_PRIORITY, or GET_PRIORITY_ROLLUP with `rollup`). */
  async getPriorities(rollup = false, opts: CallOptions = {}): Promise<ClassAd[]> {
    const ad = await this.#ask(rollup ? Commands.GET_PRIORITY_ROLLUP : Commands.GET_PRIORITY, opts, () => {});
    return numberedAdsToList(ad);
  }

  /** The slots `user` is using, one ad each (GET_RESLIST). */
  async getResourceUsage(user: string, opts: CallOptions = {}): Promise<ClassAd[]> {
    checkUser(user);
    const ad = await this.#ask(Commands.GET_RESLIST, opts, (s) => s.putString(user));
    return numberedAdsToList(ad);
  }

  /** Sets every principal's accumulated usage to zero (RESET_ALL_USAGE). */
  async resetAllUsage(opts: CallOptions = {}): Promise<void> {
    return this.#send(Commands.RESET_ALL_USAGE, opts, () => {});
  }

  /** Sets `user`'s accumulated usage to zero (RESET_USAGE). */
  async resetUsage(user: string, opts: CallOptions = {}): Promise<void> {
    checkUser(user);
    return this.#send(Commands.RESET_USAGE, opts, (s) => s.putString(user));
  }

  /** Sets when `user`'s usage began, in Unix seconds (SET_BEGINTIME). A fraction is dropped, as the bindings do. */
  async setBeginUsage(user: string, when: number, opts: CallOptions = {}): Promise<void> {
    checkUser(user);
    checkNumber('when', when, Number.MIN_SAFE_INTEGER, false);
    return this.#send(Commands.SET_BEGINTIME, opts, (s) => s.putString(user).putInt(Math.trunc(when)));
  }

  /** Sets `user`'s submitter ceiling (SET_CEILING); -1 means none. */
  async setCeiling(user: string, ceiling: number, opts: CallOptions = {}): Promise<void> {
    checkUser(user);
    checkNumber('ceiling', ceiling, -1, false);
    return this.#send(Commands.SET_CEILING, opts, (s) => s.putString(user).putInt(Math.trunc(ceiling)));
  }

  /** Sets when `user`'s usage last changed, in Unix seconds (SET_LASTTIME). */
  async setLastUsage(user: string, when: number, opts: CallOptions = {}): Promise<void> {
    checkUser(user);
    checkNumber('when', when, Number.MIN_SAFE_INTEGER, false);
    return this.#send(Commands.SET_LASTTIME, opts, (s) => s.putString(user).putInt(Math.trunc(when)));
  }

  /** Sets `user`'s priority factor, >= 1 (SET_PRIORITYFACTOR). */
  async setFactor(user: string, factor: number, opts: CallOptions = {}): Promise<void> {
    checkUser(user);
    checkNumber('factor', factor, 1, false);
    return this.#send(Commands.SET_PRIORITYFACTOR, opts, (s) => s.putString(user).putDouble(factor));
  }

  /** Sets `user`'s effective priority, >= 0 (SET_PRIORITY). */
  async setPriority(user: string, priority: number, opts: CallOptions = {}): Promise<void> {
    checkUser(user);
    checkNumber('priority', priority, 0, false);
    return this.#send(Commands.SET_PRIORITY, opts, (s) => s.putString(user).putDouble(priority));
  }

  /**
   * Sets `user`'s accumulated usage, >= 0 (SET_ACCUMUSAGE). The negotiator stores the number as the principal's
   * WeightedAccumulatedUsage unchanged (Accountant::SetAccumUsage), in the unit condor_userprio divides by 3600 to show
   * hours; the bindings' documentation says hours.
   */
  async setUsage(user: string, usage: number, opts: CallOptions = {}): Promise<void> {
    checkUser(user);
    checkNumber('usage', usage, 0, false);
    return this.#send(Commands.SET_ACCUMUSAGE, opts, (s) => s.putString(user).putDouble(usage));
  }

  async #send(command: number, opts: CallOptions, payload: (s: CedarStream) => void): Promise<void> {
    await this.#conversation(command, opts, async (s) => {
      payload(s);
      await s.endOfMessage();
    });
  }

  async #ask(command: number, opts: CallOptions, payload: (s: CedarStream) => void): Promise<ClassAd> {
    return this.#conversation(command, opts, async (s) => {
      payload(s);
      await s.endOfMessage();
      const ad = await getAdNoTypes(s);
      await s.finishMessage();
      return ad;
    });
  }

  async #conversation<T>(command: number, opts: CallOptions, body: (s: CedarStream) => Promise<T>): Promise<T> {
    const client = await this.#daemon.client(opts);
    const stream = await client.startCommand(command, opts);
    try {
      return await body(stream);
    } catch (e) {
      if (e instanceof HTCondorIOError) {
        throw new HTCondorIOError(`negotiator command ${command} to ${client.address.text} failed: ${e.message}`, { cause: e, where: client.address.text });
      }
      throw e;
    } finally {
      stream.close();
    }
  }
}
