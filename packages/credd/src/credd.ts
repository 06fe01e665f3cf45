// htcondor.Credd (bindings/python/htcondor2/_credd.py, src/python-bindings/htcondor2/credd.cpp): passwords, user
// credentials (Kerberos, password) and OAuth service credentials, over STORE_CRED (store-cred.ts), and
// CREDD_CHECK_CREDS for check_user_service_creds. `user` defaults to "" everywhere: the credd then acts for the
// identity the connection authenticated as (the bindings guess the local user name instead).
import { ClassAd } from '@htcondor-ts/classad';
import {
  Commands,
  CredTypes,
  DaemonTypes,
  HTCondorIOError,
  HTCondorNotSupportedError,
  HTCondorValueError,
  type CallOptions,
} from '@htcondor-ts/core';
import { LocatedDaemon, type DaemonLocation, type LocatedOptions } from '@htcondor-ts/daemon';
import { CredCheck, CredStatus } from './cred-check.js';
import {
  CredResult,
  GENERIC_ADD,

  GENERIC_DELETE,
  GENERIC_QUERY,
  MODE_MASK,
  STORE_CRED_LEGACY_PWD,
  STORE_CRED_WAIT_FOR_CREDMON,
  credError,
  credFailed,
  doStoreCred,
} from './store-cred.js';

export interface CreddOptions extends LocatedOptions {}

export type Credential = Uint8Array | string;

function bytesOf(c: Credential | null | undefined): Uint8Array {
  if (c === null || c === undefined) {
    // The bindings would run SEC_CREDENTIAL_PRODUCER here; a library in a browser cannot.
    throw new HTCondorValueError('credential may not be empty (running SEC_CREDENTIAL_PRODUCER is not supported: pass the credential)');
  }
  const b = typeof c === 'string' ? new TextEncoder().encode(c) : c;
  if (!(b instanceof Uint8Array) || b.length === 0) throw new HTCondorValueError('credential may not be empty');
  return b;
}

function checkUser(user: string): void {
  if (typeof user !== 'string') throw new HTCondorValueError('user must be a string (user@domain, or "" for the authenticated identity)');
  if (user !== '' && !/^[^@]+@[^@]+$/.test(user)) throw new HTCondorValueError(`user must be user@domain, not ${JSON.stringify(user)}`);
  if (/^condor_pool@/i.test(user)) throw new HTCondorNotSupportedError('the pool password (condor_pool@...) is set with STORE_POOL_CRED to a master, which this library does not do');
}

function serviceAd(service: string, handle: string | null | undefined): ClassAd {
  if (typeof service !== 'string' || service === '') throw new HTCondorValueError('service must be a non-empty string');
  const ad = new ClassAd();
  ad.set('service', service);
  if (handle !== undefined && handle !== null && handle !== '') ad.set('handle', handle);
  return ad;
}

function oauthOnly(credType: CredTypes): void {
  if (credType !== CredTypes.OAuth) throw new HTCondorValueError(`service credentials are OAuth only: pass CredTypes.OAuth, not ${String(credType)}`);
}

export class Credd {
  readonly #daemon: LocatedDaemon;

  /** `location`: the credd's located ad or address; nothing: the pool's credd, located on first use. */
  constructor(location?: DaemonLocation, options: CreddOptions = {}) {
    this.#daemon = new LocatedDaemon(DaemonTypes.Credd, location, options);
  }

  /** Stores a (legacy) password for `user`. Only Windows credds keep user passwords; elsewhere the credd fails. */
  async addPassword(password: string, user = '', opts: CallOptions = {}): Promise<void> {
    if (typeof password !== 'string' || password.length === 0) throw new HTCondorValueError('password may not be empty');
    await this.#store(user, STORE_CRED_LEGACY_PWD | GENERIC_ADD, { password }, opts);
  }

  /** Deletes `user`'s password; false when none was stored. */
  async deletePassword(user = '', opts: CallOptions = {}): Promise<boolean> {
    const r = await this.#store(user, STORE_CRED_LEGACY_PWD | GENERIC_DELETE, {}, opts);
    return r?.result === CredResult.Success;
  }

  /** Whether a password is stored for `user`. */
  async queryPassword(user = '', opts: CallOptions = {}): Promise<boolean> {
    const r = await this.#store(user, STORE_CRED_LEGACY_PWD | GENERIC_QUERY, {}, opts);
    return r?.result === CredResult.Success;
  }

  /** Stores a Kerberos or password credential for `user`. */
  async addUserCred(credType: CredTypes, credential: Credential, user = '', opts: CallOptions = {}): Promise<void> {
    let mode: number = GENERIC_ADD;
    if (credType === CredTypes.Password) mode |= credType;
    else if (credType === CredTypes.Kerberos) mode |= credType | STORE_CRED_WAIT_FOR_CREDMON;
    else throw new HTCondorValueError('addUserCred takes CredTypes.Password or CredTypes.Kerberos (OAuth: addUserServiceCred)');
    await this.#store(user, mode, { credential: bytesOf(credential) }, opts);
  }

  /** Deletes `user`'s credential of `credType` (nothing happens when none is stored). */
  async deleteUserCred(credType: CredTypes, user = '', opts: CallOptions = {}): Promise<void> {
    this.#checkType(credType);
    await this.#store(user, GENERIC_DELETE | credType, {}, opts);
  }

  /**
   * Whether `user` has a credential of `credType`: undefined when none (or it is not yet processed, as the bindings
   * answer), else the credd's answer (the time it was stored, or 1).
   */
  async queryUserCred(credType: CredTypes, user = '', opts: CallOptions = {}): Promise<number | undefined> {
    this.#checkType(credType);
    let mode = GENERIC_QUERY | credType;
    if (credType !== CredTypes.Password) mode |= STORE_CRED_WAIT_FOR_CREDMON;
    const r = await this.#store(user, mode, {}, opts);
    if (!r || r.result === CredResult.SuccessPending) return undefined;
    return r.result;
  }

  /** Stores an OAuth credential of `service` (and `handle`) for `user`. */
  async addUserServiceCred(credType: CredTypes, credential: Credential, service: string, handle?: string | null, user = '', opts: CallOptions = {}): Promise<void> {
    oauthOnly(credType);
    await this.#store(user, GENERIC_ADD | CredTypes.OAuth, { credential: bytesOf(credential), serviceAd: serviceAd(service, handle) }, opts);
  }

  /** Deletes `user`'s OAuth credential of `service` (and `handle`). */
  async deleteUserServiceCred(credType: CredTypes, service: string, handle?: string | null, user = '', opts: CallOptions = {}): Promise<void> {
    oauthOnly(credType);
    await this.#store(user, GENERIC_DELETE | CredTypes.OAuth, { serviceAd: serviceAd(service, handle) }, opts);
  }

  /** What the credd has of `user`'s OAuth credential of `service`; undefined when none is stored. */
  async queryUserServiceCred(credType: CredTypes, service: string, handle?: string | null, user = '', opts: CallOptions = {}): Promise<CredStatus | undefined> {
    oauthOnly(credType);
    const r = await this.#store(user, GENERIC_QUERY | CredTypes.OAuth, { serviceAd: serviceAd(service, handle) }, opts);
    return r ? new CredStatus(r.result, r.ad ?? new ClassAd()) : undefined;
  }

  /**
   * Asks whether the OAuth credentials `serviceAds` describe (Service, [Handle, Scopes, Audience]) are stored
   * (CREDD_CHECK_CREDS); the answer holds a URL to visit when they are not.
   */
  async checkUserServiceCreds(credType: CredTypes, serviceAds: readonly ClassAd[], user = '', opts: CallOptions = {}): Promise<CredCheck> {
    oauthOnly(credType);
    checkUser(user);
    const names: string[] = [];
    const ads = serviceAds.map((a) => {
      if (!(a instanceof ClassAd)) throw new HTCondorValueError('every service must be a ClassAd');
      const name = a.get('Service');
      if (typeof name !== 'string') throw new HTCondorValueError("request has no 'Service' attribute");
      const handle = a.get('Handle');
      names.push(typeof handle === 'string' && handle !== '' ? `${name}*${handle}` : name);
      // Older credds leak values between requests when these are missing (do_check_oauth_creds): send "".
      const copy = new ClassAd();
      for (const k of a.keys()) copy.insert(k, a.lookup(k)!);
      for (const f of ['Handle', 'Scopes', 'Audience']) if (copy.get(f) === undefined || copy.get(f) === null) copy.set(f, '');
      return copy;
    });
    if (ads.length === 0) return new CredCheck('', '');
    const client = await this.#daemon.client(opts);
    const stream = await client.startCommand(Commands.CREDD_CHECK_CREDS, opts);
    let answer: string;
    try {
      stream.putInt(ads.length);
      for (const a of ads) stream.putClassAd(a);
      await stream.endOfMessage();
      answer = await stream.getString();
      await stream.finishMessage();
    } catch (e) {
      if (e instanceof HTCondorIOError) throw new HTCondorIOError(`CREDD_CHECK_CREDS to ${client.address.text} failed: ${e.message}`, { cause: e });
      throw e;
    } finally {
      stream.close();
    }
    return new CredCheck(names.join(','), answer);
  }

  #checkType(credType: CredTypes): void {
    if (!Object.values(CredTypes).includes(credType)) throw new HTCondorValueError(`${String(credType)} is not a CredTypes value`);
  }

  /** One STORE_CRED; NOT_FOUND for a query or delete is undefined (as the bindings' None), other failures throw. */
  async #store(
    user: string,
    mode: number,
    body: { credential?: Uint8Array; password?: string; serviceAd?: ClassAd },
    opts: CallOptions,
  ): Promise<{ result: number; ad: ClassAd | undefined } | undefined> {
    checkUser(user);
    const client = await this.#daemon.client(opts);
    const r = await doStoreCred(client, { user, mode, ...body }, opts);
    const op = mode & MODE_MASK;
    if (r.result === CredResult.NotFound && (op === GENERIC_QUERY || op === GENERIC_DELETE)) return undefined;
    if (credFailed(r.result, mode)) throw credError(r.result, mode, client.address.text, user);
    return r;
  }
}

