// The relay: one WebSocket <-> one TCP connection to an allowed CEDAR endpoint, bytes copied unchanged both ways.
// The proxy never parses CEDAR, so the daemon's security handshake and AES-GCM run end to end between the client and
// the daemon; the proxy sees only ciphertext after the handshake. Conventions: core's transport/websocket-protocol.ts.
import { createServer as createHttpServer, type IncomingMessage, type Server } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import { connect as netConnect, type AddressInfo, type Socket } from 'node:net';
import { pino, type Logger } from 'pino';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { Allowlist, formatTarget, parseTarget } from './allowlist.js';
import { CEDAR_SUBPROTOCOL, bearerAccepted, presentedBearer } from './auth.js';
import { DEFAULT_LIMITS, type WsProxyLimits, type WsProxyOptions } from './options.js';

/** Close codes shared with the client transport (core's ProxyCloseCodes). */
export const CloseCodes = {
  Normal: 1000,
  BadRequest: 4400,
  Unauthorized: 4401,
  Forbidden: 4403,
  Idle: 4408,
  LimitExceeded: 4413,
  TooManyConnections: 4429,
  ConnectFailed: 4502,
  ConnectTimeout: 4504,
} as const;

const READY = 'ready';
/** Daemon-to-client bytes queued in the WebSocket before the TCP side is paused. */
const SEND_HIGH_WATER = 1024 * 1024;

/**
 * A close reason fits in 123 bytes of UTF-8 (RFC 6455 §5.5: control frames carry at most 125 bytes); ws throws on a
 * longer one, and reasons quote client-chosen text (target, origin), so they are cut here rather than crash the proxy.
 */
export function closeReason(text: string): string {
  const enc = new TextEncoder();
  if (enc.encode(text).length <= 123) return text;
  let cut = text.slice(0, 120);
  while (enc.encode(cut + '...').length > 123) cut = cut.slice(0, -1);
  return cut + '...';
}

export interface WsProxyStats {
  active: number;
  accepted: number;
  refused: number;
}

export interface WsProxy {
  /** Starts listening; resolves with the ws:// (or wss://) URL. Port 0 picks a free port. */
  listen(port: number, host?: string): Promise<string>;
  /** Stops accepting and closes every relay. */
  close(): Promise<void>;
  readonly stats: Readonly<WsProxyStats>;
  /** The underlying HTTP(S) server, e.g. to add a health route. */
  readonly server: Server;
}

export function createWsProxy(options: WsProxyOptions = {}): WsProxy {
  const allow = new Allowlist(options.allow ?? []);
  const tokens = [...(options.bearerTokens ?? [])];
  if (tokens.some((t) => t.length === 0)) throw new TypeError('an empty bearer token would accept anyone');
  const origins = options.allowedOrigins ? new Set(options.allowedOrigins) : undefined;
  const limits: WsProxyLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const path = options.path ?? '/';
  const log: Logger = options.logger ?? pino({ name: 'ws-proxy' });
  const stats: WsProxyStats = { active: 0, accepted: 0, refused: 0 };
  const perClient = new Map<string, number>();
  const open = new Set<WebSocket>();
  let nextId = 1;

  const server: Server = options.tls
    ? (createHttpsServer({ cert: options.tls.cert, key: options.tls.key }) as Server)
    : createHttpServer();
  server.on('request', (_req, res) => {
    res.writeHead(426, { 'content-type': 'text/plain' }).end('htcondor-ts ws-proxy: WebSocket only\n');
  });
  const wss = new WebSocketServer({
    noServer: true,
    maxPayload: limits.maxMessageBytes,
    // Select cedar.v1 only: a bearer subprotocol must never be echoed back.
    handleProtocols: (protocols) => (protocols.has(CEDAR_SUBPROTOCOL) ? CEDAR_SUBPROTOCOL : false),
  });

  server.on('upgrade', (req: IncomingMessage, socket, head) => {
    // Nothing a client sends may throw out of this handler: that would take the whole proxy down.
    socket.on('error', () => socket.destroy());
    let url: URL;
    try {
      url = new URL(req.url ?? '/', 'http://proxy');
    } catch {
      socket.end('HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n');
      return;
    }
    if (url.pathname !== path) {
      socket.end('HTTP/1.1 404 Not Found\r\nConnection: close\r\n\r\n');
      return;
    }
    // Every other refusal completes the upgrade and closes with a code and reason: browsers report nothing about a
    // refused upgrade, and the client should be able to say why.
    wss.handleUpgrade(req, socket, head, (ws) => relay(ws, req, url));
  });

  function refuse(ws: WebSocket, l: Logger, code: number, reason: string): void {
    stats.refused++;
    l.warn({ code, reason }, 'refused');
    ws.close(code, closeReason(reason));
  }

  function relay(ws: WebSocket, req: IncomingMessage, url: URL): void {
    const id = nextId++;
    const client = req.socket.remoteAddress ?? 'unknown';
    const targetText = url.searchParams.get('target') ?? '';
    const l = log.child({ conn: id, client, target: targetText.slice(0, 300) });

    // Only clients of this convention: a page opening a bare WebSocket to the proxy gets no relay.
    if (ws.protocol !== CEDAR_SUBPROTOCOL) return refuse(ws, l, CloseCodes.BadRequest, `the ${CEDAR_SUBPROTOCOL} subprotocol is required`);
    if (origins && !origins.has(req.headers.origin ?? '')) return refuse(ws, l, CloseCodes.Forbidden, `origin ${req.headers.origin ?? '(none)'} is not allowed`);
    if (!bearerAccepted(presentedBearer(req), tokens)) return refuse(ws, l, CloseCodes.Unauthorized, 'bearer credential missing or not accepted');
    const target = parseTarget(targetText);
    if (!target) return refuse(ws, l, CloseCodes.BadRequest, 'the target parameter must be host:port');
    if (!allow.allows(target)) return refuse(ws, l, CloseCodes.Forbidden, `the target is not in the proxy's allowlist: ${formatTarget(target)}`);
    if (stats.active >= limits.maxConnections) return refuse(ws, l, CloseCodes.TooManyConnections, 'the proxy is at its connection limit');
    const mine = perClient.get(client) ?? 0;
    if (mine >= limits.maxConnectionsPerClient) return refuse(ws, l, CloseCodes.TooManyConnections, 'too many connections from this client');

    stats.active++;
    stats.accepted++;
    perClient.set(client, mine + 1);
    open.add(ws);
    const started = Date.now();
    let up = 0; // client -> daemon bytes
    let down = 0; // daemon -> client bytes
    let ready = false;
    let closed = false;
    let why = 'client closed';

    const sock: Socket = netConnect({ host: target.host, port: target.port });
    sock.setNoDelay(true);
    const shut = (code: number, reason: string): void => {
      why = reason;
      if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(code, closeReason(reason));
      else ws.terminate();
    };
    const connectTimer = setTimeout(() => shut(CloseCodes.ConnectTimeout, `connecting to ${formatTarget(target)} timed out`), limits.connectTimeoutMs);
    const lifeTimer = setTimeout(() => shut(CloseCodes.LimitExceeded, 'maximum connection lifetime reached'), limits.maxLifetimeMs);
    let idleTimer = setTimeout(() => shut(CloseCodes.Idle, 'idle'), limits.idleTimeoutMs);
    const touch = (): void => {
      if (closed) return;
      clearTimeout(idleTimer);
      idleTimer = setTimeout(() => shut(CloseCodes.Idle, 'idle'), limits.idleTimeoutMs);
    };

    sock.once('connect', () => {
      clearTimeout(connectTimer);
      if (closed) return;
      ready = true;
      l.info('relaying');
      ws.send(READY);
    });
    sock.on('error', (err: NodeJS.ErrnoException) => {
      if (!ready) shut(CloseCodes.ConnectFailed, `cannot connect to ${formatTarget(target)}: ${err.code ?? err.message}`);
      else shut(CloseCodes.Normal, `daemon connection failed: ${err.code ?? err.message}`);
    });
    sock.on('close', () => {
      if (ready) shut(CloseCodes.Normal, 'the daemon closed the connection');
    });
    sock.on('data', (chunk: Buffer) => {
      touch();
      down += chunk.length;
      if (up + down > limits.maxBytesPerConnection) return shut(CloseCodes.LimitExceeded, 'per-connection byte limit reached');
      ws.send(chunk, { binary: true }, () => {
        if (sock.isPaused() && ws.bufferedAmount < SEND_HIGH_WATER / 2) sock.resume();
      });
      if (ws.bufferedAmount > SEND_HIGH_WATER) sock.pause();
    });
    sock.on('drain', () => ws.resume());

    ws.on('message', (data: RawData, isBinary: boolean) => {
      touch();
      if (!ready || !isBinary) return shut(CloseCodes.BadRequest, ready ? 'only binary messages are relayed' : 'data sent before ready');
      const bytes = Array.isArray(data) ? Buffer.concat(data) : Buffer.from(data as ArrayBuffer);
      up += bytes.length;
      if (up + down > limits.maxBytesPerConnection) return shut(CloseCodes.LimitExceeded, 'per-connection byte limit reached');
      if (!sock.write(bytes)) ws.pause(); // back-pressure toward the client until the daemon's side drains
    });
    ws.on('error', (err) => {
      why = `websocket error: ${err.message}`;
    });
    ws.on('close', (code) => {
      closed = true;
      clearTimeout(connectTimer);
      clearTimeout(lifeTimer);
      clearTimeout(idleTimer);
      // end() lets bytes the client sent just before closing reach the daemon; destroy() later in any case.
      sock.end();
      setTimeout(() => sock.destroy(), 5000).unref();
      stats.active--;
      const n = (perClient.get(client) ?? 1) - 1;
      if (n > 0) perClient.set(client, n);
      else perClient.delete(client);
      open.delete(ws);
      l.info({ code, why, bytesUp: up, bytesDown: down, ms: Date.now() - started }, 'closed');
    });
  }

  return {
    server,
    stats,
    listen(port: number, host = '127.0.0.1'): Promise<string> {
      return new Promise((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => {
          server.off('error', reject);
          // After start-up an error (EMFILE on accept, say) is logged, not thrown: the relays in progress go on.
          server.on('error', (err) => log.error({ err }, 'server error'));
          const a = server.address() as AddressInfo;
          const h = a.family === 'IPv6' ? `[${a.address}]` : a.address;
          const u = `${options.tls ? 'wss' : 'ws'}://${h}:${a.port}${path}`;
          log.info({ url: u, allow: allow.entries(), auth: tokens.length > 0, limits }, 'listening');
          resolve(u);
        });
      });
    },
    close(): Promise<void> {
      for (const ws of open) ws.close(1001, 'proxy shutting down');
      return new Promise((resolve) => {
        wss.close();
        server.close(() => resolve());
        server.closeAllConnections?.();
      });
    },
  };
}
