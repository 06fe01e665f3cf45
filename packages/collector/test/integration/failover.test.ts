// Several collectors: a COLLECTOR_HOST list whose first entries are a refusing port and a silent server (accepts,
// never answers) still answers quickly, from the real collector, and the silent connection is closed afterwards.
// directQuery asks the daemon itself.
import { createServer, type Server, type Socket } from 'node:net';
import { Collector } from '@htcondor-ts/collector';
import { AdTypes, DaemonTypes, HTCondorIOError } from '@htcondor-ts/core';
import { oracle } from '../../../../test/support/pool.js';
import { env } from '../../../daemon/test/integration/helpers.js';

describe('Collector with several collectors (staggered fail-over)', () => {
  let silent: Server;
  let silentPort = 0;
  const sockets: Socket[] = [];
  const closed: Socket[] = [];

  beforeAll(async () => {
    silent = createServer((s) => {
      sockets.push(s);
      s.on('close', () => closed.push(s));
      s.resume();
    });
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    silentPort = (silent.address() as { port: number }).port;
  });

  afterAll(async () => {
    sockets.forEach((s) => s.destroy());
    await new Promise((r) => silent.close(r));
  });

  test('a refusing and a silent collector before the real one: the answer comes after about one stagger', async () => {
    const c = new Collector(`127.0.0.1:1, 127.0.0.1:${silentPort} ${env.collector}`, { failoverStaggerMs: 300, timeoutMs: 20_000 });
    expect(c.addresses).toHaveLength(3);
    const t = Date.now();
    const ads = await c.query(AdTypes.Schedd, '', ['Name']);
    const took = Date.now() - t;
    expect(ads.map((a) => a.get('Name'))).toEqual(oracle(['condor_status', '-schedd', '-af', 'Name']).trim().split('\n'));
    expect(took).toBeGreaterThanOrEqual(250);
    expect(took).toBeLessThan(5_000);
    expect(sockets.length).toBe(1);
    await new Promise((r) => setTimeout(r, 200));
    expect(closed.length).toBe(1);
  });

  test('no collector answering is one HTCondorIOError naming each, after the per-call timeout at most', async () => {
    const c = new Collector(['127.0.0.1:1', `127.0.0.1:${silentPort}`], { failoverStaggerMs: 50, timeoutMs: 1_000 });
    const e = await c.query(AdTypes.Schedd).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorIOError);
    expect(String((e as Error).message)).toContain(`127.0.0.1:${silentPort}`);
  });

  test.each([
    ['Schedd', DaemonTypes.Schedd, '-schedd'],
    ['Negotiator', DaemonTypes.Negotiator, '-negotiator'],
    ['Startd', DaemonTypes.Startd, '-startd'],
  ] as const)('directQuery(%s) gets the ads from the daemon itself', async (_n, t, flag) => {
    const c = new Collector(env.collector);
    const ads = await c.directQuery(t, undefined, ['Name', 'MyAddress', 'MyType']);
    const names = oracle(['condor_status', flag === '-startd' ? '-any' : flag, ...(flag === '-startd' ? ['-constraint', 'MyType == "Machine"'] : []), '-af', 'Name']).trim().split('\n');
    expect(ads.map((a) => a.get('Name')).sort()).toEqual(names.sort());
    expect(ads[0]!.get('MyAddress')).toBe((await c.locate(t)).get('MyAddress'));
  });

  test('a master does not answer queries (as with the bindings): HTCondorIOError saying so', async () => {
    const e = await new Collector(env.collector).directQuery(DaemonTypes.Master).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorIOError);
    expect(String((e as Error).message)).toMatch(/Master daemon at .* did not answer/);
  });
});
