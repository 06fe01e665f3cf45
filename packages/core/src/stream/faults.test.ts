// Fault injection on a real socket: a hostile or broken peer must give a typed error within the timeout, close the
// connection, and leak nothing. (A fake server proves failure handling only; features are proved on the real pool.)
import { createServer, type Server, type Socket } from 'node:net';
import { DaemonClient } from '../command/daemon-client.js';
import { HTCondorIOError, HTCondorProtocolError, HTCondorTimeoutError, HTCondorAbortError } from '../errors.js';
import { makeHeader } from '../wire/frame.js';

interface Fake {
  port: number;
  server: Server;
  sockets: Set<Socket>;
  closed: () => Promise<void>;
}

async function fakeServer(onConnection: (s: Socket) => void): Promise<Fake> {
  const sockets = new Set<Socket>();
  const server = createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
    // Read (and drop) what the client sends, so that its FIN is seen and the socket closes.
    s.resume();
    onConnection(s);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    server,
    sockets,
    closed: () => new Promise((r) => server.close(() => r())),
  };
}

/** Open TCP handles of this process: a test must leave no more than it found (others may close meanwhile). */
function tcpHandles(): number {
  return process.getActiveResourcesInfo().filter((r) => r === 'TCPSocketWrap' || r === 'TCPWrap').length;
}

async function settle(): Promise<void> {
  await new Promise((r) => setTimeout(r, 50));
}

/** Sends a query and reads one int of the reply: enough to exercise every reading path. */
async function ask(port: number, timeoutMs = 1000, signal?: AbortSignal): Promise<number> {
  const client = new DaemonClient(`<127.0.0.1:${port}>`, { timeoutMs });
  const s = await client.startCommand(5, signal ? { signal } : {});
  try {
    s.putString('Requirements = true');
    await s.endOfMessage();
    return await s.getInt();
  } finally {
    s.close();
  }
}

describe('hostile and broken peers', () => {
  let baseline: number;
  beforeEach(() => {
    baseline = tcpHandles();
  });

  test('a frame longer than the maximum: protocol error, connection closed', async () => {
    const fake = await fakeServer((s) => s.write(makeHeader(true, 5 * 1024 * 1024)));
    await expect(ask(fake.port)).rejects.toThrow(HTCondorProtocolError);
    await expect(ask(fake.port)).rejects.toThrow(/exceeds the maximum/);
    await settle();
    expect(fake.sockets.size).toBe(0);
    await fake.closed();
    expect(tcpHandles()).toBeLessThanOrEqual(baseline);
  });

  test('a truncated frame then EOF: I/O error saying the peer closed mid-message', async () => {
    const fake = await fakeServer((s) => {
      s.write(makeHeader(true, 8));
      s.end(new Uint8Array([0, 0, 0]));
    });
    const err = await ask(fake.port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorIOError);
    expect(String((err as Error).message)).toMatch(/closed the connection in the middle of a message/);
    await fake.closed();
    await settle();
    expect(tcpHandles()).toBeLessThanOrEqual(baseline);
  });

  test('a refused connection: I/O error naming the address', async () => {
    const fake = await fakeServer(() => undefined);
    const port = fake.port;
    await fake.closed();
    const err = await ask(port).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorIOError);
    expect(String((err as Error).message)).toMatch(new RegExp(`127\\.0\\.0\\.1:${port}.*refused`));
    await settle();
    expect(tcpHandles()).toBeLessThanOrEqual(baseline);
  });

  test('a peer that never answers: timeout error within the timeout, socket closed', async () => {
    const fake = await fakeServer(() => undefined);
    const t0 = Date.now();
    const err = await ask(fake.port, 300).catch((e: unknown) => e);
    const took = Date.now() - t0;
    expect(err).toBeInstanceOf(HTCondorTimeoutError);
    expect(took).toBeGreaterThanOrEqual(290);
    expect(took).toBeLessThan(2000);
    await settle();
    expect(fake.sockets.size).toBe(0);
    await fake.closed();
    expect(tcpHandles()).toBeLessThanOrEqual(baseline);
  });

  test('a slow peer that trickles bytes keeps the call alive; an abort ends it at once', async () => {
    const fake = await fakeServer((s) => {
      const reply = new Uint8Array([...makeHeader(true, 8), 0, 0, 0, 0, 0, 0, 0, 7]);
      let i = 0;
      const t = setInterval(() => {
        if (s.destroyed) return clearInterval(t);
        s.write(reply.subarray(i, i + 1));
        if (++i === reply.length) clearInterval(t);
      }, 20);
    });
    expect(await ask(fake.port, 200)).toBe(7);
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 50);
    await expect(ask(fake.port, 5000, ac.signal)).rejects.toThrow(HTCondorAbortError);
    await settle();
    expect(fake.sockets.size).toBe(0);
    await fake.closed();
    expect(tcpHandles()).toBeLessThanOrEqual(baseline);
  });

  test('garbage instead of CEDAR: protocol error', async () => {
    const fake = await fakeServer((s) => s.write('HTTP/1.1 400 Bad Request\r\n\r\n'));
    await expect(ask(fake.port)).rejects.toThrow(/not speaking CEDAR/);
    await fake.closed();
  });
});
