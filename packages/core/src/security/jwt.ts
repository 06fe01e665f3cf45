// Compact JWTs as IDTOKENS carries them (Condor_Auth_Passwd checkToken): the header and payload are read without
// verifying the signature — only the issuing pool can — and split into what goes on the wire
// ("<header>.<payload>", no signature) and the secret (the raw signature bytes, the HKDF input key).
import { HTCondorValueError } from '../errors.js';
import { fromBase64 } from './bytes.js';

export interface TokenClaims {
  /** Key id (header "kid"): which of the issuer's signing keys signed it ("POOL" for the pool key). */
  kid?: string;
  /** Issuer: the pool's TRUST_DOMAIN. */
  iss?: string;
  /** Subject: the identity, e.g. alice@lab.local. */
  sub?: string;
  iat?: number;
  exp?: number;
  jti?: string;
  /** Authorization limits, e.g. "condor:/READ condor:/WRITE". */
  scope?: string;
}

export interface ParsedToken {
  claims: TokenClaims;
  /** What the client sends: base64url header "." base64url payload, exactly as in the token text. */
  signedPart: string;
  /** The raw signature: the shared secret from which IDTOKENS derives its keys. Never log it. */
  signature: Uint8Array;
}

const decoder = new TextDecoder();

function parseJsonPart(part: string, what: string): Record<string, unknown> {
  const v: unknown = JSON.parse(decoder.decode(fromBase64(part)));
  if (typeof v !== 'object' || v === null || Array.isArray(v)) throw new Error(`the ${what} is not a JSON object`);
  return v as Record<string, unknown>;
}

/** Parses a compact JWT; throws HTCondorValueError saying what is wrong (without echoing the token). */
export function parseToken(text: string): ParsedToken {
  const t = text.trim();
  const parts = t.split('.');
  if (parts.length !== 3 || parts.some((p) => p.length === 0)) {
    throw new HTCondorValueError('not an IDTOKEN: expected three base64url parts separated by "." (header.payload.signature)');
  }
  try {
    const header = parseJsonPart(parts[0]!, 'header');
    const payload = parseJsonPart(parts[1]!, 'payload');
    const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
    const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
    const claims: TokenClaims = {};
    const kid = str(header['kid']);
    if (kid !== undefined) claims.kid = kid;
    const iss = str(payload['iss']);
    if (iss !== undefined) claims.iss = iss;
    const sub = str(payload['sub']);
    if (sub !== undefined) claims.sub = sub;
    const iat = num(payload['iat']);
    if (iat !== undefined) claims.iat = iat;
    const exp = num(payload['exp']);
    if (exp !== undefined) claims.exp = exp;
    const jti = str(payload['jti']);
    if (jti !== undefined) claims.jti = jti;
    const scope = str(payload['scope']);
    if (scope !== undefined) claims.scope = scope;
    return { claims, signedPart: `${parts[0]}.${parts[1]}`, signature: fromBase64(parts[2]!) };
  } catch (e) {
    throw new HTCondorValueError(`not an IDTOKEN: ${(e as Error).message}`, { cause: e });
  }
}
