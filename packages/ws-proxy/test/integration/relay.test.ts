// The proxy on the real pool: the library's WebSocket transport through ws-proxy, authenticated as alice (IDTOKENS),
// lists the pool's machines and alice's jobs as condor_status / condor_q do; the proxy relays ciphertext only; and a
// target outside its allowlist is refused.
import { execFile, spawn } from 'node:child_process';
import { promisify } from 'node:util';
import { readFileSync } from 'node:fs';
import { createServer, connect, type AddressInfo, type Server } from 'node:net';
import { pino } from 'pino';
import { WebSocket } from 'ws';
import { Collector } from '@htcondor-ts/collector';
import { AdTypes, DaemonTypes, HTCondorIOError, NO_PLATFORM, SecurityContext } from '@htcondor-ts/core';
import { Schedd } from '@htcondor-ts/schedd';
import { webSocketTransport } from '../../../core/src/transport/websocket.js';
import { createWsProxy, type WsProxy } from '../../src/index.js';
import { oracle, poolEnv, repoRoot } from '../../../../test/support/pool.js';

const env = poolEnv();
const aliceToken = readFileSync(env.tokens.alice, 'utf8').trim();
const alice = (): SecurityContext => new SecurityContext({ methods: ['IDTOKENS'], token: aliceToken, platform: NO_PLATFORM });
const silent = pino({ level: 'silent' });

/** A TCP forwarder that records what crosses it (what a proxy, or anyone on its path, could see). */
async function tap(targetPort: number): Promise<{ port: number; seen: Buffer[]; server: Server }> {
  const seen: Buffer[] = [];
  const server = createServer((client) => {
    const up = connect(targetPort, '127.0.0.1');
    client.on('data', (d: Buffer) => { seen.push(d); up.write(d); });
    up.on('data', (d: Buffer) => { seen.push(d); client.write(d); });
    client.on('close', () => up.destroy());
    up.on('close', () => client.destroy());
    client.on('error', () => up.destroy());
    up.on('error', () => client.destroy());
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { port: (server.address() as AddressInfo).port, seen, server };
}

describe('ws-proxy on the real pool', () => {
  const bearer = 'proxy-secret-for-tests';
  let proxy: WsProxy;
  let url: string;
  let tapped: Awaited<ReturnType<typeof tap>>;

  beforeAll(async () => {
    tapped = await tap(9618);
    proxy = createWsProxy({ allow: [env.collector, `127.0.0.1:${tapped.port}`], bearerTokens: [bearer], logger: silent });
    url = await proxy.listen(0);
  });
  afterAll(async () => {
    await proxy.close();
    tapped.server.close();
  });

  const transport = (): ReturnType<typeof webSocketTransport> => webSocketTransport({ url, WebSocket, bearer });

  test("alice lists the pool's machines and her jobs through the proxy, as condor_status and condor_q do", async () => {
    const security = alice();
    const collector = new Collector(env.collector, { transport: transport(), security });
    const machines = await collector.query(AdTypes.Startd, '', ['Name']);
    const expected = oracle(['condor_status', '-af', 'Name']).trim().split('\n').filter(Boolean).sort();
    expect(machines.map((m) => String(m.get('Name'))).sort()).toEqual(expected);

    const scheddAd = await collector.locate(DaemonTypes.Schedd);
    const schedd = new Schedd(scheddAd, { transport: transport(), security });
    const jobs = await schedd.query('Owner == "alice"', ['ClusterId', 'ProcId', 'Owner']);
    const q = oracle(['condor_q', 'alice', '-af', 'ClusterId', 'ProcId']).trim().split('\n').filter(Boolean);
    // Jobs may come and go between the two listings (other tests submit): the oracle's must be ours when stable.
    const ours = new Set(jobs.map((j) => `${String(j.get('ClusterId'))} ${String(j.get('ProcId'))}`));
    for (const line of q) expect(ours.has(line)).toBe(true);
    for (const j of jobs) expect(j.get('Owner')).toBe('alice');
  });

  test('the proxy relays ciphertext only: no ad text crosses it after the handshake', async () => {
    tapped.seen.length = 0;
    const collector = new Collector(`127.0.0.1:${tapped.port}`, { transport: transport(), security: alice() });
    const ads = await collector.query(AdTypes.Startd, '', ['Name', 'MyType']);
    expect(ads.length).toBeGreaterThan(0);
    const bytes = Buffer.concat(tapped.seen).toString('latin1');
    expect(bytes.length).toBeGreaterThan(0);
    for (const ad of ads) expect(bytes).not.toContain(String(ad.get('Name')));
    expect(bytes).not.toContain('Machine');

    // The same query without a security context goes in the clear (READ is optional on this pool): the check above
    // would have seen the names had they crossed in plaintext.
    tapped.seen.length = 0;
    await new Collector(`127.0.0.1:${tapped.port}`, { transport: transport() }).query(AdTypes.Startd, '', ['Name']);
    expect(Buffer.concat(tapped.seen).toString('latin1')).toContain(String(ads[0]!.get('Name')));
  });

  test('SSL without a TLS engine (as in a browser build) is refused with an error that says why', async () => {
    const ssl = new SecurityContext({ methods: ['SSL'], platform: NO_PLATFORM });
    const c = new Collector(env.collector, { transport: transport(), security: ssl, timeoutMs: 10_000 });
    await expect(c.query(AdTypes.Startd)).rejects.toThrow(/SSL and SCITOKENS need a TLS engine, which Node provides and browser builds do not yet have/);
  });

  test("globalThis.WebSocket is used when none is given (Node's own, undici's, in a fresh process on the built package)", async () => {
    const script = `import { AdTypes, Collector, webSocketTransport, SecurityContext, NO_PLATFORM } from ${JSON.stringify(`${repoRoot()}/packages/htcondor/dist/esm/index.js`)};
if (typeof globalThis.WebSocket !== 'function') throw new Error('no global WebSocket');
const security = new SecurityContext({ methods: ['IDTOKENS'], token: process.env.TOKEN, platform: NO_PLATFORM });
const ads = await new Collector(${JSON.stringify(env.collector)}, { transport: webSocketTransport({ url: process.env.URL, bearer: process.env.BEARER }), security }).query(AdTypes.Startd, '', ['Name']);
console.log(JSON.stringify(ads.map((a) => a.get('Name'))));`;
    // Node 20 has the W3C WebSocket behind a flag; later versions have it by default (the flag is then a no-op).
    // Asynchronously: the proxy lives in this process, and a synchronous child would starve it.
    const { stdout: out } = await promisify(execFile)(process.execPath, ['--experimental-websocket', '--no-warnings', '--input-type=module', '-e', script], {
      encoding: 'utf8',
      env: { PATH: process.env.PATH ?? '', TOKEN: aliceToken, URL: url, BEARER: bearer },
      timeout: 60_000,
    });
    const expected = oracle(['condor_status', '-af', 'Name']).trim().split('\n').filter(Boolean).sort();
    expect((JSON.parse(out) as string[]).sort()).toEqual(expected);
  });

  test('a target outside the allowlist is refused, and says so', async () => {
    const refusedBefore = proxy.stats.refused;
    const c = new Collector('127.0.0.2:9618', { transport: transport(), security: alice(), timeoutMs: 10_000 });
    await expect(c.query(AdTypes.Startd)).rejects.toThrow(/not in the proxy's allowlist/);
    await expect(c.query(AdTypes.Startd)).rejects.toBeInstanceOf(HTCondorIOError);
    expect(proxy.stats.refused).toBe(refusedBefore + 2);
  });

  test('a proxy with the default (empty) allowlist refuses the pool itself', async () => {
    const closed = createWsProxy({ logger: silent });
    const u = await closed.listen(0);
    try {
      const c = new Collector(env.collector, { transport: webSocketTransport({ url: u, WebSocket }), timeoutMs: 10_000 });
      await expect(c.query(AdTypes.Startd)).rejects.toThrow(/not in the proxy's allowlist: 127\.0\.0\.1:9618/);
    } finally {
      await closed.close();
    }
  });

  test('one command starts it: the htcondor-ws-proxy bin (built), with --allow and a bearer from the environment', async () => {
    const bin = `${repoRoot()}/packages/ws-proxy/dist/esm/cli.js`;
    const child = spawn(process.execPath, [bin, '--allow', env.collector, '--listen', '127.0.0.1:0'], {
      env: { PATH: process.env.PATH ?? '', HTCONDOR_WS_PROXY_BEARER: 'from-the-environment' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    try {
      // The first log record says where it listens (pino JSON on stdout).
      const listening = await new Promise<{ url: string; allow: string[]; auth: boolean }>((resolve, reject) => {
        let buf = '';
        child.stdout.on('data', (d: Buffer) => {
          buf += d.toString();
          const line = buf.split('\n').find((l) => l.includes('"listening"'));
          if (line) resolve(JSON.parse(line) as { url: string; allow: string[]; auth: boolean });
        });
        child.on('exit', (code) => reject(new Error(`htcondor-ws-proxy exited with ${code}`)));
      });
      expect(listening).toMatchObject({ allow: [env.collector], auth: true });
      const c = new Collector(env.collector, { transport: webSocketTransport({ url: listening.url, WebSocket, bearer: 'from-the-environment' }), security: alice() });
      expect((await c.query(AdTypes.Startd, '', ['Name'])).length).toBeGreaterThan(0);
      const other = new Collector('127.0.0.1:22', { transport: webSocketTransport({ url: listening.url, WebSocket, bearer: 'from-the-environment' }), timeoutMs: 10_000 });
      await expect(other.query(AdTypes.Startd)).rejects.toThrow(/not in the proxy's allowlist: 127\.0\.0\.1:22/);
    } finally {
      child.kill('SIGTERM');
    }
  });

  test('a client without the bearer credential is refused; with it, served', async () => {
    const without = new Collector(env.collector, { transport: webSocketTransport({ url, WebSocket }), timeoutMs: 10_000 });
    await expect(without.query(AdTypes.Startd)).rejects.toThrow(/refused our credential/);
    const wrong = new Collector(env.collector, { transport: webSocketTransport({ url, WebSocket, bearer: 'nope' }), timeoutMs: 10_000 });
    await expect(wrong.query(AdTypes.Startd)).rejects.toThrow(/refused our credential/);
    const right = new Collector(env.collector, { transport: transport() });
    expect((await right.query(AdTypes.Startd, '', ['Name'])).length).toBeGreaterThan(0);
  });
});
