// Optional bearer authentication of the proxy's own clients (not HTCondor's authentication, which runs end to end
// through the relay). Browsers cannot set headers on a WebSocket, so the credential may come as a subprotocol
// `bearer.<base64url>` (the transport's convention) or, from other clients, as `Authorization: Bearer <token>`.
import { createHash, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const CEDAR_SUBPROTOCOL = 'cedar.v1';
const BEARER_PREFIX = 'bearer.';

/** The bearer credential the client presented, if any. */
export function presentedBearer(req: IncomingMessage): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(auth);
    if (m) return m[1];
  }
  const protocols = (req.headers['sec-websocket-protocol'] ?? '').split(',').map((s) => s.trim());
  const p = protocols.find((s) => s.startsWith(BEARER_PREFIX));
  if (p === undefined) return undefined;
  try {
    return Buffer.from(p.slice(BEARER_PREFIX.length), 'base64url').toString('utf8');
  } catch {
    return undefined;
  }
}

const digest = (s: string): Buffer => createHash('sha256').update(s, 'utf8').digest();

/** Compares in constant time (over SHA-256 digests, so lengths leak nothing either) against every accepted token. */
export function bearerAccepted(presented: string | undefined, accepted: readonly string[]): boolean {
  if (accepted.length === 0) return true;
  if (presented === undefined) return false;
  const d = digest(presented);
  let ok = false;
  for (const a of accepted) ok = timingSafeEqual(d, digest(a)) || ok;
  return ok;
}
