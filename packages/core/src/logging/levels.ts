/**
 * HTCondor's debug categories and flags (condor_debug.h), and htcondor.LogLevel with the Python bindings' numbers.
 */

import { LogLevel } from '../protocol/enums.generated.js';

/**
 * htcondor.LogLevel (exported by core's index from protocol/enums.json): a category in the low 5 bits, optionally
 * OR-ed with verbosity and header flags, e.g. `LogLevel.Security | LogLevel.FullDebug`.
 */
export type LogLevelFlags = number;
export { LogLevel };

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
export function scopeOf(level: LogLevelFlags): LogScope {
  return byNumber.get(level & CATEGORY_MASK) ?? 'always';
}
