// The WebSocket transport against a scripted fake WebSocket: the URL and subprotocols it opens with, connect() only
// after the proxy's `ready`, the proxy's close codes turned into errors that say why, end of stream, abort, timeout.
import { HTCondorAbortError, HTCondorIOError, HTCondorTimeoutError, HTCondorValueError } from '../errors.js';
import { webSocketTransport, type WebSocketEventLike, type WebSocketLike } from './websocket.js';
import { ProxyCloseCodes } from './websocket-protocol.js';

class FakeWebSocket implements WebSocketLike {
  static last: FakeWebSocket | undefined;
  binaryType = 'blob';
  bufferedAmount = 0;
  readyState = 0;
  sent: Uint8Array[] = [];
  closedWith: number | undefined;
  readonly #listeners = new Map<string, ((e: WebSocketEventLike) => void)[]>();
  constructor(readonly url: string, readonly protocols?: string | string[]) {
    FakeWebSocket.last = this;
  }
  addEventListener(type: string, listener: (e: WebSocketEventLike) => void): void {
    this.#listeners.set(type, [...(this.#listeners.get(type) ?? []), listener]);
  }
  emit(type: string, e: WebSocketEventLike): void {
    for (const l of this.#listeners.get(type) ?? []) l(e);
  }
  send(data: Uint8Array): void {
    this.sent.push(data.slice());
  }
  close(code?: number): void {
    this.closedWith = code;
    this.readyState = 3;
  }
  // What the proxy does: open, then `ready` once its TCP side is up.
  ready(): void {
    this.readyState = 1;
    this.emit('open', {});
    this.emit('message', { data: 'ready' });
  }
}

const opts = { timeoutMs: 1000 };
const factory = (extra: { bearer?: string } = {}): ReturnType<typeof webSocketTransport> =>
  webSocketTransport({ url: 'wss://proxy.example.org/cedar', WebSocket: FakeWebSocket, ...extra });

describe('webSocketTransport', () => {
  test('opens <url>?target=host:port with cedar.v1 and the bearer as a subprotocol, never in the URL', async () => {
    const p = factory({ bearer: 'sécret' }).connect('cm.example.org', 9618, opts);
    p.catch(() => undefined); // awaited below; a failed expectation must not leave it unhandled
    const ws = FakeWebSocket.last!;
    expect(ws.url).toBe('wss://proxy.example.org/cedar?target=cm.example.org%3A9618');
    expect(ws.protocols).toEqual(['cedar.v1', 'bearer.c8OpY3JldA']);
    expect(ws.url).not.toContain('cret');
    expect(ws.binaryType).toBe('arraybuffer');
    ws.ready();
    const t = await p;
    expect(t.peer).toBe('cm.example.org:9618');
  });

  test('IPv6 targets are bracketed', async () => {
    void factory().connect('fd00::2', 9618, opts).catch(() => undefined);
    expect(new URL(FakeWebSocket.last!.url).searchParams.get('target')).toBe('[fd00::2]:9618');
  });

  test('bytes flow both ways; a normal close is the end of the stream', async () => {
    const p = factory().connect('h', 1, opts);
    const ws = FakeWebSocket.last!;
    ws.ready();
    const t = await p;
    await t.write(new Uint8Array([1, 2, 3]));
    expect(ws.sent).toEqual([new Uint8Array([1, 2, 3])]);
    const pending = t.read(); // waits: nothing queued yet
    ws.emit('message', { data: new Uint8Array([4, 5]).buffer });
    ws.emit('message', { data: new Uint8Array([6]).buffer }); // queued
    expect(await pending).toEqual(new Uint8Array([4, 5]));
    expect(await t.read()).toEqual(new Uint8Array([6]));
    ws.emit('close', { code: 1000, reason: 'the daemon closed the connection' });
    expect(await t.read()).toBeNull();
    await expect(t.write(new Uint8Array([7]))).rejects.toBeInstanceOf(HTCondorIOError);
  });

  test.each([
    [ProxyCloseCodes.Forbidden, "the target is not in the proxy's allowlist: h:1", /refused the target: the target is not in the proxy's allowlist: h:1/],
    [ProxyCloseCodes.Unauthorized, 'bearer credential missing or not accepted', /refused our credential/],
    [ProxyCloseCodes.ConnectFailed, 'cannot connect to h:1: ECONNREFUSED', /could not connect to the daemon: .*ECONNREFUSED/],
    [1006, '', /closed abnormally/],
  ])('a close with code %i before ready fails connect() with an HTCondorIOError saying why', async (code, reason, re) => {
    const p = factory().connect('h', 1, opts);
    FakeWebSocket.last!.emit('close', { code, reason });
    await expect(p).rejects.toThrow(re);
    await expect(p).rejects.toBeInstanceOf(HTCondorIOError);
  });

  test('an abnormal close after ready fails the pending read', async () => {
    const p = factory().connect('h', 1, opts);
    const ws = FakeWebSocket.last!;
    ws.ready();
    const t = await p;
    const r = t.read();
    ws.emit('close', { code: ProxyCloseCodes.Idle, reason: 'idle' });
    await expect(r).rejects.toThrow(/idle connection/);
  });

  test('binary data before ready is refused (not a ws-proxy)', async () => {
    const p = factory().connect('h', 1, opts);
    FakeWebSocket.last!.emit('message', { data: new ArrayBuffer(4) });
    await expect(p).rejects.toThrow(/before it was ready/);
  });

  test('connect times out and aborts, closing the WebSocket', async () => {
    await expect(factory().connect('h', 1, { timeoutMs: 20 })).rejects.toBeInstanceOf(HTCondorTimeoutError);
    expect(FakeWebSocket.last!.closedWith).toBe(1000);
    const ac = new AbortController();
    const p = factory().connect('h', 1, { timeoutMs: 1000, signal: ac.signal });
    ac.abort();
    await expect(p).rejects.toBeInstanceOf(HTCondorAbortError);
  });

  test('write waits while the WebSocket buffers more than the high-water mark', async () => {
    const p = webSocketTransport({ url: 'ws://p/', WebSocket: FakeWebSocket, highWaterMark: 10 }).connect('h', 1, opts);
    const ws = FakeWebSocket.last!;
    ws.ready();
    const t = await p;
    ws.bufferedAmount = 100;
    let done = false;
    const w = t.write(new Uint8Array(1)).then(() => (done = true));
    await new Promise((r) => setTimeout(r, 30));
    expect(done).toBe(false);
    ws.bufferedAmount = 0;
    await w;
    expect(done).toBe(true);
  });

  test('a URL that is not ws: or wss:, or no WebSocket at all, is a caller error', () => {
    expect(() => webSocketTransport({ url: 'http://p/', WebSocket: FakeWebSocket })).toThrow(HTCondorValueError);
    const g = globalThis as { WebSocket?: unknown };
    const saved = g.WebSocket;
    delete g.WebSocket;
    try {
      expect(() => webSocketTransport({ url: 'ws://p/' })).toThrow(/no WebSocket constructor/);
    } finally {
      if (saved) g.WebSocket = saved;
    }
  });
});
