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

export interface SecurityPlatform {
  /** The local login name, for CLAIMTOBE (SEC_CLAIMTOBE_USER overrides it). */
  userName?: (() => string | undefined) | undefined;
  /** Our process id: the "ServerPid" attribute of the auth info (0 where there is none). */
  pid?: number | undefined;
  fs?: FsCapability | undefined;
  /** Tokens from the token directories, in HTCondor's search order (the explicit token is added by the context). */
  discoverTokens?: (() => Promise<TokenCandidate[]>) | undefined;
}

/** The empty platform: no FS, no token files (a browser). */
export const NO_PLATFORM: SecurityPlatform = {};
