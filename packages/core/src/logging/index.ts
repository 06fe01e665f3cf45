/**
 * Logging: pino with HTCondor's debug categories as scopes, secrets redacted, and the Python bindings'
 * enable_debug / enable_log / log / LogLevel.
 */
import pino from 'pino';
import { param } from '../config/global.js';
import { enableLogging, type EnableOptions } from './logger.js';

// LogLevel itself is exported by core's index from the protocol tables (protocol/enums.json)
export { LogScope, scopeOf, type LogLevelFlags } from './levels.js';
export { logger, log, enableLogging, disableLogging, parseDebugList, type EnableOptions, type ScopeLogger } from './logger.js';
export { redactText, redactPaths, SECRET_FIELDS, REDACTED } from './redact.js';

/** htcondor.enable_debug(): log to stderr with the categories of TOOL_DEBUG (or `categories`). */
export function enableDebug(options: EnableOptions = {}): void {
  enableLogging({ categories: options.categories ?? param.get('TOOL_DEBUG') ?? 'D_ALWAYS', ...(options.destination ? { destination: options.destination } : {}) });
}

/**
 * htcondor.enable_log(): like enableDebug, but to the file named by TOOL_LOG when there is one (Node only;
 * pass a destination elsewhere).
 */
export function enableLog(options: EnableOptions = {}): void {
  let destination = options.destination;
  const file = param.get('TOOL_LOG');
  if (!destination && file) destination = fileDestination(file);
  enableLogging({ categories: options.categories ?? param.get('TOOL_DEBUG') ?? 'D_ALWAYS', ...(destination ? { destination } : {}) });
}

function fileDestination(path: string): EnableOptions['destination'] {
  // pino.destination is Node's (sonic-boom); the browser build of pino has none
  const dest = (pino as unknown as { destination?: (o: object) => NonNullable<EnableOptions['destination']> }).destination;
  return typeof dest === 'function' ? dest({ dest: path, append: true, mkdir: true, sync: true }) : undefined;
}
