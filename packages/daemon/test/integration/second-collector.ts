// A second, private collector for tests that must change a daemon's configuration or see two real collectors:
// the pool's own daemons started before ENABLE_RUNTIME_CONFIG (which a daemon reads only at start) and must not be
// restarted. This one runs in the pool's environment on its own port, without the shared port, with runtime
// configuration enabled for HTCONDOR_TS_* knobs set by an administrator; the pool's signing key validates the
// same tokens. stop() ends exactly this process.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, chmodSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { Collector } from '@htcondor-ts/collector';
import { AdTypes } from '@htcondor-ts/core';
import { env, waitFor } from './helpers.js';

export interface SecondCollector {
  address: string;
  name: string;
  logFile: string;
  log(): string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  const s = createServer();
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const port = (s.address() as { port: number }).port;
  await new Promise((r) => s.close(r));
  return port;
}

/** Runs a daemon binary in the pool's environment with `_CONDOR_` settings; stop() ends exactly that process. */
function spawnDaemon(binary: string, settings: Record<string, string>, args: string[], dir: string): { child: ChildProcess; stop: () => Promise<void> } {
  const vars = Object.entries(settings).map(([k, v]) => `_CONDOR_${k}=${v}`);
  const base = env.root === '/' ? [] : ['chroot', env.root];
  const argv = [...base, 'env', ...vars, binary, '-f', ...args];
  const child: ChildProcess = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  const stop = async (): Promise<void> => {
    if (child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      let timer: ReturnType<typeof setTimeout> | undefined;
      await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
      clearTimeout(timer);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(dir, { recursive: true, force: true });
  };
  return { child, stop };
}

export interface CcbDaemon {
  /** The credd's ad in the private collector (its MyAddress carries CCBID). */
  name: string;
  log(): string;
  stop(): Promise<void>;
}

/**
 * A credd that registers with the private collector as its CCB broker (CCB_ADDRESS), so that its address carries
 * CCBID and it can be reached by reverse connection.
 */
export async function startCcbCredd(broker: SecondCollector): Promise<CcbDaemon> {
  const dir = mkdtempSync('/tmp/htcts-ccb-credd-');
  chmodSync(dir, 0o777);
  const name = `htcts-ccb-credd-${process.pid}`;
  const { child, stop } = spawnDaemon('/usr/sbin/condor_credd', {
    USE_SHARED_PORT: 'false',
    NETWORK_INTERFACE: '127.0.0.1',
    COLLECTOR_HOST: broker.address,
    CCB_ADDRESS: broker.address,
    CREDD_NAME: name,
    CREDD_ADDRESS_FILE: join(dir, 'address'),
    LOG: dir,
    SPOOL: dir,
    LOCK: dir,
    CREDD_DEBUG: 'D_ALWAYS D_COMMAND D_NETWORK',
  }, [], dir);
  const logFile = join(dir, 'CredLog');
  try {
    await waitFor('the CCB credd in the private collector', async () => {
      if (child.exitCode !== null) throw new Error(`the credd exited (${child.exitCode}); see ${logFile}`);
      const ads = await new Collector(broker.address, { timeoutMs: 2000 }).query(AdTypes.Credd, '', ['Name', 'MyAddress']).catch(() => []);
      return ads.some((a) => String(a.get('MyAddress')).includes('CCBID=')) ? true : undefined;
    }, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { name, log: () => readFileSync(logFile, 'utf8'), stop };
}

export async function startSecondCollector(): Promise<SecondCollector> {
  const port = await freePort();
  // /tmp is the same inside the pool's chroot (scripts/pool bind-mounts it).
  const dir = mkdtempSync('/tmp/htcts-collector-');
  chmodSync(dir, 0o777);
  const name = `htcts-second-${process.pid}`;
  const settings: Record<string, string> = {
    ENABLE_RUNTIME_CONFIG: 'TRUE',
    SETTABLE_ATTRS_ADMINISTRATOR: 'HTCONDOR_TS_*',
    USE_SHARED_PORT: 'false',
    NETWORK_INTERFACE: '127.0.0.1',
    COLLECTOR_HOST: `127.0.0.1:${port}`,
    COLLECTOR_NAME: name,
    LOG: dir,
    SPOOL: dir,
    LOCK: dir,
    COLLECTOR_ADDRESS_FILE: join(dir, 'address'),
    COLLECTOR_DEBUG: 'D_ALWAYS D_COMMAND',
  };
  const { child, stop } = spawnDaemon('/usr/sbin/condor_collector', settings, ['-p', String(port)], dir);
  const address = `127.0.0.1:${port}`;
  const logFile = join(dir, 'CollectorLog');
  try {
    await waitFor(`the second collector at ${address}`, async () => {
      if (child.exitCode !== null) throw new Error(`the second collector exited (${child.exitCode}); see ${logFile}`);
      const ads = await new Collector(address, { timeoutMs: 2000 }).query(AdTypes.Collector, '', ['Name']).catch(() => []);
      return ads.length > 0 ? true : undefined;
    }, 30_000);
  } catch (e) {
    await stop();
    throw e;
  }
  return { address, name: `${name}@vm`, logFile, log: () => readFileSync(logFile, 'utf8'), stop };
}
