// Node-only capabilities for the security layer: FS authentication (mkdir 0700 as this process's user) and IDTOKEN
// discovery in token directories. Import from portable code only behind the caller's choice; browsers never load it.
// Token directories (findTokens in condor_auth_passwd.cpp): SEC_TOKEN_DIRECTORY if set; otherwise ~/.condor/tokens.d
// for ordinary users and SEC_TOKEN_SYSTEM_DIRECTORY (/etc/condor/tokens.d) for root. Files whose names match
// LOCAL_CONFIG_DIR_EXCLUDE_REGEXP are skipped; files readable by group or others, or owned by someone else, are
// ignored (read_secure_file with SECURE_FILE_VERIFY_ALL); each non-blank, non-# line is a token.
import { promises as fsp } from 'node:fs';
import { homedir, userInfo } from 'node:os';
import { basename, join } from 'node:path';
import { HTCondorValueError } from '../errors.js';
import { logger } from '../logging/logger.js';
import { tokenDirectory, type ParamSource } from '../config/client-defaults.js';
import { param as globalParam } from '../config/global.js';
import { securityOptionsFromConfig } from './from-config.js';
import { nodeTls } from './node-tls.js';
import type { SecurityContextOptions } from './options.js';
import { SecurityContext } from './security-context.js';
import type { FsCapability, SecurityPlatform, TokenCandidate } from './platform.js';

const log = logger('security');

/** The built-in LOCAL_CONFIG_DIR_EXCLUDE_REGEXP of 23.9.6. */
export const DEFAULT_EXCLUDE_REGEXP = /^((\..*)|(.*\.pl)|(.*\.py)|(.*\.sh)|(.*~)|(#.*)|(.*\.rpmsave)|(.*\.rpmnew)|(.*\.dpkg-old)|(.*\.dpkg-dist)|(.*\.cfsaved))$/;

export interface NodeSecurityPlatformOptions {
  /** SEC_TOKEN_DIRECTORY (default: $_CONDOR_SEC_TOKEN_DIRECTORY, else the user/system directory). */
  tokenDirectory?: string;
  /** SEC_TOKEN_SYSTEM_DIRECTORY. Default /etc/condor/tokens.d. */
  systemTokenDirectory?: string;
  /** The subsystem whose <SUBSYS>_auto_generated_token file is tried first. Default TOOL. */
  subsystem?: string;
  /** Environment to read (_CONDOR_SEC_TOKEN_DIRECTORY, HOME). Default process.env. */
  env?: Record<string, string | undefined>;
  /** Offer FS authentication (mkdir as this process). Default true. */
  fs?: boolean;
  /** Offer SSL / SCITOKENS (Node TLS). Default true. */
  tls?: boolean;
}

/**
 * A SciToken the WLCG bearer-token discovery way (htcondor::discover_token): $BEARER_TOKEN, the file
 * $BEARER_TOKEN_FILE, $XDG_RUNTIME_DIR/bt_u<uid>, /tmp/bt_u<uid>; the first non-empty one.
 */
export async function discoverSciToken(env: Record<string, string | undefined>): Promise<string | undefined> {
  const direct = env['BEARER_TOKEN']?.trim();
  if (direct) return direct;
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const files = [env['BEARER_TOKEN_FILE'], env['XDG_RUNTIME_DIR'] && uid !== undefined ? join(env['XDG_RUNTIME_DIR'], `bt_u${uid}`) : undefined, uid !== undefined ? `/tmp/bt_u${uid}` : undefined];
  for (const f of files) {
    if (!f) continue;
    try {
      const t = (await fsp.readFile(f, 'utf8')).trim();
      if (t) return t;
    } catch {
      continue;
    }
  }
  return undefined;
}

export const nodeFs: FsCapability = {
  async mkdir(path: string): Promise<void> {
    await fsp.mkdir(path, { mode: 0o700 });
  },
  async rmdir(path: string): Promise<void> {
    await fsp.rmdir(path);
  },
};

/** The token directory HTCondor would search for this process. */
export function tokenDirectoryFor(o: NodeSecurityPlatformOptions = {}): string {
  const env = o.env ?? process.env;
  const explicit = o.tokenDirectory ?? env['_CONDOR_SEC_TOKEN_DIRECTORY'];
  if (explicit) return explicit;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (!isRoot) {
    const home = env['HOME'] || homedir();
    if (home) return join(home, '.condor', 'tokens.d');
  }
  return o.systemTokenDirectory ?? '/etc/condor/tokens.d';
}

/** Reads the tokens of one directory in HTCondor's order; unsafe or unreadable files are skipped (and logged by name). */
export async function readTokenDirectory(dir: string, subsystem = 'TOOL'): Promise<TokenCandidate[]> {
  let names: string[];
  try {
    names = await fsp.readdir(dir);
  } catch {
    return [];
  }
  names = names.filter((n) => !DEFAULT_EXCLUDE_REGEXP.test(n)).sort();
  const auto = `${subsystem}_auto_generated_token`.toLowerCase();
  const first = names.findIndex((n) => n.toLowerCase() === auto);
  if (first > 0) names.unshift(...names.splice(first, 1));
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  const out: TokenCandidate[] = [];
  for (const name of names) {
    const path = join(dir, name);
    try {
      const st = await fsp.stat(path);
      if (!st.isFile()) continue;
      if ((st.mode & 0o077) !== 0) {
        log.debug({ path }, 'ignoring token file readable by group or others (must be mode 0600)');
        continue;
      }
      if (uid !== undefined && uid !== 0 && st.uid !== uid) {
        log.debug({ path }, 'ignoring token file owned by another user');
        continue;
      }
      const text = await fsp.readFile(path, 'utf8');
      for (const line of text.split('\n')) {
        const t = line.trim();
        if (t.length === 0 || t.startsWith('#')) continue;
        out.push({ token: t, origin: path });
      }
    } catch {
      continue;
    }
  }
  return out;
}

/** The Node platform: FS authentication, token discovery, the login name and pid. */
export function nodeSecurityPlatform(o: NodeSecurityPlatformOptions = {}): SecurityPlatform {
  return {
    userName: () => {
      try {
        return userInfo().username;
      } catch {
        return undefined;
      }
    },
    pid: process.pid,
    fs: o.fs === false ? undefined : nodeFs,
    discoverTokens: () => readTokenDirectory(tokenDirectoryFor(o), o.subsystem ?? 'TOOL'),
    tls: o.tls === false ? undefined : nodeTls,
    discoverSciToken: () => discoverSciToken(o.env ?? process.env),
  };
}

/**
 * Token.write: saves a token as `name` (default python_generated_tokens) in the token directory HTCondor reads
 * (SEC_TOKEN_DIRECTORY, else ~/.condor/tokens.d, else the system directory), mode 0600, creating the directory 0700.
 */
export async function writeToken(token: string, name = 'python_generated_tokens', o: NodeSecurityPlatformOptions = {}): Promise<string> {
  if (name !== basename(name) || name === '' || name === '.' || name === '..') throw new HTCondorValueError(`token name ${JSON.stringify(name)} is not a plain file name`);
  const dir = tokenDirectoryFor(o);
  await fsp.mkdir(dir, { recursive: true, mode: 0o700 });
  const path = join(dir, name);
  await fsp.writeFile(path, token.trim() + '\n', { mode: 0o600 });
  await fsp.chmod(path, 0o600);
  return path;
}

/**
 * A SecurityContext as a C++ tool on this machine would have it: settings from the configuration (`param`, or the
 * given source; call useNodeConfig() first to read the files), the token directory HTCondor would search, FS, TLS.
 * `overrides` win over the configuration.
 */
export function defaultSecurityContext(overrides: SecurityContextOptions = {}, p: ParamSource = globalParam): SecurityContext {
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const dir = tokenDirectory({ home: process.env['HOME'] || homedir(), isRoot }, p);
  const options: SecurityContextOptions = { ...securityOptionsFromConfig(p), platform: nodeSecurityPlatform(dir ? { tokenDirectory: dir } : {}), ...overrides };
  return new SecurityContext(options);
}
