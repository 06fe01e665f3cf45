/**
 * Logging onto pino. The library is silent until enableDebug() or enableLog() (as dprintf is in a tool), then
 * each scope (an HTCondor debug category) logs at debug level when its D_ category is listed in TOOL_DEBUG (or
 * the given list), at trace level with `:2` or D_FULLDEBUG, and D_ALWAYS / D_ERROR messages always show.
 * Secrets are redacted from fields and messages.
 */
import pino, { type DestinationStream, type Logger } from 'pino';
import { z } from 'zod';
import { HTCondorValueError } from '../errors.js';
import { CATEGORY_MASK, LogScope, scopeOf, VERBOSE_FLAGS, type LogLevelFlags } from './levels.js';
import { REDACTED, redactPaths, redactText } from './redact.js';

type PinoLevel = 'silent' | 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace';

interface State {
  root: Logger;
  /** Per-scope level; scopes not listed use `base`. */
  levels: Map<LogScope, PinoLevel>;
  base: PinoLevel;
}

const scopes = new Map<LogScope, Logger>();
let state: State = makeState(undefined, new Map(), 'silent');

function makeState(destination: DestinationStream | undefined, levels: Map<LogScope, PinoLevel>, base: PinoLevel): State {
  const options: pino.LoggerOptions = {
    level: 'trace', // the root passes everything; scope children filter
    redact: { paths: redactPaths(), censor: REDACTED },
    base: undefined,
    hooks: {
      logMethod(args, method) {
        const redacted = args.map((a) => (typeof a === 'string' ? redactText(a) : a)) as Parameters<typeof method>;
        method.apply(this, redacted);
      },
    },
  };
  const root = destination ? pino(options, destination) : pino({ ...options, level: base === 'silent' ? 'silent' : 'trace' });
  return { root, levels, base };
}

function levelFor(scope: LogScope): PinoLevel {
  if (state.base === 'silent') return 'silent';
  return state.levels.get(scope) ?? state.base;
}

function current(scope: LogScope): Logger {
  let l = scopes.get(scope);
  if (!l) {
    l = state.root.child({ scope });
    l.level = levelFor(scope);
    scopes.set(scope, l);
  }
  return l;
}

type LogFn = Logger['info'];
/** A scope's logger; stable, so modules may keep it and still follow enableDebug() / disableLogging(). */
export interface ScopeLogger {
  readonly scope: LogScope;
  trace: LogFn;
  debug: LogFn;
  info: LogFn;
  warn: LogFn;
  error: LogFn;
  fatal: LogFn;
  isLevelEnabled(level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'): boolean;
}

const wrappers = new Map<LogScope, ScopeLogger>();

/** The logger of one scope (e.g. `logger('security').debug({ method }, 'authenticating')`). */
export function logger(scope: LogScope): ScopeLogger {
  let w = wrappers.get(scope);
  if (!w) {
    const fn = (level: 'trace' | 'debug' | 'info' | 'warn' | 'error' | 'fatal'): LogFn =>
      ((...args: Parameters<LogFn>) => current(scope)[level](...args)) as LogFn;
    w = {
      scope,
      trace: fn('trace'),
      debug: fn('debug'),
      info: fn('info'),
      warn: fn('warn'),
      error: fn('error'),
      fatal: fn('fatal'),
      isLevelEnabled: (level) => current(scope).isLevelEnabled(level),
    };
    wrappers.set(scope, w);
  }
  return w;
}

function rebuild(next: State): void {
  state = next;
  for (const scope of [...scopes.keys()]) {
    const l = state.root.child({ scope });
    l.level = levelFor(scope);
    scopes.set(scope, l);
  }
}

/**
 * Parses an HTCondor debug list ("D_SECURITY D_NETWORK:2 D_FULLDEBUG", commas or spaces) into scope levels.
 * D_ALL / D_ANY enable every scope; D_FULLDEBUG (or :2) raises the listed scopes to trace.
 */
export function parseDebugList(spec: string): { levels: Map<LogScope, PinoLevel>; base: PinoLevel } {
  const levels = new Map<LogScope, PinoLevel>();
  let base: PinoLevel = 'info';
  let full = false;
  const listed: [LogScope | 'all', boolean][] = [];
  for (const tok of spec.split(/[\s,]+/).filter(Boolean)) {
    const m = /^D_([A-Za-z_]+?)(?::(\d))?$/.exec(tok.toUpperCase());
    if (!m) continue;
    const name = m[1]!.toLowerCase();
    const verbose = m[2] !== undefined && Number(m[2]) >= 2;
    if (name === 'fulldebug') full = true;
    else if (name === 'all' || name === 'any') listed.push(['all', verbose]);
    else if (name in LogScope) listed.push([name as LogScope, verbose]);
  }
  for (const [scope, verbose] of listed) {
    const lvl: PinoLevel = verbose || full ? 'trace' : 'debug';
    if (scope === 'all') base = lvl;
    else levels.set(scope, lvl);
  }
  if (full && listed.length === 0) base = 'debug';
  return { levels, base };
}

const EnableSchema = z
  .object({
    /** Debug list in TOOL_DEBUG syntax; default TOOL_DEBUG's value, else D_ALWAYS only. */
    categories: z.string().optional(),
    /** Where records go (a pino destination); default stderr (console in browsers). */
    destination: z.custom<DestinationStream>((v) => typeof v === 'object' && v !== null && typeof (v as DestinationStream).write === 'function').optional(),
  })
  .strict();
export type EnableOptions = z.infer<typeof EnableSchema>;

function validate(options: EnableOptions): EnableOptions {
  const r = EnableSchema.safeParse(options);
  if (!r.success) throw new HTCondorValueError(`invalid logging options: ${r.error.issues.map((i) => i.message).join('; ')}`);
  return r.data;
}

/** Turns logging on with the categories of `categories` (TOOL_DEBUG syntax). */
export function enableLogging(options: EnableOptions = {}): void {
  const { categories, destination } = validate(options);
  const { levels, base } = parseDebugList(categories ?? '');
  rebuild(makeState(destination ?? defaultDestination(), levels, base));
}

/** Back to silence. */
export function disableLogging(): void {
  rebuild(makeState(undefined, new Map(), 'silent'));
}

function defaultDestination(): DestinationStream | undefined {
  // pino.destination exists in Node (sonic-boom); in browsers pino logs to the console by itself.
  const dest = (pino as unknown as { destination?: (fd: number) => DestinationStream }).destination;
  return typeof dest === 'function' ? dest(2) : undefined;
}

/** htcondor.log(level, message): the message goes to the scope of the level's category. */
export function log(level: LogLevelFlags, message: string): void {
  const scope = scopeOf(level);
  const l = logger(scope);
  const category = level & CATEGORY_MASK;
  if (category === LogScope.error) l.error(message);
  else if (category === LogScope.always) l.info(message);
  else if (level & VERBOSE_FLAGS) l.trace(message);
  else l.debug(message);
}
