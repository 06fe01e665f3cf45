// Integration-test access to the real pool started by scripts/pool: its addresses, tokens, and the oracle
// (HTCondor's own tools and Python bindings run in the pool's environment). Integration tests never skip:
// without a pool they fail, saying how to start one.
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export interface PoolEnv {
  collector: string;
  root: string;
  uidDomain: string;
  tokens: { alice: string; bob: string; admin: string };
  tokenDirs: { alice: string; bob: string; admin: string };
  adminIdentity: string;
}

const repo = join(__dirname, '..', '..');

export function poolEnv(): PoolEnv {
  const f = join(repo, '.pool', 'env.json');
  if (!existsSync(f)) throw new Error('no pool: run `scripts/pool up` first (the README test command does it)');
  return JSON.parse(readFileSync(f, 'utf8')) as PoolEnv;
}

/** argv prefix that runs a command in the pool's environment (the chroot, with TZ=UTC). */
function prefix(env: PoolEnv, user?: string): string[] {
  const base = env.root === '/' ? [] : ['chroot', env.root];
  const su = user ? ['runuser', '-u', user, '--'] : [];
  return [...base, 'env', 'TZ=UTC', ...su];
}

/** Runs an HTCondor tool in the pool (as root, or as `user`) and returns stdout; throws with stderr on failure. */
export function oracle(args: string[], opts: { user?: string; input?: string; timeoutMs?: number } = {}): string {
  const env = poolEnv();
  const argv = [...prefix(env, opts.user), ...args];
  const r = spawnSync(argv[0]!, argv.slice(1), { input: opts.input, encoding: 'utf8', timeout: opts.timeoutMs ?? 60_000, maxBuffer: 1 << 30 });
  if (r.status !== 0) throw new Error(`oracle ${args.join(' ')} failed (${r.status ?? r.signal}): ${r.stderr}`);
  return r.stdout;
}

/** Runs Python with the official bindings in the pool. */
export function oraclePython(code: string, opts: { user?: string; timeoutMs?: number } = {}): string {
  return oracle(['python3', '-c', code], opts);
}

export function repoRoot(): string {
  return repo;
}

export function sh(cmd: string): string {
  return execFileSync('bash', ['-c', cmd], { encoding: 'utf8' });
}
