/**
 * A Transport over the W3C WebSocket API, to a CEDAR endpoint through ws-proxy (packages/ws-proxy): the browser's
 * WebSocket, Node >= 22's global one, or the `ws` package's under Node 20 (pass its constructor). Portable: no
 * Node built-ins. The proxy relays bytes only, so security negotiation and AES-GCM run end to end through it.
 * The conventions with the proxy are in websocket-protocol.ts.
 */
import { HTCondorAbortError, HTCondorIOError, HTCondorTimeoutError, HTCondorValueError } from '../errors.js';
import type { ConnectOptions, Transport, TransportFactory } from './transport.js';
import { CEDAR_SUBPROTOCOL, ProxyCloseCodes, READY_MESSAGE, bearerSubprotocol, formatTarget } from './websocket-protocol.js';

/** What this transport needs of a WebSocket: the W3C API's EventTarget form (the browser's and `ws`'s both fit). */
export interface WebSocketLike {
  binaryType: string;
  readonly bufferedAmount: number;
  readonly readyState: number;
  send(data: Uint8Array): void;
  close(code?: number, reason?: string): void;
  addEventListener(type: 'open' | 'message' | 'close' | 'error', listener: (event: WebSocketEventLike) => void): void;
}

/** The fields of the open/message/close/error events that are read here. */
export interface WebSocketEventLike {
  readonly data?: unknown;
  readonly code?: number;
  readonly reason?: string;
  readonly type?: string;
  /** On error events: the browser gives none; `ws` and undici say what failed (TLS, refused connection). */
  readonly message?: string;
}

/** A W3C WebSocket constructor (globalThis.WebSocket, or `WebSocket` from the `ws` package). */
export type WebSocketConstructor = new (url: string, protocols?: string | string[]) => WebSocketLike;

export interface WebSocketTransportOptions {
  /** The ws-proxy's URL, e.g. `wss://proxy.example.org/cedar`; `?target=host:port` is added per connection. */
  url: string | URL;
  /** The WebSocket constructor; globalThis.WebSocket by default (Node 20 has none: pass `ws`'s). */
  WebSocket?: WebSocketConstructor;
  /** The proxy's own bearer credential (not an HTCondor token); sent as a subprotocol, never in the URL. */
  bearer?: string;
  /** write() waits while more than this many bytes are queued in the WebSocket (default 1 MiB). */
  highWaterMark?: number;
}

const OPEN = 1;
const DRAIN_POLL_MS = 5;

/** The W3C API has no drain event: write() polls bufferedAmount while it is above the high-water mark. */
function drained(ws: WebSocketLike, highWater: number, isClosed: () => boolean): Promise<void> {
  return new Promise((resolve) => {
    const check = (): void => {
      if (ws.bufferedAmount <= highWater || isClosed()) resolve();
      else setTimeout(check, DRAIN_POLL_MS);
    };
    check();
  });
}

function toBytes(data: unknown): Uint8Array | undefined {
  if (data instanceof ArrayBuffer) return new Uint8Array(data);
  if (ArrayBuffer.isView(data)) return new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  // `ws` hands a list of fragments for a message when binaryType is 'fragments' (never set here) — not expected.
  return undefined;
}

function describeClose(code: number | undefined, reason: string | undefined): string {
  const r = reason ? `: ${reason}` : '';
  switch (code) {
    case ProxyCloseCodes.Unauthorized: return `the proxy refused our credential${r}`;
    case ProxyCloseCodes.Forbidden: return `the proxy refused the target${r}`;
    case ProxyCloseCodes.TooManyConnections: return `the proxy has too many connections${r}`;
    case ProxyCloseCodes.ConnectFailed: return `the proxy could not connect to the daemon${r}`;
    case ProxyCloseCodes.ConnectTimeout: return `the proxy timed out connecting to the daemon${r}`;
    case ProxyCloseCodes.LimitExceeded: return `the proxy's per-connection limit was reached${r}`;
    case ProxyCloseCodes.Idle: return `the proxy closed an idle connection${r}`;
    case ProxyCloseCodes.BadRequest: return `the proxy did not understand the request${r}`;
    case 1006: return 'the WebSocket closed abnormally (proxy unreachable, or it refused the upgrade)';
    default: return `the WebSocket closed (code ${code ?? '?'})${r}`;
  }
}

class WebSocketTransport implements Transport {
  readonly peer: string;
  readonly #ws: WebSocketLike;
  readonly #highWater: number;
  #queue: Uint8Array[] = [];
  #ended = false;
  #error: HTCondorIOError | undefined;
  #waiter: { resolve: (v: Uint8Array | null) => void; reject: (e: unknown) => void } | undefined;

  constructor(ws: WebSocketLike, peer: string, highWater: number) {
    this.#ws = ws;
    this.peer = peer;
    this.#highWater = highWater;
    ws.addEventListener('message', (ev) => {
      const bytes = toBytes(ev.data);
      if (!bytes) {
        // Only binary messages follow `ready`; anything else means the peer does not speak our convention.
        this.#error = new HTCondorIOError(`unexpected ${typeof ev.data} message from the proxy for ${peer}`, { where: peer });
        this.close();
        return;
      }
      const w = this.#waiter;
      if (w) {
        this.#waiter = undefined;
        w.resolve(bytes);
      } else this.#queue.push(bytes);
    });
    ws.addEventListener('close', (ev) => {
      // A daemon closing its TCP side arrives as a normal close (1000, or TargetClosed): end of stream, not an error.
      if (ev.code !== 1000 && ev.code !== ProxyCloseCodes.TargetClosed && !this.#error) {
        this.#error = new HTCondorIOError(`connection to ${peer} through the proxy failed: ${describeClose(ev.code, ev.reason)}`, { where: peer });
      }
      this.#finish();
    });
    ws.addEventListener('error', () => {
      // The W3C error event carries no detail; the close event that follows has the code and reason.
    });
  }

  #finish(): void {
    this.#ended = true;
    const w = this.#waiter;
    if (w) {
      this.#waiter = undefined;
      if (this.#error) w.reject(this.#error);
      else w.resolve(null);
    }
  }

  read(): Promise<Uint8Array | null> {
    const next = this.#queue.shift();
    if (next) return Promise.resolve(next);
    if (this.#ended) return this.#error ? Promise.reject(this.#error) : Promise.resolve(null);
    if (this.#waiter) return Promise.reject(new HTCondorIOError('internal: concurrent reads on one transport'));
    return new Promise((resolve, reject) => {
      this.#waiter = { resolve, reject };
    });
  }

  async write(data: Uint8Array): Promise<void> {
    if (this.#ended || this.#ws.readyState !== OPEN) {
      throw this.#error ?? new HTCondorIOError(`connection to ${this.peer} is closed; cannot send`, { where: this.peer });
    }
    this.#ws.send(data);
    if (this.#ws.bufferedAmount > this.#highWater) await drained(this.#ws, this.#highWater, () => this.#ended);
    if (this.#error) throw this.#error;
  }

  close(): void {
    if (!this.#ended) {
      try {
        this.#ws.close(1000);
      } catch {
        /* already closing */
      }
    }
    this.#queue = [];
    this.#finish();
  }
}

/**
 * A TransportFactory that reaches daemons through ws-proxy: `new Collector(addr, { transport: webSocketTransport({ url }) })`.
 * connect() resolves once the proxy has connected to the daemon (its `ready` message), so a refused or unreachable
 * endpoint fails connect() and the address's other endpoints are tried, as with TCP.
 */
export function webSocketTransport(options: WebSocketTransportOptions): TransportFactory {
  const Ctor = options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
  if (!Ctor) {
    throw new HTCondorValueError('no WebSocket constructor: this runtime has no globalThis.WebSocket; pass one (e.g. `WebSocket` from the ws package)');
  }
  const base = new URL(String(options.url));
  if (base.protocol !== 'ws:' && base.protocol !== 'wss:') throw new HTCondorValueError(`the proxy URL must be ws: or wss:, not ${base.protocol}`);
  const protocols = [CEDAR_SUBPROTOCOL, ...(options.bearer !== undefined ? [bearerSubprotocol(options.bearer)] : [])];
  const highWater = options.highWaterMark ?? 1024 * 1024;

  return {
    connect(host: string, port: number, connect: ConnectOptions): Promise<Transport> {
      const target = formatTarget(host, port);
      const url = new URL(base.href);
      url.searchParams.set('target', target);
      return new Promise((resolve, reject) => {
        if (connect.signal?.aborted) {
          reject(new HTCondorAbortError(`connecting to ${target} was aborted`, { where: target, cause: connect.signal.reason }));
          return;
        }
        let ws: WebSocketLike;
        try {
          ws = new Ctor(url.href, protocols);
        } catch (e) {
          reject(new HTCondorIOError(`cannot open a WebSocket to ${base.host}: ${(e as Error).message}`, { cause: e, where: target }));
          return;
        }
        ws.binaryType = 'arraybuffer';
        let settled = false;
        const settle = (): boolean => {
          if (settled) return false;
          settled = true;
          clearTimeout(timer);
          connect.signal?.removeEventListener('abort', onAbort);
          return true;
        };
        const fail = (err: HTCondorIOError): void => {
          if (!settle()) return;
          try {
            ws.close(1000);
          } catch {
            /* not open yet */
          }
          reject(err);
        };
        const onAbort = (): void => fail(new HTCondorAbortError(`connecting to ${target} was aborted`, { where: target, cause: connect.signal?.reason }));
        const timer = setTimeout(
          () => fail(new HTCondorTimeoutError(`connecting to ${target} through ${base.host} timed out after ${connect.timeoutMs} ms`, { where: target })),
          connect.timeoutMs,
        );
        connect.signal?.addEventListener('abort', onAbort, { once: true });
        // An error event is followed by a close event (1006), which rejects; its message (absent in browsers) is kept
        // for the error. A listener must exist anyway: `ws` throws an error event that nobody listens to.
        let cause: string | undefined;
        ws.addEventListener('error', (ev) => {
          if (typeof ev.message === 'string' && ev.message) cause = ev.message;
        });
        // Until `ready`, the first message and the close event decide connect(); the transport takes over after.
        ws.addEventListener('message', (ev) => {
          if (settled) return;
          if (ev.data === READY_MESSAGE) {
            if (settle()) resolve(new WebSocketTransport(ws, target, highWater));
          } else fail(new HTCondorIOError(`the proxy at ${base.host} sent data before it was ready: is this a ws-proxy?`, { where: target }));
        });
        ws.addEventListener('close', (ev) => {
          const why = describeClose(ev.code, ev.reason) + (cause ? ` (${cause})` : '');
          fail(new HTCondorIOError(`cannot connect to ${target} through ${base.host}: ${why}`, { where: target }));
        });
      });
    },
  };
}
