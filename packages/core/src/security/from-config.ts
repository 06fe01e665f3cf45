// SecurityContext options from HTCondor configuration (the lead's config/ module), as a C++ tool reads them:
// SEC_CLIENT_* falling back to SEC_DEFAULT_* (SecMan::getSecSetting), SEC_TOOL_CLIENT_SESSION_DURATION,
// SEC_CLIENT_SESSION_LEASE, SEC_CLAIMTOBE_USER. Methods this library cannot do (KERBEROS, MUNGE...) are dropped as
// the C++ drops methods it cannot initialise; a crypto list without AES is refused.
import { HTCondorNotSupportedError } from '../errors.js';
import { secSetting, securitySettings, type ParamSource, type SecPermission } from '../config/client-defaults.js';
import { param as globalParam } from '../config/global.js';
import { SUPPORTED_METHODS, wireMethodName } from './methods/names.js';
import type { SecurityContextOptions } from './options.js';

function intSetting(names: string[], perm: SecPermission, p: ParamSource): number | undefined {
  for (const n of names) {
    const v = secSetting(n, perm, p);
    if (v !== undefined && /^\s*\d+\s*$/.test(v)) return Number(v);
  }
  return undefined;
}

/** Options for `new SecurityContext(...)` from the configuration (`param` by default). Add `platform` yourself. */
export function securityOptionsFromConfig(p: ParamSource = globalParam, subsystem = 'TOOL', perm: SecPermission = 'CLIENT'): SecurityContextOptions {
  const s = securitySettings(perm, p);
  if (!s.cryptoMethods.includes('AES')) {
    throw new HTCondorNotSupportedError(`SEC_${perm}_CRYPTO_METHODS is ${s.cryptoMethods.join(',') || '(empty)'}; htcondor-ts speaks only AES (AES-256-GCM)`);
  }
  const methods: string[] = [];
  for (const m of s.authenticationMethods) {
    const w = wireMethodName(m);
    if (w && SUPPORTED_METHODS.includes(w) && !methods.includes(w)) methods.push(w);
  }
  const o: SecurityContextOptions = {
    authentication: s.authentication,
    encryption: s.encryption,
    integrity: s.integrity,
    negotiation: s.negotiation,
    methods,
    subsystem,
  };
  // SEC_<SUBSYS>_<PERM>_SESSION_DURATION first, then SEC_<PERM>_SESSION_DURATION (FillInSecurityPolicyAd).
  let duration: number | undefined;
  for (const level of [perm, 'DEFAULT']) {
    const v = p.get(`SEC_${subsystem}_${level}_SESSION_DURATION`);
    if (v !== undefined && /^\s*\d+\s*$/.test(v)) {
      duration = Number(v);
      break;
    }
  }
  duration ??= intSetting(['SESSION_DURATION'], perm, p);
  if (duration !== undefined) o.sessionDuration = duration;
  const lease = intSetting(['SESSION_LEASE'], perm, p);
  if (lease !== undefined) o.sessionLease = lease;
  const claim = p.get('SEC_CLAIMTOBE_USER');
  if (claim) o.claimToBeUser = claim;
  return o;
}
