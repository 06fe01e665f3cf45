// What a started command knows about its security, and the errors particular to sessions.
import { HTCondorAuthenticationError } from '../errors.js';

export interface SessionInfo {
  /** False when the command was sent raw (no DC_AUTHENTICATE). */
  negotiated: boolean;
  /** The server's session id (Sid), when a session exists. */
  sessionId: string | undefined;
  /** Whether we authenticated (in this connection or when the resumed session was made). */
  authenticated: boolean;
  /** The method used: IDTOKENS, FS, FS_REMOTE, CLAIMTOBE, ANONYMOUS. */
  method: string | undefined;
  /** The identity the server mapped us to, e.g. alice@lab.local. */
  user: string | undefined;
  encryption: boolean;
  integrity: boolean;
  /** "AES" when packets are AES-256-GCM protected. */
  cryptoMethod: 'AES' | undefined;
  /** True when an existing session was resumed (no authentication on this connection). */
  resumed: boolean;
  /** The server's $CondorVersion$ string, when known. */
  remoteVersion: string | undefined;
  /** Commands the server said this session is good for. */
  validCommands: readonly number[];
}

/**
 * The server no longer knows the session we tried to resume (SID_NOT_FOUND). The session was dropped from the cache
 * and the connection is closed: open a new connection and start the command again (it will authenticate afresh).
 */
export class HTCondorSessionNotFoundError extends HTCondorAuthenticationError {
  override name = 'HTCondorSessionNotFoundError';
  readonly retryable = true;
}
