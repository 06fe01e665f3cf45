// The proxy's settings and their defaults, in one place.
import type { Logger } from 'pino';

export interface WsProxyLimits {
  /** Open relays at once, over all clients (default 256). */
  maxConnections: number;
  /** Open relays at once from one client address (default 32). */
  maxConnectionsPerClient: number;
  /** Largest WebSocket message accepted from a client, in bytes (default 16 MiB). */
  maxMessageBytes: number;
  /** Bytes relayed per connection, both directions together, before it is closed (default 1 GiB). */
  maxBytesPerConnection: number;
  /** A connection with no traffic either way for this long is closed (default 5 min). */
  idleTimeoutMs: number;
  /** A connection is closed after this long whatever it does (default 1 h). */
  maxLifetimeMs: number;
  /** Time allowed for the TCP connection to the target (default 10 s). */
  connectTimeoutMs: number;
}

export const DEFAULT_LIMITS: WsProxyLimits = {
  maxConnections: 256,
  maxConnectionsPerClient: 32,
  maxMessageBytes: 16 * 1024 * 1024,
  maxBytesPerConnection: 1024 * 1024 * 1024,
  idleTimeoutMs: 5 * 60_000,
  maxLifetimeMs: 60 * 60_000,
  connectTimeoutMs: 10_000,
};

export interface WsProxyOptions {
  /** Targets clients may reach, as `host:port` (`[v6]:port`). Empty (the default) refuses every target. */
  allow?: readonly string[];
  /** Bearer tokens accepted from clients; none (the default) means clients are not authenticated by the proxy. */
  bearerTokens?: readonly string[];
  /** Browser origins accepted (the Origin header); none (the default) accepts any. */
  allowedOrigins?: readonly string[];
  /** The URL path the proxy answers on (default `/`). */
  path?: string;
  limits?: Partial<WsProxyLimits>;
  /** Where structured logs go (default: pino at info level on stdout). Tokens are never logged. */
  logger?: Logger;
  /** Serve wss:// with this certificate and key (PEM); plain ws:// otherwise (e.g. behind a TLS terminator). */
  tls?: { cert: string | Buffer; key: string | Buffer };
}
