/**
 * What a client takes from the configuration, resolved as HTCondor's SecMan and tools do: the collector(s),
 * the security policy for a permission level (SEC_<PERM>_X, then SEC_DEFAULT_X, then the code's default),
 * and where IDTOKENS live. Every value can be overridden per client; no file is required.
 */
import { HTCondorValueError } from '../errors.js';
import { param as globalParam } from './global.js';
import type { Param } from './param.js';
import { splitTokens } from './scan.js';

/** A security requirement (SecMan::sec_req). */
export const SecRequirement = { Required: 'REQUIRED', Preferred: 'PREFERRED', Optional: 'OPTIONAL', Never: 'NEVER' } as const;
export type SecRequirement = (typeof SecRequirement)[keyof typeof SecRequirement];

/** Permission levels whose SEC_<PERM>_* settings a connection may use; tools use CLIENT. */
export type SecPermission =
  | 'CLIENT' | 'READ' | 'WRITE' | 'NEGOTIATOR' | 'ADMINISTRATOR' | 'CONFIG' | 'DAEMON' | 'ALLOW'
  | 'ADVERTISE_STARTD' | 'ADVERTISE_SCHEDD' | 'ADVERTISE_MASTER';

export interface SecuritySettings {
  readonly authentication: SecRequirement;
  readonly encryption: SecRequirement;
  readonly integrity: SecRequirement;
  readonly negotiation: SecRequirement;
  /** Upper-case method names in preference order (FS, IDTOKENS, SCITOKENS, SSL, ...). */
  readonly authenticationMethods: readonly string[];
  readonly cryptoMethods: readonly string[];
}

/** Only what the resolvers read, so any Param (or a stub) serves. */
export type ParamSource = Pick<Param, 'get'>;

/** DCpermissionHierarchy::aConfigNext: where SEC_<PERM>_X falls back to. */
function configChain(perm: SecPermission): string[] {
  if (perm.startsWith('ADVERTISE_')) return [perm, 'DAEMON', 'DEFAULT'];
  return [perm, 'DEFAULT'];
}

/** SecMan::getSecSetting: the first of SEC_<PERM>_X, SEC_<NEXT>_X, ..., SEC_DEFAULT_X that is defined. */
export function secSetting(feature: string, perm: SecPermission, p: ParamSource = globalParam): string | undefined {
  for (const level of configChain(perm)) {
    const v = p.get(`SEC_${level}_${feature}`);
    if (v !== undefined) return v;
  }
  return undefined;
}

/** sec_alpha_to_sec_req: only the first letter counts (REQUIRED/YES/TRUE, PREFERRED, OPTIONAL, NEVER/FALSE). */
function requirement(feature: string, perm: SecPermission, fallback: SecRequirement, p: ParamSource): SecRequirement {
  const v = secSetting(feature, perm, p);
  if (v === undefined) return fallback;
  switch (v.trim()[0]?.toUpperCase()) {
    case 'R': case 'Y': case 'T': return SecRequirement.Required;
    case 'P': return SecRequirement.Preferred;
    case 'O': return SecRequirement.Optional;
    case 'F': case 'N': return SecRequirement.Never;
  }
  throw new HTCondorValueError(`SEC_*_${feature}=${v} is invalid (expected REQUIRED, PREFERRED, OPTIONAL or NEVER)`);
}

export function securitySettings(perm: SecPermission = 'CLIENT', p: ParamSource = globalParam): SecuritySettings {
  const list = (v: string | undefined): string[] => splitTokens(v ?? '').map((m) => m.toUpperCase());
  return {
    authentication: requirement('AUTHENTICATION', perm, SecRequirement.Optional, p),
    encryption: requirement('ENCRYPTION', perm, SecRequirement.Optional, p),
    integrity: requirement('INTEGRITY', perm, SecRequirement.Optional, p),
    negotiation: requirement('NEGOTIATION', perm, SecRequirement.Preferred, p),
    // the param table's SEC_DEFAULT_AUTHENTICATION_METHODS is the last fallback, so this is always defined
    authenticationMethods: list(secSetting('AUTHENTICATION_METHODS', perm, p)),
    cryptoMethods: list(secSetting('CRYPTO_METHODS', perm, p) ?? 'AES,BLOWFISH,3DES'),
  };
}

/** COLLECTOR_HOST as a list of "host[:port]" entries (HTCondor allows several, comma or space separated). */
export function collectorHosts(p: ParamSource = globalParam): string[] {
  return splitTokens(p.get('COLLECTOR_HOST') ?? '');
}

export interface TokenLocation {
  /** The running user's home directory, when there is one (not in browsers). */
  readonly home?: string | undefined;
  /** Root (or a daemon) reads the system directory instead of ~/.condor/tokens.d. */
  readonly isRoot?: boolean | undefined;
}

/**
 * The IDTOKENS directory a client reads: SEC_TOKEN_DIRECTORY when set; otherwise ~/.condor/tokens.d for an
 * ordinary user, SEC_TOKEN_SYSTEM_DIRECTORY for root (HTCondor's find_user_file refuses when it can switch ids).
 */
export function tokenDirectory(where: TokenLocation = {}, p: ParamSource = globalParam): string | undefined {
  const configured = p.get('SEC_TOKEN_DIRECTORY');
  if (configured !== undefined) return configured;
  if (!where.isRoot && where.home) return `${where.home.replace(/\/+$/, '')}/.condor/tokens.d`;
  return p.get('SEC_TOKEN_SYSTEM_DIRECTORY');
}

export interface ClientDefaults {
  readonly collectorHosts: readonly string[];
  readonly security: SecuritySettings;
  readonly tokenDirectory: string | undefined;
  /** SEC_PASSWORD_FILE / SEC_PASSWORD_DIRECTORY, for pool signing keys (daemons, admin tools). */
  readonly passwordDirectory: string | undefined;
}

/**
 * A client's defaults from the configuration, with per-client overrides on top (overrides always win).
 * Example: `clientDefaults({ collectorHosts: ['cm.example.org:9618'] })`.
 */
export function clientDefaults(
  overrides: Partial<ClientDefaults> = {},
  options: TokenLocation & { permission?: SecPermission; param?: ParamSource } = {},
): ClientDefaults {
  const p = options.param ?? globalParam;
  return {
    collectorHosts: overrides.collectorHosts ?? collectorHosts(p),
    security: overrides.security ?? securitySettings(options.permission ?? 'CLIENT', p),
    tokenDirectory: 'tokenDirectory' in overrides ? overrides.tokenDirectory : tokenDirectory(options, p),
    passwordDirectory: 'passwordDirectory' in overrides ? overrides.passwordDirectory : p.get('SEC_PASSWORD_DIRECTORY'),
  };
}
