/**
 * The conventions between the WebSocket transport and ws-proxy (packages/ws-proxy implements the server side):
 *
 * - URL: the proxy's URL with `?target=<host>:<port>` (IPv6 hosts in brackets) naming the CEDAR endpoint.
 * - Subprotocols offered: `cedar.v1`, and with a proxy credential `bearer.<base64url(token)>`. Browsers cannot set an
 *   Authorization header on a WebSocket, so the credential rides in Sec-WebSocket-Protocol (as Kubernetes does);
 *   the proxy selects `cedar.v1` and never echoes the credential.
 * - Once the proxy's TCP connection to the target is up, it sends one text message, `ready`; from then on binary
 *   messages carry the CEDAR byte stream unchanged, both ways (the proxy neither parses nor frames it, so
 *   authentication and AES-GCM stay end to end between the client and the daemon).
 * - A refusal or failure closes the WebSocket with one of the codes below and a human-readable reason.
 */
export const CEDAR_SUBPROTOCOL = 'cedar.v1';
export const BEARER_SUBPROTOCOL_PREFIX = 'bearer.';
export const READY_MESSAGE = 'ready';

/** Close codes (4000-4999 are private-use in RFC 6455); they mirror HTTP statuses where one fits. */
export const ProxyCloseCodes = {
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  TooManyConnections: 4429,
  ConnectFailed: 4502,
  ConnectTimeout: 4504,
  LimitExceeded: 4413,
  Idle: 4408,
  TargetClosed: 4000,
} as const;
export type ProxyCloseCode = (typeof ProxyCloseCodes)[keyof typeof ProxyCloseCodes];

/** base64url without padding (RFC 4648 §5), of UTF-8 text, with no Buffer (this file runs in browsers). */
export function base64UrlEncode(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let bin = '';
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

/** The subprotocol that carries a proxy bearer credential. */
export function bearerSubprotocol(token: string): string {
  return BEARER_SUBPROTOCOL_PREFIX + base64UrlEncode(token);
}

/** `host:port` as the proxy's target parameter and allowlist entries spell it (IPv6 in brackets). */
export function formatTarget(host: string, port: number): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]:${port}` : `${host}:${port}`;
}
