/**
 * The Node ConfigHost: the only configuration code that touches node:fs and node:child_process.
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import type { CommandResult, ConfigHost } from '../host.js';

export interface NodeHostOptions {
  /** Read files under this directory instead of / (e.g. a chroot such as /opt/trixie); commands run chrooted. */
  readonly root?: string | undefined;
  /** Environment to use instead of process.env. */
  readonly env?: Readonly<Record<string, string | undefined>> | undefined;
  /** Milliseconds an `include command` may run (default 60 s). */
  readonly commandTimeoutMs?: number | undefined;
}

export function nodeConfigHost(options: NodeHostOptions = {}): ConfigHost {
  const root = options.root?.replace(/\/+$/, '') ?? '';
  const env = options.env ?? process.env;
  const at = (p: string): string => (root && p.startsWith('/') ? root + p : p);
  return {
    getenv: (name) => env[name],
    environment: () => Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined),
    readFile: (path) => {
      try {
        return readFileSync(at(path), 'utf8');
      } catch {
        return undefined;
      }
    },
    isDirectory: (path) => {
      try {
        return statSync(at(path)).isDirectory();
      } catch {
        return false;
      }
    },
    listDirectory: (path) => {
      try {
        const dir = path.endsWith('/') ? path : `${path}/`;
        return readdirSync(at(path), { withFileTypes: true })
          .filter((d) => !d.isDirectory() && !(d.isSymbolicLink() && isDir(at(dir + d.name))))
          .map((d) => dir + d.name);
      } catch {
        return undefined;
      }
    },
    runCommand: (argv): CommandResult => {
      const [cmd, ...args] = root ? ['chroot', root, ...argv] : argv;
      const r = spawnSync(cmd!, args, {
        encoding: 'utf8',
        env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
        timeout: options.commandTimeoutMs ?? 60_000,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      return { stdout: r.stdout ?? '', status: r.error ? 127 : (r.status ?? 128) };
    },
    writeFile: (path, text) => writeFileSync(at(path), text),
    homeDirectory: () => env.HOME ?? homedir(),
    canSwitchIds: () => typeof process.getuid === 'function' && process.getuid() === 0,
  };
}

function isDir(p: string): boolean {
  try {
    return statSync(p).isDirectory();
  } catch {
    return false;
  }
}
