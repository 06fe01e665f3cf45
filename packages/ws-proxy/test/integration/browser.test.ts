// Acceptance: real headless Chromium (Debian's, driven by playwright-core) loads a page bundling htcondor-ts for the
// browser (esbuild, through the packages' "browser" mappings), connects through ws-proxy to the real pool,
// authenticates with alice's IDTOKEN, and lists the pool's machines and alice's jobs as condor_status and condor_q do.
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
import { createWsProxy, type WsProxy } from '../../src/index.js';
import { oracle, poolEnv, repoRoot } from '../../../../test/support/pool.js';

const CHROMIUM = '/usr/bin/chromium';
// As the machine notes say: without the background-networking flags Chromium keeps dialing Google on a closed network.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];

const env = poolEnv();
const root = repoRoot();
const pageDir = join(root, 'examples', 'browser');

interface Listing {
  machines: { name: string; state: string; cpus: number }[];
  jobs: { id: string; owner: string; status: number }[];
  user: string;
  authentications: number;
}

function serveStatic(dir: string): Promise<Server> {
  const types: Record<string, string> = { '.html': 'text/html', '.js': 'text/javascript', '.map': 'application/json' };
  const server = createServer((req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname.replace(/\.\.+/g, '');
    const file = join(dir, path === '/' ? 'index.html' : path);
    if (!existsSync(file)) return void res.writeHead(404).end();
    res.writeHead(200, { 'content-type': types[/\.[a-z]+$/.exec(file)?.[0] ?? ''] ?? 'application/octet-stream' }).end(readFileSync(file));
  });
  return new Promise((r) => server.listen(0, '127.0.0.1', () => r(server)));
}

describe('htcondor-ts in headless Chromium through ws-proxy', () => {
  const bearer = 'browser-test-proxy-credential';
  const token = readFileSync(env.tokens.alice, 'utf8').trim();
  let proxy: WsProxy;
  let proxyUrl: string;
  let web: Server;
  let browser: Browser;
  let cluster: number;

  beforeAll(async () => {
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: scripts/setup installs Debian's chromium (apt-get install chromium)`);
    // The bundle is built from the packages' dist, so the browser mappings are what gets tested (pnpm build first).
    execFileSync('node', [join(root, 'scripts', 'build-browser.mjs')], { stdio: 'pipe' });
    // A held job of alice's, so that her listing is not empty and must contain it.
    const out = oracle(['bash', '-c', 'cd /tmp && runuser -u alice -- condor_submit -terse'], {
      input: ['executable = /bin/sleep', 'arguments = 600', 'hold = true', 'queue', ''].join('\n'),
    });
    cluster = Number(/^(\d+)\./m.exec(out)![1]);
    proxy = createWsProxy({ allow: [env.collector], bearerTokens: [bearer], logger: pino({ level: 'silent' }) });
    proxyUrl = await proxy.listen(0);
    web = await serveStatic(pageDir);
    browser = await chromium.launch({ executablePath: CHROMIUM, args: FLAGS, headless: true, chromiumSandbox: false });
  });
  afterAll(async () => {
    await browser?.close();
    web?.close();
    await proxy?.close();
    if (cluster) oracle(['runuser', '-u', 'alice', '--', 'condor_rm', String(cluster)]);
  });

  test("the page lists the pool's machines and alice's jobs, authenticated with her IDTOKEN", async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(`http://127.0.0.1:${(web.address() as AddressInfo).port}/`);
    // The page is a real browser context: no Node globals reached the bundle.
    expect(await page.evaluate(() => [typeof (globalThis as { process?: unknown }).process, typeof (globalThis as { Buffer?: unknown }).Buffer])).toEqual(['undefined', 'undefined']);

    const listing = await page.evaluate(
      (o) => (globalThis as unknown as { htcondorDemo: { listPool(x: typeof o): Promise<unknown> } }).htcondorDemo.listPool(o),
      { proxyUrl, proxyBearer: bearer, collector: env.collector, token },
    ) as Listing;

    const machines = oracle(['condor_status', '-af', 'Name']).trim().split('\n').filter(Boolean).sort();
    expect(listing.machines.map((m) => m.name).sort()).toEqual(machines);
    expect(listing.user).toBe(`alice@${env.uidDomain}`);
    expect(listing.authentications).toBeGreaterThanOrEqual(1);
    expect(listing.jobs.map((j) => j.id)).toContain(`${cluster}.0`);
    for (const j of listing.jobs) expect(j.owner).toBe('alice');
    const q = oracle(['condor_q', 'alice', '-af', 'ClusterId', 'ProcId']).trim().split('\n').filter(Boolean).map((l) => l.replace(' ', '.'));
    for (const id of q) expect(listing.jobs.map((j) => j.id)).toContain(id);
    expect(proxy.stats.accepted).toBeGreaterThanOrEqual(2); // collector and schedd, both through the proxy
    expect(errors).toEqual([]);
    await page.close();
  });

  test("debug logging works in the browser (pino's browser build, to the console) and never shows the token", async () => {
    const page = await browser.newPage();
    const lines: string[] = [];
    page.on('console', (m) => lines.push(m.text() + ' ' + m.args().map((a) => String(a)).join(' ')));
    await page.goto(`http://127.0.0.1:${(web.address() as AddressInfo).port}/`);
    const n = await page.evaluate(async (o) => {
      const demo = (globalThis as unknown as { htcondorDemo: { enableDebug(x: object): void; listPool(x: typeof o): Promise<{ machines: unknown[] }> } }).htcondorDemo;
      // Objects logged to the console are live: serialize them so the test sees what a user would.
      for (const level of ['log', 'debug', 'info', 'warn', 'error'] as const) {
        const orig = console[level].bind(console);
        console[level] = (...args: unknown[]) => orig(args.map((a) => (typeof a === 'string' ? a : JSON.stringify(a))).join(' '));
      }
      demo.enableDebug({ categories: 'D_ALL:2' });
      return (await demo.listPool(o)).machines.length;
    }, { proxyUrl, proxyBearer: bearer, collector: env.collector, token });
    expect(n).toBeGreaterThan(0);
    expect(lines.length).toBeGreaterThan(0);
    const text = lines.join('\n');
    const [, payload, signature] = token.split('.');
    expect(text).not.toContain(signature!);
    expect(text).not.toContain(payload!);
    await page.close();
  });

  test('the form shows the same lists, and a wrong IDTOKEN is refused by the daemon', async () => {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${(web.address() as AddressInfo).port}/`);
    await page.fill('input[name=proxy]', proxyUrl);
    await page.fill('input[name=collector]', env.collector);
    await page.fill('input[name=bearer]', bearer);
    await page.fill('input[name=token]', token);
    await page.click('button');
    await page.waitForSelector('#jobs', { timeout: 60_000 });
    expect(await page.locator('#jobs li').allTextContents()).toContain(`${cluster}.0 alice`);
    expect((await page.locator('#machines li').count())).toBeGreaterThan(0);

    const [h, p] = token.split('.');
    await page.fill('input[name=token]', `${h}.${p}.AAAA${token.split('.')[2]!.slice(4)}`);
    await page.click('button');
    await page.waitForFunction(() => document.getElementById('out')?.textContent?.startsWith('failed:'), undefined, { timeout: 60_000 });
    expect(await page.locator('#out').textContent()).toMatch(/failed: .*(authenticat|token|IDTOKENS)/i);
    await page.close();
  });
});
