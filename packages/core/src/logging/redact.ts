/**
 * What never reaches a log: values of fields named like secrets, at any of the first three levels of an object
 * (pino's redaction paths do not recurse, so we list the depths), and `name=value` secrets inside messages.
 */

/** Field names whose values are secrets (tokens, keys, passwords, signatures...). */
export const SECRET_FIELDS = [
  'token', 'tokens', 'key', 'keys', 'password', 'passwd', 'signature', 'secret', 'privateKey', 'private_key',
  'sessionKey', 'session_key', 'authorization', 'credential', 'credentials', 'jwt', 'idToken', 'accessToken',
] as const;

export const REDACTED = '[REDACTED]';

export function redactPaths(): string[] {
  const paths: string[] = [];
  for (const f of SECRET_FIELDS) paths.push(f, `*.${f}`, `*.*.${f}`);
  return paths;
}

const INLINE = new RegExp(`\\b(${SECRET_FIELDS.join('|')})(\\s*[=:]\\s*)("[^"]*"|'[^']*'|[^\\s,;]+)`, 'gi');
/** A JWT (three base64url parts) anywhere in text. */
const JWT = /\beyJ[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]{5,}\.[A-Za-z0-9_-]*/g;

/** Masks `password=...`, `token: ...` and bare JWTs in a message. */
export function redactText(message: string): string {
  return message.replace(INLINE, (_m, name: string, sep: string) => `${name}${sep}${REDACTED}`).replace(JWT, REDACTED);
}
