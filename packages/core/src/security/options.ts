// The client's security settings (what SEC_CLIENT_* / SEC_DEFAULT_* give a C++ tool) and the auth-info ad built from
// them (SecMan::FillInSecurityPolicyAd + SecManStartCommand::sendAuthInfo_inner). Defaults are those of a stock
// 23.9.6 install (security:recommended_v9_0): authentication, encryption and integrity REQUIRED, negotiation
// PREFERRED, methods FS, IDTOKENS, SCITOKENS, SSL (the package's list minus KERBEROS), AES only, tool session
// duration 60 s, lease 3600 s.
import { HTCondorValueError } from '../errors.js';
import { parseMethodList, type WireMethod } from './methods/names.js';
import type { SecurityPlatform } from './platform.js';

export const SecLevels = ['NEVER', 'OPTIONAL', 'PREFERRED', 'REQUIRED'] as const;
export type SecLevel = (typeof SecLevels)[number];

/** The version we claim: servers enable resume responses (>= 9.9.0) and condor@password naming (>= 23.9.0) on it. */
export const CLIENT_VERSION = '$CondorVersion: 23.9.6 2024-10-03 BuildID: htcondor-ts $';

export interface SecurityContextOptions {
  /** SEC_CLIENT_AUTHENTICATION. Default REQUIRED. */
  authentication?: SecLevel | Lowercase<SecLevel>;
  /** SEC_CLIENT_ENCRYPTION. Default REQUIRED. */
  encryption?: SecLevel | Lowercase<SecLevel>;
  /** SEC_CLIENT_INTEGRITY. Default REQUIRED. */
  integrity?: SecLevel | Lowercase<SecLevel>;
  /** SEC_CLIENT_NEGOTIATION. Default PREFERRED; NEVER sends every command raw. */
  negotiation?: SecLevel | Lowercase<SecLevel>;
  /** SEC_CLIENT_AUTHENTICATION_METHODS ("FS, IDTOKENS" or an array). Default FS, IDTOKENS, SCITOKENS, SSL. */
  methods?: string | readonly string[];
  /** An IDTOKEN to use before any found in token directories (SecMan.setToken). */
  token?: string;
  /** A SciToken (bearer token) for SCITOKENS, before any the platform discovers. */
  scitoken?: string;
  /** SSL / SCITOKENS: how to check the server (AUTH_SSL_CLIENT_CAFILE...) and an optional client certificate. */
  ssl?: {
    /** PEM CA certificate(s) to trust for daemons' certificates. Default: the runtime's trust store. */
    ca?: string | readonly string[];
    /** Expected name in the server certificate. Default: the address's alias, else its host. */
    serverName?: string;
    cert?: string;
    key?: string;
  };
  /** SEC_CLAIMTOBE_USER: the name CLAIMTOBE claims (default: the platform's user name). */
  claimToBeUser?: string;
  /** Runtime capabilities: FS, token files, user name (see nodeSecurityPlatform()). Default: none (browser). */
  platform?: SecurityPlatform;
  /** SEC_TOOL_SESSION_DURATION in seconds. Default 60. */
  sessionDuration?: number;
  /** SEC_CLIENT_SESSION_LEASE in seconds. Default 3600. */
  sessionLease?: number;
  /** Our subsystem name in the server's log. Default TOOL. */
  subsystem?: string;
  /** Clock in ms (tests). */
  now?: () => number;
}

export interface ResolvedSettings {
  authentication: SecLevel;
  encryption: SecLevel;
  integrity: SecLevel;
  negotiation: SecLevel;
  methods: WireMethod[];
  sessionDuration: number;
  sessionLease: number;
  subsystem: string;
}

export function rank(l: SecLevel): number {
  return SecLevels.indexOf(l);
}

function level(v: string | undefined, def: SecLevel, what: string): SecLevel {
  if (v === undefined) return def;
  const u = v.toUpperCase();
  if ((SecLevels as readonly string[]).includes(u)) return u as SecLevel;
  throw new HTCondorValueError(`${what} must be one of ${SecLevels.join(', ')}, not ${JSON.stringify(v)}`);
}

/** Validates options and applies SecMan::ReconcileSecurityDependency (auth >= crypto, negotiation >= all). */
export function resolveSettings(o: SecurityContextOptions): ResolvedSettings {
  let authentication = level(o.authentication, 'REQUIRED', 'authentication');
  let encryption = level(o.encryption, 'REQUIRED', 'encryption');
  let integrity = level(o.integrity, 'REQUIRED', 'integrity');
  let negotiation = level(o.negotiation, 'PREFERRED', 'negotiation');
  const dep = (a: SecLevel, b: SecLevel, an: string, bn: string): [SecLevel, SecLevel] => {
    if (a === 'NEVER') {
      if (b === 'REQUIRED') throw new HTCondorValueError(`the security policy is invalid: ${bn} is REQUIRED but ${an} is NEVER`);
      b = 'NEVER';
    }
    if (rank(b) > rank(a)) a = b;
    return [a, b];
  };
  [authentication, encryption] = dep(authentication, encryption, 'authentication', 'encryption');
  [authentication, integrity] = dep(authentication, integrity, 'authentication', 'integrity');
  [negotiation, authentication] = dep(negotiation, authentication, 'negotiation', 'authentication');
  [negotiation, encryption] = dep(negotiation, encryption, 'negotiation', 'encryption');
  [negotiation, integrity] = dep(negotiation, integrity, 'negotiation', 'integrity');
  const methods = parseMethodList(o.methods ?? ['FS', 'TOKEN', 'SCITOKENS', 'SSL']);
  const duration = o.sessionDuration ?? 60;
  const lease = o.sessionLease ?? 3600;
  if (!Number.isInteger(duration) || duration < 0) throw new HTCondorValueError(`sessionDuration must be a whole number of seconds, not ${duration}`);
  if (!Number.isInteger(lease) || lease < 0) throw new HTCondorValueError(`sessionLease must be a whole number of seconds, not ${lease}`);
  return { authentication, encryption, integrity, negotiation, methods, sessionDuration: duration, sessionLease: lease, subsystem: o.subsystem ?? 'TOOL' };
}
