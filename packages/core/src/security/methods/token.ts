// IDTOKENS (wire name TOKEN): Condor_Auth_Passwd version 2, an AKEP2 exchange keyed by the token's signature.
// Token choice (checkToken/findTokens): the first token with a kid, whose kid is among the server's IssuerKeys and
// whose iss is the server's TrustDomain (each checked only if the server sent it), and with a sub.
// Keys (fetchLogin): ka = HKDF-SHA256(IKM = signature, salt = SEED_KA || token, info "master ka", 32),
//                    kb likewise with SEED_KB and "master kb" (kb only wraps legacy keys; ECDH made it unused).
// Messages (client_send_one, client_receive, client_check_t_validity, client_send_two):
//   C->S int status, int len(A), string A, string token, int 256, bytes ra
//   S->C int status, int len(A), string A, int len(B), string B, int len(ra), bytes ra, int len(rb), bytes rb,
//        int len(hkt), bytes hkt          hkt = HMAC-SHA1(ka, A " " B \0 ra rb)
//   C->S int status, int len(A), string A, int len(rb), bytes rb, int len(hk), bytes hk     hk = HMAC-SHA1(ka, A \0 rb)
// Every side completes all three messages, with status -1 and empty fields on error, so the method rounds stay in step.
import { bytesEqual, concatBytes, encodeUtf8, wipe } from '../bytes.js';
import { hkdfSha256, hmacSha1, randomBytes } from '../crypto.js';
import { parseToken, type ParsedToken } from '../jwt.js';
import type { TokenCandidate } from '../platform.js';
import { AUTH_PW_KEY_LEN, SEED_KA, SEED_KB } from '../seeds.js';
import type { AuthExchange, AuthOutcome, ClientAuthMethod } from './method.js';

const AUTH_PW_A_OK = 0;
const AUTH_PW_ERROR = -1;
const MAX_NAME = 1024;

export interface ChosenToken {
  parsed: ParsedToken;
  origin: string;
}

function describe(t: ParsedToken, origin: string): string {
  const c = t.claims;
  return `${origin} (iss=${c.iss ?? '?'}, kid=${c.kid ?? '?'}, sub=${c.sub ?? '?'})`;
}

/** Picks the token the server can verify, or says why none qualifies. `now` is in seconds since the epoch. */
export function chooseToken(
  candidates: readonly TokenCandidate[],
  trustDomain: string | undefined,
  issuerKeys: readonly string[],
  now: number = Date.now() / 1000,
): { chosen: ChosenToken } | { reason: string } {
  const rejected: string[] = [];
  let expired: ChosenToken | undefined;
  for (const cand of candidates) {
    let parsed: ParsedToken;
    try {
      parsed = parseToken(cand.token);
    } catch (e) {
      rejected.push(`${cand.origin}: ${(e as Error).message}`);
      continue;
    }
    const c = parsed.claims;
    if (!c.kid) rejected.push(`${describe(parsed, cand.origin)}: no key id (kid)`);
    else if (issuerKeys.length > 0 && !issuerKeys.includes(c.kid)) rejected.push(`${describe(parsed, cand.origin)}: key id not among the server's issuer keys [${issuerKeys.join(', ')}]`);
    else if (trustDomain && c.iss !== trustDomain) rejected.push(`${describe(parsed, cand.origin)}: issuer is not the server's trust domain ${trustDomain}`);
    else if (!c.sub) rejected.push(`${describe(parsed, cand.origin)}: no subject (sub)`);
    else if (c.exp !== undefined && c.exp <= now) {
      // The C++ would still send it and be refused; we prefer a live token and explain if only dead ones remain.
      rejected.push(`${describe(parsed, cand.origin)}: expired at ${new Date(c.exp * 1000).toISOString()}`);
      expired ??= { parsed, origin: cand.origin };
    } else return { chosen: { parsed, origin: cand.origin } };
  }
  if (candidates.length === 0) return { reason: 'no token found (none given, and none in the token directories)' };
  return { reason: `no usable token: ${rejected.join('; ')}` };
}

/** ka: the MAC key of the exchange (Condor_Auth_Passwd::fetchLogin, version 2). */
export function tokenKa(t: ParsedToken): Promise<Uint8Array> {
  return hkdfSha256(t.signature, concatBytes([SEED_KA, encodeUtf8(t.signedPart)]), encodeUtf8('master ka'), 32);
}

/** ka and kb. kb only ever wrapped a pre-ECDH session key, so the handshake computes ka alone. */
export async function tokenKeys(t: ParsedToken): Promise<{ ka: Uint8Array; kb: Uint8Array }> {
  const kb = hkdfSha256(t.signature, concatBytes([SEED_KB, encodeUtf8(t.signedPart)]), encodeUtf8('master kb'), 32);
  return { ka: await tokenKa(t), kb: await kb };
}

/** hkt = HMAC-SHA1(ka, A " " B \0 ra rb) (calculate_hkt). */
export function computeHkt(ka: Uint8Array, a: string, b: string, ra: Uint8Array, rb: Uint8Array): Promise<Uint8Array> {
  return hmacSha1(ka, concatBytes([encodeUtf8(`${a} ${b}`), new Uint8Array(1), ra, rb]));
}

/** hk = HMAC-SHA1(ka, A \0 rb) (calculate_hk). */
export function computeHk(ka: Uint8Array, a: string, rb: Uint8Array): Promise<Uint8Array> {
  return hmacSha1(ka, concatBytes([encodeUtf8(a), new Uint8Array(1), rb]));
}

export class TokenMethod implements ClientAuthMethod {
  readonly name = 'TOKEN' as const;
  readonly #candidates: () => Promise<TokenCandidate[]>;
  /** The token used by the last successful run (for SessionInfo; never logged). */
  lastToken: ChosenToken | undefined;

  constructor(candidates: () => Promise<TokenCandidate[]>) {
    this.#candidates = candidates;
  }

  async available(): Promise<boolean> {
    return (await this.#candidates()).length > 0;
  }

  async authenticate({ stream, serverPolicy }: AuthExchange): Promise<AuthOutcome> {
    const trustDomain = serverPolicy.getString('TrustDomain') || undefined;
    const issuerKeys = (serverPolicy.getString('IssuerKeys') ?? '').split(/[\s,]+/).filter((s) => s.length > 0);
    const pick = chooseToken(await this.#candidates(), trustDomain, issuerKeys);
    let reason: string | undefined = 'reason' in pick ? pick.reason : undefined;
    const chosen = 'chosen' in pick ? pick.chosen : undefined;
    const a = chosen?.parsed.claims.sub ?? '';
    const ra = randomBytes(AUTH_PW_KEY_LEN);
    // Derive ka while the server does its share of the work (its reply takes a few milliseconds).
    const kaPromise = chosen ? tokenKa(chosen.parsed) : undefined;
    kaPromise?.catch(() => undefined);

    // Step (a).
    if (chosen) {
      stream.putInt(AUTH_PW_A_OK).putInt(encodeUtf8(a).length).putString(a).putString(chosen.parsed.signedPart).putInt(AUTH_PW_KEY_LEN).putBytes(ra);
    } else {
      stream.putInt(AUTH_PW_ERROR).putInt(0).putString('').putString('').putInt(0);
    }
    await stream.endOfMessage();

    // Step (b).
    const serverStatus = await stream.getInt();
    await stream.getInt();
    const sa = await stream.getString();
    await stream.getInt();
    const sb = await stream.getString();
    const readBlob = async (max: number): Promise<Uint8Array> => {
      const n = await stream.getInt();
      if (n < 0 || n > max) throw new RangeError(`bad length ${n}`);
      return n === 0 ? new Uint8Array(0) : stream.getBytes(n);
    };
    let sra: Uint8Array, srb: Uint8Array, shkt: Uint8Array;
    try {
      sra = await readBlob(AUTH_PW_KEY_LEN);
      srb = await readBlob(AUTH_PW_KEY_LEN);
      shkt = await readBlob(64);
    } catch (e) {
      stream.close();
      return { ok: false, reason: `malformed IDTOKENS reply from the server: ${(e as Error).message}` };
    }
    await stream.finishMessage();
    if (sa.length > MAX_NAME || sb.length > MAX_NAME) reason ??= 'the server sent an over-long name';

    let ka: Uint8Array | undefined;
    let hk: Uint8Array | undefined;
    if (!reason && serverStatus !== AUTH_PW_A_OK) {
      reason = `the server rejected the token from ${describe(chosen!.parsed, chosen!.origin)}: wrong signature (not issued by this pool's signing key ${chosen!.parsed.claims.kid}), expired, revoked, or the identity is not allowed — the daemon's log (D_SECURITY) says which`;
    }
    if (!reason && chosen) {
      // Step (c): check the server knows the same secret.
      ka = await kaPromise!;
      if (sa !== a) reason = `the server answered for a different client name (${sa})`;
      else if (sra.length !== AUTH_PW_KEY_LEN || !bytesEqual(sra, ra)) reason = 'the server echoed a different challenge';
      else if (srb.length !== AUTH_PW_KEY_LEN || !sb) reason = 'the server sent an incomplete reply';
      else if (!bytesEqual(await computeHkt(ka, a, sb, ra, srb), shkt)) {
        reason = `the token's signature does not match the server's signing key ${chosen.parsed.claims.kid ?? ''} (HMAC mismatch): the token was not issued with this pool's key, or the key was replaced`;
      } else hk = await computeHk(ka, a, srb);
    }

    // Step (d).
    if (!reason && hk) {
      stream.putInt(AUTH_PW_A_OK).putInt(encodeUtf8(a).length).putString(a).putInt(AUTH_PW_KEY_LEN).putBytes(srb).putInt(hk.length).putBytes(hk);
    } else {
      stream.putInt(AUTH_PW_ERROR).putInt(0).putString('').putInt(0).putInt(0);
    }
    await stream.endOfMessage();
    wipe(ka);
    if (reason) return { ok: false, reason };
    this.lastToken = chosen;
    // The server's own checks of hk (and of the token) show only as a dropped connection or a DENIED post-auth ad.
    return { ok: true, detail: describe(chosen!.parsed, chosen!.origin) };
  }
}
