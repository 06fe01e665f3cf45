// The relay without a pool: a local TCP echo server as the target, the library's WebSocket transport as the client.
// Bytes both ways (large enough to exercise back-pressure), the allowlist, per-client and idle limits, a refused
// target port, and the close codes shared with core's transport.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect as tcpConnect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { ProxyCloseCodes, webSocketTransport, type Transport } from '@htcondor-ts/core';
import { CEDAR_SUBPROTOCOL } from './auth.js';
import { Allowlist, parseTarget } from './allowlist.js';
import { CloseCodes, closeReason, createWsProxy, type WsProxy } from './proxy.js';
import type { WsProxyLimits } from './options.js';

const silent = pino({ level: 'silent' });

async function echoServer(): Promise<{ server: Server; port: number; sockets: Set<Socket> }> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    s.pipe(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { server, port: (server.address() as AddressInfo).port, sockets };
}

async function readN(t: Transport, n: number): Promise<Uint8Array> {
  const out = new Uint8Array(n);
  let got = 0;
  while (got < n) {
    const c = await t.read();
    if (!c) throw new Error(`stream ended after ${got} of ${n} bytes`);
    out.set(c, got);
    got += c.length;
  }
  return out;
}

describe('ws-proxy relay (local echo target)', () => {
  let echo: Awaited<ReturnType<typeof echoServer>>;
  let proxy: WsProxy;
  let url: string;
  const open = (limits: Partial<WsProxyLimits> = {}, allow?: string[]): Promise<{ proxy: WsProxy; url: string }> => {
    const p = createWsProxy({ allow: allow ?? [`127.0.0.1:${echo.port}`], limits, logger: silent });
    return p.listen(0).then((u) => ({ proxy: p, url: u }));
  };
  const connect = (u: string, port = echo.port): Promise<Transport> => webSocketTransport({ url: u, WebSocket }).connect('127.0.0.1', port, { timeoutMs: 5000 });

  beforeAll(async () => {
    echo = await echoServer();
    ({ proxy, url } = await open());
  });
  afterAll(async () => {
    await proxy.close();
    for (const s of echo.sockets) s.destroy();
    echo.server.close();
  });

  test('relays bytes unchanged both ways, 8 MiB of them (back-pressure on both sides)', async () => {
    const t = await connect(url);
    const data = new Uint8Array(8 * 1024 * 1024);
    for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
    const reading = readN(t, data.length);
    for (let off = 0; off < data.length; off += 64 * 1024) await t.write(data.subarray(off, off + 64 * 1024));
    const back = await reading;
    expect(Buffer.compare(Buffer.from(back), Buffer.from(data))).toBe(0);
    t.close();
  });

  test('the daemon closing its side ends the stream (read() gives null)', async () => {
    const t = await connect(url);
    await t.write(new Uint8Array([1]));
    await readN(t, 1);
    for (const s of echo.sockets) s.end();
    expect(await t.read()).toBeNull();
  });

  test('an unreachable proxy fails connect() with an HTCondorIOError (no uncaught error event)', async () => {
    const { port } = await new Promise<AddressInfo>((r) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const a = s.address() as AddressInfo;
        s.close(() => r(a));
      });
    });
    await expect(webSocketTransport({ url: `ws://127.0.0.1:${port}/`, WebSocket }).connect('127.0.0.1', echo.port, { timeoutMs: 5000 }))
      .rejects.toThrow(/closed abnormally.*ECONNREFUSED/);
  });

  test('a target port with nothing listening fails connect() with the reason', async () => {
    const closedPort = await new Promise<number>((r) => {
      const s = createServer();
      s.listen(0, '127.0.0.1', () => {
        const p = (s.address() as AddressInfo).port;
        s.close(() => r(p));
      });
    });
    const { proxy: p, url: u } = await open({}, [`127.0.0.1:${closedPort}`]);
    try {
      await expect(connect(u, closedPort)).rejects.toThrow(/could not connect to the daemon: .*ECONNREFUSED/);
    } finally {
      await p.close();
    }
  });

  test('per-client connection limit', async () => {
    const { proxy: p, url: u } = await open({ maxConnectionsPerClient: 2 });
    try {
      const a = await connect(u);
      const b = await connect(u);
      await expect(connect(u)).rejects.toThrow(/too many connections/);
      expect(p.stats).toMatchObject({ active: 2, accepted: 2, refused: 1 });
      a.close();
      b.close();
    } finally {
      await p.close();
    }
  });

  test('idle connections are closed with a reason', async () => {
    const { proxy: p, url: u } = await open({ idleTimeoutMs: 100 });
    try {
      const t = await connect(u);
      await expect(t.read()).rejects.toThrow(/idle/);
    } finally {
      await p.close();
    }
  });

  test('the per-connection byte limit closes the relay', async () => {
    const { proxy: p, url: u } = await open({ maxBytesPerConnection: 1000 });
    try {
      const t = await connect(u);
      await t.write(new Uint8Array(2000));
      let err: unknown;
      try {
        for (;;) if ((await t.read()) === null) break;
      } catch (e) {
        err = e;
      }
      expect(String(err)).toMatch(/limit/);
    } finally {
      await p.close();
    }
  });

  test('plain HTTP and other paths are not served; no subprotocol means no relay', async () => {
    const http = url.replace('ws:', 'http:');
    expect((await fetch(http)).status).toBe(426);
    const ws = new WebSocket(`${url}?target=127.0.0.1:${echo.port}`); // offers no cedar.v1
    const code = await new Promise<number>((r) => ws.on('close', (c) => r(c)).on('error', () => undefined));
    expect(code).toBe(CloseCodes.BadRequest);
  });

  test('structured logs: a refusal is one JSON record with its code and reason, and the bearer never appears', async () => {
    const records: string[] = [];
    const logger = pino({ level: 'info' }, { write: (line: string) => void records.push(line) });
    const secret = 'do-not-log-this-credential';
    const p = createWsProxy({ allow: [`127.0.0.1:${echo.port}`], bearerTokens: [secret], logger });
    const u = await p.listen(0);
    try {
      await expect(webSocketTransport({ url: u, WebSocket, bearer: secret }).connect('10.1.2.3', 22, { timeoutMs: 5000 })).rejects.toThrow(/allowlist/);
      const t = await webSocketTransport({ url: u, WebSocket, bearer: secret }).connect('127.0.0.1', echo.port, { timeoutMs: 5000 });
      t.close();
      await new Promise((r) => setTimeout(r, 100));
      const parsed = records.map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(parsed.find((r) => r.msg === 'refused')).toMatchObject({ code: 4403, target: '10.1.2.3:22', reason: "the target is not in the proxy's allowlist: 10.1.2.3:22" });
      expect(parsed.find((r) => r.msg === 'closed')).toMatchObject({ target: `127.0.0.1:${echo.port}`, bytesUp: 0, bytesDown: 0 });
      expect(records.join('')).not.toContain(secret);
      expect(records.join('')).not.toContain(Buffer.from(secret).toString('base64url'));
    } finally {
      await p.close();
    }
  });

  test('client-chosen text too long for a close frame (a 250-character host name) is cut, not a crash', async () => {
    const host = `${'a'.repeat(60)}.${'b'.repeat(60)}.${'c'.repeat(60)}.${'d'.repeat(60)}.example`;
    await expect(webSocketTransport({ url, WebSocket }).connect(host, 9618, { timeoutMs: 5000 })).rejects.toThrow(/allowlist/);
    const t = await connect(url); // the proxy is still serving
    t.close();
    expect(new TextEncoder().encode(closeReason('é'.repeat(100))).length).toBeLessThanOrEqual(123);
    expect(closeReason('short')).toBe('short');
  });

  test('an upgrade request with an unparsable URL gets a 400, and the proxy keeps serving', async () => {
    const port = Number(new URL(url).port);
    const answer = await new Promise<string>((resolve) => {
      const s = tcpConnect(port, '127.0.0.1', () => {
        s.write('GET //% HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n');
      });
      let got = '';
      s.on('data', (d: Buffer) => (got += d.toString('latin1')));
      s.on('close', () => resolve(got));
      s.on('error', () => resolve(got));
    });
    expect(answer).toMatch(/^HTTP\/1\.1 400/);
    const t = await connect(url);
    t.close();
  });

  test('wss:// with a certificate and key (TLS on the proxy itself)', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'ws-proxy-tls-'));
    execFileSync('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'),
      '-days', '1', '-subj', '/CN=127.0.0.1', '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
    const cert = readFileSync(join(dir, 'cert.pem'));
    const p = createWsProxy({ allow: [`127.0.0.1:${echo.port}`], tls: { cert, key: readFileSync(join(dir, 'key.pem')) }, logger: silent });
    const u = await p.listen(0);
    try {
      expect(u).toMatch(/^wss:\/\//);
      // A client that trusts this self-signed certificate (a browser would need it installed).
      class Trusting extends WebSocket {
        constructor(address: string, protocols?: string | string[]) {
          super(address, protocols, { ca: cert });
        }
      }
      const t = await webSocketTransport({ url: u, WebSocket: Trusting }).connect('127.0.0.1', echo.port, { timeoutMs: 5000 });
      await t.write(new Uint8Array([9, 8, 7]));
      expect(await readN(t, 3)).toEqual(new Uint8Array([9, 8, 7]));
      t.close();
      // Without trusting it, the TLS handshake fails and so does connect().
      await expect(webSocketTransport({ url: u, WebSocket }).connect('127.0.0.1', echo.port, { timeoutMs: 5000 })).rejects.toThrow(/closed abnormally.*self-signed certificate/);
    } finally {
      await p.close();
    }
  });

  test('allowlist entries are exact host:port, IPv6 bracketed, and malformed ones are rejected', () => {
    const a = new Allowlist(['CM.example.org:9618', '[fd00::2]:9618']);
    expect(a.allows(parseTarget('cm.example.org:9618')!)).toBe(true);
    expect(a.allows(parseTarget('cm.example.org:9619')!)).toBe(false);
    expect(a.allows(parseTarget('[fd00::2]:9618')!)).toBe(true);
    expect(a.allows(parseTarget('[fd00::3]:9618')!)).toBe(false);
    expect(parseTarget('fd00::2:9618')).toBeUndefined();
    expect(parseTarget('host:0')).toBeUndefined();
    expect(parseTarget('host:99999')).toBeUndefined();
    expect(() => new Allowlist(['nonsense'])).toThrow(/not host:port/);
    expect(new Allowlist([]).size).toBe(0);
    expect(() => createWsProxy({ bearerTokens: [''], logger: silent })).toThrow(/empty bearer/);
  });

  test('close codes and the subprotocol agree with core', () => {
    expect(CEDAR_SUBPROTOCOL).toBe('cedar.v1');
    for (const [k, v] of Object.entries(ProxyCloseCodes)) if (k in CloseCodes) expect(CloseCodes[k as keyof typeof CloseCodes]).toBe(v);
    expect(CloseCodes.Forbidden).toBe(ProxyCloseCodes.Forbidden);
    expect(CloseCodes.Unauthorized).toBe(ProxyCloseCodes.Unauthorized);
  });
});
