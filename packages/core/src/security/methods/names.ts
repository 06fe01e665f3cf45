// Authentication method names and bits (src/condor_includes/condor_auth.h; SecMan::sec_char_to_auth_method).
// On the wire the token method is "TOKEN" (never IDTOKENS: ReconcileMethodLists normalizes only the server's names).
import { HTCondorNotSupportedError } from '../../errors.js';

export const AuthMethodBits = {
  CLAIMTOBE: 2,
  FS: 4,
  FS_REMOTE: 8,
  NTSSPI: 16,
  KERBEROS: 64,
  ANONYMOUS: 128,
  SSL: 256,
  PASSWORD: 512,
  MUNGE: 1024,
  TOKEN: 2048,
  SCITOKENS: 4096,
} as const;

/** A method as the wire names it. */
export type WireMethod = keyof typeof AuthMethodBits;

/** Methods this library can complete, in the order we offer them by default after the caller's own order. */
export const SUPPORTED_METHODS: readonly WireMethod[] = ['FS', 'FS_REMOTE', 'TOKEN', 'SCITOKENS', 'SSL', 'CLAIMTOBE', 'ANONYMOUS'];

/** Methods HTCondor has that we refuse (no pure-TypeScript implementation, or not yet). */
const UNSUPPORTED: Partial<Record<WireMethod, string>> = {
  KERBEROS: 'needs a Kerberos library',
  MUNGE: 'needs the munge daemon',
  NTSSPI: 'is Windows SSPI',
  PASSWORD: 'is the pool-password method; use IDTOKENS',
};

/** The canonical wire name for any spelling HTCondor accepts (IDTOKENS, TOKENS, IDTOKEN -> TOKEN; SCITOKEN -> SCITOKENS). */
export function wireMethodName(name: string): WireMethod | undefined {
  const n = name.trim().toUpperCase();
  if (n === 'IDTOKENS' || n === 'IDTOKEN' || n === 'TOKENS') return 'TOKEN';
  if (n === 'SCITOKEN') return 'SCITOKENS';
  return n in AuthMethodBits ? (n as WireMethod) : undefined;
}

/** The name users know a method by (TOKEN is IDTOKENS in configuration, logs and condor_ping). */
export function displayMethodName(m: WireMethod): string {
  return m === 'TOKEN' ? 'IDTOKENS' : m;
}

export function methodForBit(bit: number): WireMethod | undefined {
  for (const [k, v] of Object.entries(AuthMethodBits)) if (v === bit) return k as WireMethod;
  return undefined;
}

/** Parses a method list ("FS, IDTOKENS" or an array); refuses unknown and unsupported methods with the reason. */
export function parseMethodList(list: string | readonly string[]): WireMethod[] {
  const names = typeof list === 'string' ? list.split(/[\s,]+/).filter((s) => s.length > 0) : list;
  const out: WireMethod[] = [];
  const supported = SUPPORTED_METHODS.map(displayMethodName).join(', ');
  for (const raw of names) {
    const m = wireMethodName(raw);
    if (!m) throw new HTCondorNotSupportedError(`unknown authentication method ${JSON.stringify(raw)}; supported methods: ${supported}`);
    const why = UNSUPPORTED[m];
    if (why) throw new HTCondorNotSupportedError(`authentication method ${displayMethodName(m)} ${why}; supported methods: ${supported}`);
    if (!out.includes(m)) out.push(m);
  }
  return out;
}
