// SecurityContext: one client identity and its security settings (what SecMan's configuration and globals are to a
// C++ tool), as an object clients take, so that two identities can work side by side in one process. It owns the
// session cache for that identity, offers startCommand() to the command path (DaemonClient's SecurityProvider), and
// the SecMan-like operations of the Python bindings (ping, invalidateAllSessions, setToken...).
import { HTCondorAuthenticationError, HTCondorAbortError, HTCondorNotSupportedError, HTCondorValueError } from '../errors.js';
import { logger } from '../logging/logger.js';
import { Commands } from '../protocol/commands.generated.js';
import type { CedarStream } from '../stream/cedar-stream.js';
import { KeyExchange } from './ecdh.js';
import { parseToken } from './jwt.js';
import type { ClientAuthMethod } from './methods/method.js';
import { displayMethodName, SUPPORTED_METHODS } from './methods/names.js';
import { AnonymousMethod, ClaimToBeMethod, FsMethod } from './methods/simple.js';
import { SslMethod } from './methods/ssl.js';
import { TokenMethod } from './methods/token.js';
import { negotiateNewSession, resumeSession, type CommandRequest, type NegotiationEnv } from './negotiate.js';
import { resolveSettings, type ResolvedSettings, type SecurityContextOptions } from './options.js';
import { NO_PLATFORM, type SecurityPlatform, type TokenCandidate } from './platform.js';
import { getPolicyAd, type PolicyAd } from './policy-ad.js';
import { SessionCache } from './session-cache.js';
import { HTCondorSessionNotFoundError, type SessionInfo } from './session-info.js';

const log = logger('security');

/** Something that can connect to one daemon and start a command through us (the lead's DaemonClient fits). */
export interface CommandStarter {
  startCommand(command: number, opts?: { authCommand?: number; signal?: AbortSignal }): Promise<CedarStream>;
}

/** SecMan.ping's answer: how a command would be authorized, and as whom. */
export interface PingResult extends SessionInfo {
  /** The command whose authorization was tested. */
  command: number;
  /** Whether the daemon would run that command for us (AuthorizationSucceeded). */
  authorized: boolean;
  /**
   * The session policy merged with the daemon's answer, as the Python bindings' SecMan.ping returns it
   * (AuthMethods, MyRemoteUserName, Encryption, Integrity, CryptoMethods, Sid, ValidCommands, AuthorizationSucceeded...).
   */
  ad: Record<string, string | number | boolean>;
}

export class SecurityContext {
  #options: SecurityContextOptions;
  #settings: ResolvedSettings;
  #platform: SecurityPlatform;
  /** One session cache per tag (SecMan::setTag): sessions made under one tag are never used under another. */
  readonly #caches = new Map<string, SessionCache>();
  #tag = '';
  readonly #now: () => number;
  readonly #streams = new WeakMap<CedarStream, SessionInfo>();
  readonly #policies = new WeakMap<CedarStream, PolicyAd>();
  /** Negotiations in progress, by tag + (daemon, command). */
  readonly #inflight = new Map<string, Promise<SessionInfo>>();
  #fullAuthentications = 0;
  /** The next ephemeral ECDH key pair, generated ahead so a new session does not wait for it. */
  #nextKx: Promise<KeyExchange> | undefined;
  #resumptions = 0;

  constructor(options: SecurityContextOptions = {}) {
    this.#options = { ...options };
    this.#settings = resolveSettings(options);
    this.#platform = options.platform ?? NO_PLATFORM;
    this.#now = options.now ?? Date.now;
    this.#caches.set('', new SessionCache(this.#now));
    if (options.token !== undefined) parseToken(options.token); // fail early on a malformed token
    if (this.#settings.negotiation !== 'NEVER' && this.#settings.negotiation !== 'OPTIONAL' && (globalThis as { crypto?: Crypto }).crypto?.subtle) {
      // Have the first session's ECDH key ready by the time the connection is.
      this.#nextKx = KeyExchange.generate();
      this.#nextKx.catch(() => undefined);
    }
  }

  get #cache(): SessionCache {
    let c = this.#caches.get(this.#tag);
    if (!c) {
      c = new SessionCache(this.#now);
      this.#caches.set(this.#tag, c);
    }
    return c;
  }

  /** SecMan.setTag: switch to the sessions of `tag` ('' is the default set); cached sessions of other tags stay apart. */
  setTag(tag: string): void {
    this.#tag = tag;
  }
  get tag(): string {
    return this.#tag;
  }

  /** SecMan.getCommandString: the name of a command number (e.g. 519 -> QUERY_JOB_ADS_WITH_AUTH), or undefined. */
  static getCommandString(command: number): string | undefined {
    for (const [name, n] of Object.entries(Commands)) if (n === command) return name;
    return undefined;
  }

  /** SecMan.setPoolPassword: PASSWORD authentication is not supported (use IDTOKENS, which the pool key signs). */
  setPoolPassword(_password: string): never {
    throw new HTCondorNotSupportedError(
      `the PASSWORD authentication method is not supported; use IDTOKENS (a token minted with condor_token_create). Supported methods: ${SUPPORTED_METHODS.map(displayMethodName).join(', ')}`,
    );
  }

  /** Full authentications performed (new sessions negotiated); tests assert session reuse through it. */
  get fullAuthentications(): number {
    return this.#fullAuthentications;
  }
  /** Commands started on a resumed session. */
  get resumedSessions(): number {
    return this.#resumptions;
  }
  get settings(): Readonly<ResolvedSettings> {
    return this.#settings;
  }
  /** Live cached sessions (for diagnostics). */
  get sessionCount(): number {
    let n = 0;
    for (const c of this.#caches.values()) n += c.size;
    return n;
  }

  /** The security of a stream this context started (undefined for streams it did not start). */
  sessionInfo(stream: CedarStream): SessionInfo | undefined {
    return this.#streams.get(stream);
  }

  /** SecMan.invalidateAllSessions: forget every cached session (the next command authenticates again). */
  invalidateAllSessions(): void {
    for (const c of this.#caches.values()) c.clear();
  }

  /** SecMan.setToken: use this IDTOKEN first from now on (null: stop). Drops sessions made as the old identity. */
  setToken(token: string | null): void {
    if (token !== null) parseToken(token);
    this.setConfig({ token: token ?? undefined });
  }

  /** SecMan.setConfig: change settings; sessions negotiated under the old ones are dropped. */
  setConfig(changes: Partial<SecurityContextOptions>): void {
    const next = { ...this.#options, ...changes };
    for (const [k, v] of Object.entries(changes)) if (v === undefined) delete (next as Record<string, unknown>)[k];
    this.#settings = resolveSettings(next);
    this.#options = next;
    if (changes.platform) this.#platform = changes.platform;
    this.invalidateAllSessions();
  }

  /** A new context with these changes and its own (empty) session cache: another identity, side by side. */
  derive(changes: Partial<SecurityContextOptions>): SecurityContext {
    return new SecurityContext({ ...this.#options, ...changes });
  }

  async #tokenCandidates(): Promise<TokenCandidate[]> {
    const out: TokenCandidate[] = [];
    if (this.#options.token) out.push({ token: this.#options.token, origin: 'the token given to the security context' });
    if (this.#platform.discoverTokens) out.push(...(await this.#platform.discoverTokens()));
    return out;
  }

  /** The methods we can offer now, in the configured order. */
  async availableMethods(): Promise<ClientAuthMethod[]> {
    const out: ClientAuthMethod[] = [];
    for (const name of this.#settings.methods) {
      let m: ClientAuthMethod;
      switch (name) {
        case 'FS':
          m = new FsMethod(this.#platform.fs);
          break;
        case 'FS_REMOTE':
          m = new FsMethod(this.#platform.fs, true);
          break;
        case 'TOKEN':
          m = new TokenMethod(() => this.#tokenCandidates());
          break;
        case 'CLAIMTOBE': {
          const user = this.#options.claimToBeUser;
          m = new ClaimToBeMethod(() => user ?? this.#platform.userName?.());
          break;
        }
        case 'ANONYMOUS':
          m = new AnonymousMethod();
          break;
        case 'SSL':
        case 'SCITOKENS': {
          const ssl = this.#options.ssl ?? {};
          const explicit = this.#options.scitoken;
          const discover = this.#platform.discoverSciToken;
          m = new SslMethod(
            {
              tls: this.#platform.tls, ca: ssl.ca, cert: ssl.cert, key: ssl.key, serverName: ssl.serverName,
              scitoken: async () => explicit ?? (await discover?.()),
            },
            name === 'SCITOKENS',
          );
          break;
        }
        default:
          continue;
      }
      if (await m.available()) out.push(m);
    }
    return out;
  }

  /** A fresh key pair (each is used once), and the generation of the following one started. */
  #takeKeyExchange(): Promise<KeyExchange> {
    const kx = this.#nextKx ?? KeyExchange.generate();
    this.#nextKx = KeyExchange.generate();
    this.#nextKx.catch(() => undefined);
    return kx;
  }

  /**
   * Starts `command` on a fresh connection: resumes a cached session for this daemon and command or negotiates a new
   * one (authenticating as configured). On return the stream is positioned for the command payload, encrypted when
   * the session has a key. Throws HTCondorAuthenticationError / HTCondorAuthorizationError saying which method failed
   * and why, and HTCondorSessionNotFoundError (retryable, on a new connection) when the daemon forgot our session.
   */
  async startCommand(stream: CedarStream, req: CommandRequest): Promise<SessionInfo> {
    if (req.signal?.aborted) throw new HTCondorAbortError(`starting command ${req.command} was aborted`, { where: req.connectSinful, cause: req.signal.reason });
    if (req.signal) stream.setSignal(req.signal);
    const s = this.#settings;
    if (s.negotiation === 'NEVER' || s.negotiation === 'OPTIONAL') {
      // 6.2-style: the command int, then the payload in the same message (SecManStartCommand, negotiate == NO).
      stream.putInt(req.command);
      const info: SessionInfo = {
        negotiated: false, sessionId: undefined, authenticated: false, method: undefined, user: undefined,
        encryption: false, integrity: false, cryptoMethod: undefined, resumed: false, remoteVersion: undefined, validCommands: [],
      };
      this.#streams.set(stream, info);
      return info;
    }
    // The cache of the tag current when the command starts, even if the tag changes while we wait.
    const cache = this.#cache;
    let cached = cache.lookup(req.daemonKey, req.command);
    // Commands started together (Promise.all of queries) would each authenticate; let them wait for the first one's
    // session instead. (The C++ tools, one command at a time, never need this.)
    const flightKey = `${this.#tag}\u0000${SessionCache.commandKey(req.daemonKey, req.command)}`;
    if (!cached) {
      const pending = this.#inflight.get(flightKey);
      if (pending) {
        await pending.catch(() => undefined);
        cached = cache.lookup(req.daemonKey, req.command);
      }
    }
    if (cached) {
      const session = cached;
      cache.touch(session);
      const info = await resumeSession(stream, req, session, () => {
        log.debug({ daemon: req.daemonKey }, 'server no longer knows our session; dropped it');
        cache.invalidate(session.id);
      });
      this.#resumptions++;
      this.#streams.set(stream, info);
      this.#policies.set(stream, session.policy);
      return info;
    }
    const flight = this.#negotiate(stream, req, cache);
    this.#inflight.set(flightKey, flight);
    try {
      return await flight;
    } finally {
      if (this.#inflight.get(flightKey) === flight) this.#inflight.delete(flightKey);
    }
  }

  async #negotiate(stream: CedarStream, req: CommandRequest, cache: SessionCache): Promise<SessionInfo> {
    const s = this.#settings;
    const methods = await this.availableMethods();
    if (methods.length === 0 && s.authentication === 'REQUIRED') {
      const wanted = s.methods.map(displayMethodName).join(', ');
      throw new HTCondorAuthenticationError(
        `cannot authenticate to ${req.connectSinful}: none of the configured methods (${wanted}) can be used here ` +
          '(IDTOKENS needs a token: pass one or put it in a token directory; FS needs Node on the daemon\'s host; ' +
          'SSL and SCITOKENS need a TLS engine, which Node provides and browser builds do not yet have). ' +
          `Supported methods: ${SUPPORTED_METHODS.map(displayMethodName).join(', ')}. For anonymous READ access set authentication to OPTIONAL.`,
        { where: req.connectSinful },
      );
    }
    const env: NegotiationEnv = { settings: s, methods, pid: this.#platform.pid ?? 0, now: this.#now, keyExchange: () => this.#takeKeyExchange() };
    const { info, session, policy } = await negotiateNewSession(stream, req, env);
    this.#policies.set(stream, policy);
    this.#fullAuthentications++;
    if (session) cache.insert(req.daemonKey, session);
    log.debug({ daemon: req.daemonKey, method: info.method, user: info.user, encryption: info.encryption }, 'new security session');
    this.#streams.set(stream, info);
    return info;
  }

  /**
   * SecMan.ping (DC_SEC_QUERY): negotiates as if for `command` (default DC_NOP) and reports how the daemon would
   * authorize it. Retries once on a new connection if the daemon forgot a cached session.
   */
  async ping(client: CommandStarter, command: number = Commands.DC_NOP, signal?: AbortSignal): Promise<PingResult> {
    for (let attempt = 0; ; attempt++) {
      let stream: CedarStream;
      try {
        stream = await client.startCommand(Commands.DC_SEC_QUERY, { authCommand: command, ...(signal ? { signal } : {}) });
      } catch (e) {
        if (e instanceof HTCondorSessionNotFoundError && attempt === 0) continue;
        throw e;
      }
      try {
        const info = this.#streams.get(stream);
        if (!info) throw new HTCondorValueError('ping: the client did not start its command through this security context');
        const ad = await getPolicyAd(stream);
        await stream.finishMessage();
        const merged = { ...(this.#policies.get(stream)?.toObject() ?? {}), ...ad.toObject() };
        return { ...info, command, authorized: ad.getBool('AuthorizationSucceeded') === true, ad: merged };
      } finally {
        stream.close();
      }
    }
  }
}
