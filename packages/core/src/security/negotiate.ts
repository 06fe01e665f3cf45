// The client half of DC_AUTHENTICATE (60010) on one connection, after SecManStartCommand (condor_secman.cpp, 23.9.6):
//  new session:  C->S int 60010, auth-info ad, EOM
//                S->C reconciled policy ad (we send Enact="NO", so the server tells us its decision)
//                [Authentication=YES] method rounds: C->S int bitmask; S->C int chosen; the method's exchange;
//                  on failure drop that method and repeat; then S->C int hasKey (0: ECDH key, nothing on the wire)
//                [a key] crypto on: AES-256-GCM, first-packet AAD binding the plaintext transcript
//                S->C post-auth ad {Sid, User, ValidCommands, ReturnCode}
//  resumption:   C->S int 60010, {UseSession, Sid, Command, ConnectSinful, CryptoMethods, Nonce, ResumeResponse,
//                RemoteVersion}, EOM; S->C {ReturnCode AUTHORIZED | SID_NOT_FOUND, Nonce}; crypto on with the
//                cached key.
// Then the command payload follows on the same stream.
import { HTCondorAuthenticationError, HTCondorAuthorizationError, HTCondorIOError, HTCondorProtocolError } from '../errors.js';
import { Commands } from '../protocol/commands.generated.js';
import type { CedarStream } from '../stream/cedar-stream.js';
import { AesGcmPacketCipher, digestTranscript } from './aes-gcm-cipher.js';
import { toBase64 } from './bytes.js';
import { randomBytes } from './crypto.js';
import type { KeyExchange } from './ecdh.js';
import type { ClientAuthMethod } from './methods/method.js';
import { AuthMethodBits, displayMethodName, methodForBit, wireMethodName, type WireMethod } from './methods/names.js';
import { CLIENT_VERSION, type ResolvedSettings } from './options.js';
import { PolicyAd, getPolicyAd, putPolicyAd } from './policy-ad.js';
import type { CachedSession } from './session-cache.js';
import { logger } from '../logging/logger.js';
import { HTCondorSessionNotFoundError, type SessionInfo } from './session-info.js';

export interface CommandRequest {
  command: number;
  authCommand?: number | undefined;
  connectSinful: string;
  daemonKey: string;
  signal?: AbortSignal | undefined;
}

/** What the handshake needs from its SecurityContext. */
export interface NegotiationEnv {
  settings: ResolvedSettings;
  /** Our ephemeral ECDH key pair for this connection (generated ahead of time by the context). */
  keyExchange: () => Promise<KeyExchange>;
  /** Methods we can offer now, in our preference order. */
  methods: ClientAuthMethod[];
  pid: number;
  now: () => number;
}

export interface NewSessionResult {
  info: SessionInfo;
  session: CachedSession | undefined;
  /** The session's policy as the client keeps it (what SecMan.ping reports). */
  policy: PolicyAd;
}

const log = logger('security');

/** The attributes a client copies from the server's reconciled policy (receiveAuthInfo_inner). */
const COPIED = [
  'RemoteVersion', 'Enact', 'AuthMethodsList', 'AuthMethods', 'CryptoMethods', 'CryptoMethodsList', 'Authentication',
  'AuthRequired', 'Encryption', 'Integrity', 'SessionDuration', 'SessionLease', 'IssuerKeys', 'TrustDomain',
  'LimitAuthorization',
] as const;

function yes(v: string | undefined): boolean {
  return !!v && /^[YT]/i.test(v);
}

function closedDuring(e: unknown, what: string, where: string): never {
  if (e instanceof HTCondorIOError && !(e instanceof HTCondorProtocolError) && /closed/.test(e.message)) {
    throw new HTCondorAuthenticationError(
      `${where} closed the connection during ${what}; usually the command is unknown to it, or its security policy and ours cannot be reconciled (a side requires what the other refuses) — the daemon's log with D_SECURITY says which`,
      { cause: e, where },
    );
  }
  throw e;
}

/** The auth-info ad of a new session (FillInSecurityPolicyAd + the attributes sendAuthInfo_inner adds). */
export function buildAuthInfo(env: NegotiationEnv, req: CommandRequest, ecdhPublicKey: string): PolicyAd {
  const s = env.settings;
  const ad = new PolicyAd();
  let auth = s.authentication;
  let enc = s.encryption;
  let integ = s.integrity;
  if (env.methods.length > 0) {
    ad.set('AuthMethods', env.methods.map((m) => m.name).join(','));
  } else {
    // No method to offer: no authentication, hence no key, hence no crypto (the caller refused REQUIRED already).
    auth = 'NEVER';
    enc = 'NEVER';
    integ = 'NEVER';
  }
  ad.set('CryptoMethods', 'AES');
  ad.set('OutgoingNegotiation', s.negotiation);
  ad.set('Authentication', auth);
  ad.set('Encryption', enc);
  ad.set('Integrity', integ);
  ad.set('Enact', 'NO');
  ad.set('Subsystem', s.subsystem);
  ad.set('ServerPid', env.pid);
  ad.set('SessionDuration', String(s.sessionDuration));
  ad.set('SessionLease', s.sessionLease);
  ad.set('ECDHPublicKey', ecdhPublicKey);
  ad.set('NewSession', 'YES');
  ad.set('NegotiatedSession', true);
  ad.set('RemoteVersion', CLIENT_VERSION);
  ad.set('ConnectSinful', req.connectSinful);
  ad.set('Command', req.command);
  if (req.command === Commands.DC_AUTHENTICATE || req.command === Commands.DC_SEC_QUERY) {
    ad.set('AuthCommand', req.authCommand ?? Commands.DC_NOP);
  }
  return ad;
}

async function turnCryptoOn(stream: CedarStream, key: Uint8Array): Promise<void> {
  const digests = await digestTranscript(stream.plaintextTranscript());
  stream.enableCrypto(new AesGcmPacketCipher({ key, digests, peer: stream.peer }));
}

/** Runs the method-selection rounds; returns the method that succeeded, or throws/returns undefined per AuthRequired. */
async function authenticate(
  stream: CedarStream,
  env: NegotiationEnv,
  serverPolicy: PolicyAd,
  where: string,
  required: boolean,
): Promise<ClientAuthMethod | undefined> {
  const serverList = (serverPolicy.getString('AuthMethodsList') || serverPolicy.getString('AuthMethods') || '')
    .split(/[\s,]+/)
    .map((n) => wireMethodName(n))
    .filter((m): m is WireMethod => m !== undefined);
  // Authentication::m_methods_to_try: the server's order, restricted to what we offered.
  let toTry = serverList.filter((m) => env.methods.some((x) => x.name === m));
  const failures: string[] = [];
  for (;;) {
    let mask = 0;
    for (const m of toTry) mask |= AuthMethodBits[m];
    stream.putInt(mask);
    await stream.endOfMessage();
    const chosenBit = await stream.getInt();
    await stream.finishMessage();
    const chosen = methodForBit(chosenBit);
    const method = chosen ? env.methods.find((m) => m.name === chosen) : undefined;
    if (chosenBit === 0 || !method) {
      const offered = env.methods.map((m) => displayMethodName(m.name)).join(', ') || 'none';
      const theirs = serverList.map(displayMethodName).join(', ') || 'none';
      const why = failures.length > 0
        ? failures.join('; ')
        : chosenBit === 0
          ? `no method in common (we can do: ${offered}; the server accepts: ${theirs})`
          : `the server chose a method we did not offer (${chosenBit})`;
      if (required || chosenBit !== 0) {
        // The connection is of no further use; the server drops it too.
        stream.close();
        throw new HTCondorAuthenticationError(`authentication with ${where} failed: ${why}`, { where });
      }
      return undefined;
    }
    log.debug({ daemon: where, method: displayMethodName(method.name) }, 'authenticating');
    const outcome = await method.authenticate({ stream, serverPolicy, connectSinful: where });
    if (outcome.ok) return method;
    log.debug({ daemon: where, method: displayMethodName(method.name), reason: outcome.reason }, 'authentication method failed');
    failures.push(`${displayMethodName(method.name)}: ${outcome.reason}`);
    toTry = toTry.filter((m) => m !== method.name);
  }
}

/** Full negotiation of a new session on `stream`. */
export async function negotiateNewSession(stream: CedarStream, req: CommandRequest, env: NegotiationEnv): Promise<NewSessionResult> {
  const where = req.connectSinful;
  const s = env.settings;
  const kx = await env.keyExchange();
  const authInfo = buildAuthInfo(env, req, kx.publicKeyBase64);
  stream.putInt(Commands.DC_AUTHENTICATE);
  putPolicyAd(stream, authInfo);
  await stream.endOfMessage();

  let reply: PolicyAd;
  try {
    reply = await getPolicyAd(stream);
    await stream.finishMessage();
  } catch (e) {
    closedDuring(e, 'security negotiation', where);
  }
  if (log.isLevelEnabled('trace')) {
    const shown = reply.toObject();
    delete shown['ECDHPublicKey'];
    log.trace({ daemon: where, command: req.command, policy: shown }, 'server security policy');
  }
  const policy = authInfo.clone();
  for (const a of ['ServerCommandSock', 'ServerPid', 'ParentUniqueID', 'RemoteVersion', 'ECDHPublicKey', 'NewSession']) policy.delete(a);
  for (const a of COPIED) policy.copyFrom(reply, a);
  policy.set('UseSession', 'YES');

  const willAuth = yes(reply.getString('Authentication'));
  const willEncrypt = yes(reply.getString('Encryption'));
  const willIntegrity = yes(reply.getString('Integrity'));
  // A server may not lower what we require (a correct one closes the connection instead); never fall back.
  const refuse = (what: string): never => {
    stream.close();
    throw new HTCondorAuthenticationError(`${where} offered a session without ${what}, which our policy requires; refusing to continue`, { where });
  };
  if (s.authentication === 'REQUIRED' && !willAuth) refuse('authentication');
  if (s.encryption === 'REQUIRED' && !willEncrypt) refuse('encryption');
  if (s.integrity === 'REQUIRED' && !willIntegrity) refuse('integrity');
  if (willEncrypt || willIntegrity) {
    const first = (reply.getString('CryptoMethods') ?? '').split(',')[0]!.trim().toUpperCase();
    if (first !== 'AES') {
      stream.close();
      throw new HTCondorAuthenticationError(
        `${where} wants crypto method ${JSON.stringify(first || '(none)')}; htcondor-ts speaks only AES (AES-256-GCM)`,
        { where },
      );
    }
  }

  let method: ClientAuthMethod | undefined;
  let key: Uint8Array | undefined;
  // The key agreement needs only the server's public key: compute it while the authentication messages fly.
  const serverKey = willAuth ? reply.getString('ECDHPublicKey') : undefined;
  const agreed = serverKey ? kx.finish(serverKey) : undefined;
  agreed?.catch(() => undefined);
  if (willAuth) {
    const authRequired = s.authentication === 'REQUIRED' || reply.getBool('AuthRequired') !== false;
    try {
      method = await authenticate(stream, env, reply, where, authRequired);
    } catch (e) {
      if (e instanceof HTCondorAuthenticationError) throw e;
      closedDuring(e, 'authentication', where);
    }
    if (method) {
      // Authentication::exchangeKey: the server says whether a wrapped key follows; with ECDH it never does.
      const hasKey = await stream.getInt();
      await stream.finishMessage();
      if (hasKey !== 0) {
        stream.close();
        throw new HTCondorAuthenticationError(`${where} sent a wrapped session key (pre-9.0 key exchange), which htcondor-ts does not support`, { where });
      }
      if (agreed) key = await agreed;
    }
  }
  if ((willEncrypt || willIntegrity) && !key) {
    stream.close();
    throw new HTCondorAuthenticationError(`failed to establish a crypto key with ${where} (the session needs encryption or integrity)`, { where });
  }
  // An AES key always turns crypto on, whatever Encryption says (Sock::set_crypto_key forces it for AES-GCM).
  if (key) await turnCryptoOn(stream, key);

  let post: PolicyAd;
  try {
    post = await getPolicyAd(stream);
    await stream.finishMessage();
  } catch (e) {
    closedDuring(e, 'the authorization step (after authentication)', where);
  }
  const rc = post.getString('ReturnCode') ?? '';
  const user = post.getString('User');
  const methodName = method ? displayMethodName(method.name) : undefined;
  if (rc !== '' && rc !== 'AUTHORIZED') {
    stream.close();
    const who = user ? `user ${user}` : 'an unauthenticated client';
    const how = methodName ? ` (authenticated with ${methodName})` : ' (no authentication, so only host-based ALLOW rules applied)';
    throw new HTCondorAuthorizationError(`${where} answered ${rc} to command ${req.command} for ${who}${how}; check the daemon's ALLOW_* settings`, { where });
  }
  const sid = post.getString('Sid');
  const validCommands = (post.getString('ValidCommands') ?? '')
    .split(/[\s,]+/)
    .filter((x) => x.length > 0)
    .map(Number)
    .filter((n) => Number.isInteger(n));
  policy.copyFrom(post, 'Sid');
  policy.copyFrom(post, 'User', 'MyRemoteUserName');
  policy.copyFrom(post, 'ValidCommands');
  policy.copyFrom(post, 'TriedAuthentication');
  // The wire name, as the C++ client records it (SecMan.ping shows AuthMethods = "TOKEN" for IDTOKENS).
  if (method) policy.set('AuthMethods', method.name);
  if (key) policy.set('CryptoMethods', 'AES');
  else policy.delete('CryptoMethods');
  const remoteVersion = reply.getString('RemoteVersion');
  const info: SessionInfo = {
    negotiated: true,
    sessionId: sid,
    authenticated: method !== undefined,
    method: methodName,
    user,
    encryption: key !== undefined,
    integrity: key !== undefined,
    cryptoMethod: key ? 'AES' : undefined,
    resumed: false,
    remoteVersion,
    validCommands,
  };
  let session: CachedSession | undefined;
  if (sid && validCommands.length > 0) {
    const now = env.now();
    const dur = Number(policy.get('SessionDuration') ?? 0);
    session = {
      id: sid,
      key,
      policy,
      user,
      method: methodName,
      validCommands,
      encryption: info.encryption,
      integrity: info.integrity,
      remoteVersion,
      expiresAt: Number.isFinite(dur) && dur > 0 ? now + dur * 1000 : 0,
      leaseSeconds: policy.getNumber('SessionLease') ?? 0,
      lastUsed: now,
    };
  }
  return { info, session, policy };
}

/** Resumes a cached session on `stream`. Throws HTCondorSessionNotFoundError (retry on a new connection). */
export async function resumeSession(stream: CedarStream, req: CommandRequest, session: CachedSession, onNotFound: () => void): Promise<SessionInfo> {
  const where = req.connectSinful;
  log.trace({ daemon: where, command: req.command, sid: session.id }, 'resuming security session');
  const ad = new PolicyAd();
  ad.set('UseSession', 'YES');
  ad.set('Sid', session.id);
  ad.set('Command', req.command);
  if (req.command === Commands.DC_AUTHENTICATE || req.command === Commands.DC_SEC_QUERY) {
    ad.set('AuthCommand', req.authCommand ?? Commands.DC_NOP);
  }
  ad.set('ConnectSinful', req.connectSinful);
  if (session.key) ad.set('CryptoMethods', 'AES');
  // A fresh nonce makes this connection's plaintext prefix, and so the first-packet AAD, unique.
  ad.set('Nonce', toBase64(randomBytes(33)));
  ad.set('ResumeResponse', true);
  ad.set('RemoteVersion', CLIENT_VERSION);
  stream.putInt(Commands.DC_AUTHENTICATE);
  putPolicyAd(stream, ad);
  await stream.endOfMessage();

  let reply: PolicyAd;
  try {
    reply = await getPolicyAd(stream);
    await stream.finishMessage();
  } catch (e) {
    // A server that lost the session without answering (older ones) just hangs up: treat it the same way.
    if (e instanceof HTCondorIOError && !(e instanceof HTCondorProtocolError) && /closed/.test(e.message)) {
      onNotFound();
      throw new HTCondorSessionNotFoundError(`${where} closed the connection when we resumed security session ${session.id}; it was dropped, retry on a new connection`, { where, cause: e });
    }
    throw e;
  }
  const rc = reply.getString('ReturnCode') ?? '';
  if (rc === 'SID_NOT_FOUND') {
    stream.close();
    onNotFound();
    throw new HTCondorSessionNotFoundError(`${where} no longer knows security session ${session.id} (it restarted or the session expired there); it was dropped, retry on a new connection`, { where });
  }
  if (rc !== '' && rc !== 'AUTHORIZED') {
    stream.close();
    throw new HTCondorAuthorizationError(`${where} answered ${rc} when resuming the session of ${session.user ?? 'an unauthenticated client'}`, { where });
  }
  if (session.key) await turnCryptoOn(stream, session.key);
  return {
    negotiated: true,
    sessionId: session.id,
    authenticated: session.method !== undefined,
    method: session.method,
    user: session.user,
    encryption: session.encryption,
    integrity: session.integrity,
    cryptoMethod: session.key ? 'AES' : undefined,
    resumed: true,
    remoteVersion: reply.getString('RemoteVersion') ?? session.remoteVersion,
    validCommands: session.validCommands,
  };
}
