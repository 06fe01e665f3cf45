// Token and TokenRequest, after the Python bindings' htcondor.Token / htcondor.TokenRequest (src/python-bindings/
// secman.cpp) and Daemon::startTokenRequest / finishTokenRequest (src/condor_daemon_client/daemon.cpp):
//   DC_START_TOKEN_REQUEST 60047: {User, ClientId, [LimitAuthorization], [TokenLifetime]} -> {Token} (auto-approved)
//     | {RequestId} (queued for condor_token_request_approve) | {ErrorString, ErrorCode}
//   DC_FINISH_TOKEN_REQUEST 60048: {ClientId, RequestId} -> {Token} ("" while pending) | {ErrorString, ErrorCode}
// The server queues a request only over an encrypted, non-ANONYMOUS session (unless an auto-approval rule matches).
import { HTCondorIOError, HTCondorReplyError, HTCondorTimeoutError, HTCondorValueError } from '../errors.js';
import { Commands } from '../protocol/commands.generated.js';
import { randomBytes } from './crypto.js';
import { parseToken, type TokenClaims } from './jwt.js';
import { PolicyAd, getPolicyAd, putPolicyAd } from './policy-ad.js';
import type { CommandStarter } from './security-context.js';

/** An IDTOKEN (htcondor.Token). The value is a secret: never log it. */
export class Token {
  readonly value: string;
  readonly claims: TokenClaims;
  constructor(value: string) {
    this.value = value.trim();
    this.claims = parseToken(this.value).claims;
  }
  /** The identity the token names (its sub). */
  get identity(): string | undefined {
    return this.claims.sub;
  }
  toString(): string {
    return `Token(sub=${this.claims.sub ?? '?'}, iss=${this.claims.iss ?? '?'}, kid=${this.claims.kid ?? '?'})`;
  }
  toJSON(): string {
    return this.toString();
  }
}

export interface TokenRequestOptions {
  /** The identity requested: "alice@domain", or "alice" with uidDomain (default condor@<uidDomain>, as the C++). */
  identity?: string;
  /** The pool's UID_DOMAIN, used when identity has no "@" (and for the default identity condor@<uidDomain>). */
  uidDomain?: string;
  /** Authorization limits, e.g. ["READ", "WRITE"] (LimitAuthorization). */
  boundingSet?: readonly string[];
  /** Requested lifetime in seconds (the server caps it); default: the server's. */
  lifetime?: number;
  /** The client id shown to the approver (default TOOL-htcondor-ts-<random>). */
  clientId?: string;
}

function replyError(ad: PolicyAd, where: string): HTCondorReplyError | undefined {
  const msg = ad.getString('ErrorString');
  if (msg === undefined) return undefined;
  return new HTCondorReplyError(`${where} refused the token request: ${msg}`, { where, code: ad.getNumber('ErrorCode') ?? -1 });
}

/** A request for a new IDTOKEN, approved by a pool administrator (htcondor.TokenRequest). */
export class TokenRequest {
  readonly #ad = new PolicyAd();
  readonly #clientId: string;
  #daemon: CommandStarter | undefined;
  #where = 'the daemon';
  #requestId: string | undefined;
  #token: string | undefined;

  constructor(options: TokenRequestOptions = {}) {
    const id = options.identity ?? '';
    let user: string;
    if (id === '') {
      if (!options.uidDomain) throw new HTCondorValueError('TokenRequest: give an identity "user@domain", or uidDomain for the default condor@<uidDomain>');
      user = `condor@${options.uidDomain}`;
    } else if (id.includes('@')) user = id;
    else {
      if (!options.uidDomain) throw new HTCondorValueError(`TokenRequest: identity ${JSON.stringify(id)} has no domain; give "user@domain" or uidDomain`);
      user = `${id}@${options.uidDomain}`;
    }
    if (options.boundingSet && options.boundingSet.length > 0) this.#ad.set('LimitAuthorization', options.boundingSet.join(','));
    if (options.lifetime !== undefined && options.lifetime > 0) this.#ad.set('TokenLifetime', options.lifetime);
    this.#ad.set('User', user);
    this.#clientId = options.clientId ?? `TOOL-htcondor-ts-${(new DataView(randomBytes(4).buffer).getUint32(0) % 100000).toString()}`;
    this.#ad.set('ClientId', this.#clientId);
  }

  get clientId(): string {
    return this.#clientId;
  }

  /** The id the approver passes to condor_token_request_approve -reqid. */
  get requestId(): string {
    if (this.#requestId === undefined) throw new HTCondorIOError('Request ID requested prior to submitting request!');
    return this.#requestId;
  }

  /** Sends the request (DC_START_TOKEN_REQUEST) to a daemon, usually the collector, through its security context. */
  async submit(daemon: CommandStarter, where?: string): Promise<void> {
    if (this.#daemon) throw new HTCondorIOError('Token request already submitted.');
    this.#where = where ?? this.#where;
    const s = await daemon.startCommand(Commands.DC_START_TOKEN_REQUEST);
    let reply: PolicyAd;
    try {
      putPolicyAd(s, this.#ad);
      await s.endOfMessage();
      reply = await getPolicyAd(s);
      await s.finishMessage();
    } finally {
      s.close();
    }
    const err = replyError(reply, this.#where);
    if (err) throw err;
    const token = reply.getString('Token');
    if (token) this.#token = token;
    else {
      const id = reply.getString('RequestId');
      if (!id) throw new HTCondorReplyError(`${this.#where} answered the token request with neither a token, a request id nor an error`, { where: this.#where });
      this.#requestId = id;
    }
    this.#daemon = daemon;
  }

  /** Whether the token was granted (asks the daemon with DC_FINISH_TOKEN_REQUEST while pending). */
  async done(): Promise<boolean> {
    if (this.#token) return true;
    if (!this.#daemon || this.#requestId === undefined) throw new HTCondorIOError('Request has not been submitted to a remote daemon');
    const s = await this.#daemon.startCommand(Commands.DC_FINISH_TOKEN_REQUEST);
    let reply: PolicyAd;
    try {
      putPolicyAd(s, new PolicyAd([['ClientId', this.#clientId], ['RequestId', this.#requestId]]));
      await s.endOfMessage();
      reply = await getPolicyAd(s);
      await s.finishMessage();
    } finally {
      s.close();
    }
    const err = replyError(reply, this.#where);
    if (err) throw err;
    const token = reply.getString('Token');
    if (token === undefined) throw new HTCondorReplyError(`${this.#where} answered DC_FINISH_TOKEN_REQUEST without a token attribute`, { where: this.#where });
    if (token) this.#token = token;
    return !!token;
  }

  /** Waits for approval, polling (every 5 s as the bindings do, or `pollMs`); 0 = wait forever. */
  async result(timeoutSeconds = 0, pollMs = 5000, signal?: AbortSignal): Promise<Token> {
    const deadline = timeoutSeconds > 0 ? Date.now() + timeoutSeconds * 1000 : Infinity;
    for (;;) {
      if (await this.done()) return new Token(this.#token!);
      if (signal?.aborted) throw new HTCondorIOError('waiting for token approval was aborted', { cause: signal.reason });
      const left = deadline - Date.now();
      if (left <= 0) throw new HTCondorTimeoutError('Timed out waiting for token approval');
      await new Promise((r) => setTimeout(r, Math.min(pollMs, left)));
    }
  }
}

export interface FetchTokenOptions {
  /** Authorization limits, e.g. ["READ"] (LimitAuthorization). */
  boundingSet?: readonly string[];
  /** Requested lifetime in seconds (the daemon caps it). */
  lifetime?: number;
  /** Signing key id to use (RequestedKey); default the daemon's. */
  keyId?: string;
}

/**
 * condor_token_fetch (Daemon::getSessionToken, DC_GET_SESSION_TOKEN 60046): a token for the identity we are
 * authenticated as, from a daemon whose signing key the pool trusts. Needs an authenticated session.
 */
export async function fetchToken(daemon: CommandStarter, options: FetchTokenOptions = {}, where = 'the daemon'): Promise<Token> {
  const ad = new PolicyAd();
  if (options.boundingSet && options.boundingSet.length > 0) ad.set('LimitAuthorization', options.boundingSet.join(','));
  if (options.lifetime !== undefined && options.lifetime > 0) ad.set('TokenLifetime', options.lifetime);
  if (options.keyId) ad.set('RequestedKey', options.keyId);
  const s = await daemon.startCommand(Commands.DC_GET_SESSION_TOKEN);
  let reply: PolicyAd;
  try {
    putPolicyAd(s, ad);
    await s.endOfMessage();
    reply = await getPolicyAd(s);
    await s.finishMessage();
  } finally {
    s.close();
  }
  const err = replyError(reply, where);
  if (err) throw err;
  const token = reply.getString('Token');
  if (!token) throw new HTCondorReplyError(`${where} answered DC_GET_SESSION_TOKEN with neither a token nor an error`, { where });
  return new Token(token);
}
