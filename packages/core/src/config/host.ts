/**
 * What configuration loading needs from the machine. The portable code only talks to a ConfigHost; the Node
 * implementation lives in ./node/, and memoryHost() serves browsers, serverless and tests.
 */

export interface CommandResult {
  readonly stdout: string;
  /** Exit status; non-zero makes the configuration invalid, as in HTCondor. */
  readonly status: number;
}

export interface ConfigHost {
  getenv(name: string): string | undefined;
  /** All environment variables (for the `_condor_NAME` overrides). */
  environment(): Iterable<readonly [string, string]>;
  /** A file's text, or undefined when it does not exist or cannot be read. */
  readFile(path: string): string | undefined;
  isDirectory(path: string): boolean;
  /** Full paths of the non-directory entries of a directory, or undefined when it cannot be read. */
  listDirectory(path: string): string[] | undefined;
  /** Runs argv[0] with arguments (no shell), for `include command` and `CONDOR_CONFIG=cmd |`. */
  runCommand?(argv: readonly string[]): CommandResult;
  writeFile?(path: string, text: string): void;
  /** Home directory of the effective user ($HOME/.condor/user_config). */
  homeDirectory?(): string | undefined;
  /** True when running as root: HTCondor then ignores USER_CONFIG_FILE. */
  canSwitchIds?(): boolean;
}

/** A ConfigHost over an in-memory file map: `{ '/etc/condor/condor_config': 'A = 1\n' }`; commands fail unless canned. */
export function memoryHost(
  files: Readonly<Record<string, string>> = {},
  env: Readonly<Record<string, string>> = {},
  /** Canned command outputs, by JSON.stringify(argv). */
  commands: Readonly<Record<string, CommandResult>> = {},
): ConfigHost {
  const norm = (p: string): string => p.replace(/\/+$/, '');
  return {
    getenv: (name) => env[name],
    environment: () => Object.entries(env),
    readFile: (path) => files[path],
    isDirectory: (path) => {
      const dir = `${norm(path)}/`;
      return files[path] === undefined && Object.keys(files).some((f) => f.startsWith(dir));
    },
    listDirectory: (path) => {
      const dir = `${norm(path)}/`;
      const out = Object.keys(files).filter((f) => f.startsWith(dir) && !f.slice(dir.length).includes('/'));
      return out.length ? out : undefined;
    },
    canSwitchIds: () => false,
    runCommand: (argv) => commands[JSON.stringify(argv)] ?? { stdout: '', status: 127 },
  };
}
