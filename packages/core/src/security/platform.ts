// What the security layer needs from the runtime, as capabilities the caller hands in (never sniffed): the local
// user name (CLAIMTOBE), directory creation as the local user (FS), token files (IDTOKENS discovery). Browsers pass
// none of these, and the methods that need them are simply not offered. security/node.ts builds the Node version.

/** Creating and removing a directory as the identity to prove (FS / FS_REMOTE). */
export interface FsCapability {
  /** mkdir(path, 0700); rejects if it exists or cannot be created. */
  mkdir(path: string): Promise<void>;
  rmdir(path: string): Promise<void>;
}

/** One IDTOKEN found somewhere, with where it came from (for error messages; never the token itself). */
export interface TokenCandidate {
  token: string;
  origin: string;
}

/**
 * A TLS client driven by hand, as OpenSSL with memory BIOs is in Condor_Auth_SSL: we carry its records inside CEDAR
 * messages in lock-step with the server. Node's TLS over an in-memory duplex implements it (security/node-tls.ts).
 */
export interface TlsClientEngine {
  /** Records TLS wants sent to the server since the last call. */
  takeOutput(): Uint8Array;
  /** Records received from the server. */
  feed(bytes: Uint8Array): void;
  /** Lets TLS process what it was fed and produce its output. */
  settle(): Promise<void>;
  readonly state: 'handshaking' | 'connected' | 'failed';
  /** Why the handshake failed, or why the certificate was not accepted (after connecting). */
  readonly failure: string | undefined;
  /** After connecting: whether the server's certificate chain and name verified. */
  readonly verified: boolean;
  /** Application data received since the last call. */
  takeData(): Uint8Array;
  write(data: Uint8Array): void;
  close(): void;
}

export interface TlsClientOptions {
  /** The name the server certificate must carry (the sinful's alias, else its host). */
  serverName: string;
  /** PEM CA certificates to trust (AUTH_SSL_CLIENT_CAFILE); default: the runtime's. */
  ca?: string | readonly string[] | undefined;
  /** An optional client certificate and key (PEM). */
  cert?: string | undefined;
  key?: string | undefined;
}

export interface TlsCapability {
  client(options: TlsClientOptions): TlsClientEngine;
}

export interface SecurityPlatform {
  /** The local login name, for CLAIMTOBE (SEC_CLAIMTOBE_USER overrides it). */
  userName?: (() => string | undefined) | undefined;
  /** Our process id: the "ServerPid" attribute of the auth info (0 where there is none). */
  pid?: number | undefined;
  fs?: FsCapability | undefined;
  /** Tokens from the token directories, in HTCondor's search order (the explicit token is added by the context). */
  discoverTokens?: (() => Promise<TokenCandidate[]>) | undefined;
  /** TLS for SSL and SCITOKENS authentication. */
  tls?: TlsCapability | undefined;
  /** A SciToken found the WLCG way (BEARER_TOKEN, BEARER_TOKEN_FILE, $XDG_RUNTIME_DIR/bt_u<uid>, /tmp/bt_u<uid>). */
  discoverSciToken?: (() => Promise<string | undefined>) | undefined;
}

/** The empty platform: no FS, no token files (a browser). */
export const NO_PLATFORM: SecurityPlatform = {};
