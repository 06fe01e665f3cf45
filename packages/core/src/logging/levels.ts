/**
 * HTCondor's debug categories and flags (condor_debug.h), and htcondor.LogLevel with the Python bindings' numbers.
 */

/** htcondor.LogLevel: a category in the low 5 bits, optionally OR-ed with verbosity and header flags. */
export const LogLevel = {
  NoHeader: -2147483648,
  Always: 0,
  Terse: 0,
  Error: 1,
  Status: 2,
  Job: 4,
  Machine: 5,
  Config: 6,
  Protocol: 7,
  Priv: 8,
  DaemonCore: 9,
  Security: 11,
  Network: 14,
  Hostname: 22,
  Audit: 27,
  Verbose: 256,
  FullDebug: 1024,
  SubSecond: 67108864,
  Timestamp: 134217728,
  PID: 268435456,
} as const;
/** A LogLevel member, or several OR-ed together (e.g. `LogLevel.Security | LogLevel.FullDebug`). */
export type LogLevel = number;

/** The debug categories, by HTCondor's D_ name without the prefix, lower-cased: our logging scopes. */
export const LogScope = {
  always: 0,
  error: 1,
  status: 2,
  job: 4,
  machine: 5,
  config: 6,
  protocol: 7,
  priv: 8,
  daemoncore: 9,
  security: 11,
  command: 12,
  match: 13,
  network: 14,
  threads: 18,
  syscalls: 20,
  hostname: 22,
  audit: 27,
  stats: 29,
} as const;
export type LogScope = keyof typeof LogScope;

export const CATEGORY_MASK = 0x1f;
/** D_VERBOSE (1<<8) and D_FULLDEBUG (1<<10) both ask for the verbose tier. */
export const VERBOSE_FLAGS = (1 << 8) | (1 << 10);

const byNumber = new Map<number, LogScope>(Object.entries(LogScope).map(([k, v]) => [v, k as LogScope]));

/** The scope of a LogLevel value (its category bits); unknown categories log as `always`. */
export function scopeOf(level: LogLevel): LogScope {
  return byNumber.get(level & CATEGORY_MASK) ?? 'always';
}
