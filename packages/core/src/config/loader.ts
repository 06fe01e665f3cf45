/**
 * Building the configuration as HTCondor's real_config (condor_config.cpp) does: detected values, the root
 * config (CONDOR_CONFIG or /etc/condor/condor_config, /usr/local/etc/condor_config, ~condor/condor_config),
 * LOCAL_CONFIG_DIR, LOCAL_CONFIG_FILE (re-read while it changes), USER_CONFIG_FILE, `_condor_` environment
 * overrides, the special macros that always win, the domain defaults and AUTO_USE_ metaknobs.
 * Unlike HTCondor, a missing root config is not an error unless requireConfig is set: no file is ever required.
 */
import { fromBytes, toBytes } from './bytes.js';
import { builtinDefaults, type DefaultsTable } from './defaults.js';
import { ConfigSourceError, HTCondorConfigError } from './errors.js';
import { expandMacros, expandMetaArgs } from './expand.js';
import type { ConfigHost } from './host.js';
import { testIfExpression, type IfEnvironment } from './ifexpr.js';
import { MacroSet, type EvalContext, type MacroEnvironment, type SourceRef } from './macro-set.js';
import { parseConfigSource, parseConfigString, type OpenedSource, type ParseState } from './parser.js';
import { splitTokens } from './scan.js';

export interface LoadOptions {
  /** Subsystem name (default "TOOL"); prefixes such as `SCHEDD.X` apply when it matches. */
  readonly subsystem?: string | undefined;
  /** Local name (`-local-name`), a second, stronger prefix. */
  readonly localName?: string | undefined;
  /** The root config to read instead of CONDOR_CONFIG / the search order; "ONLY_ENV" reads none. */
  readonly rootConfig?: string | undefined;
  /** Where files, commands and the environment come from. Without one, only defaults and `detected` apply. */
  readonly host?: ConfigHost | undefined;
  /** Values HTCondor detects at startup (FULL_HOSTNAME, IP_ADDRESS, OPSYS, DETECTED_CPUS, ...). */
  readonly detected?: Readonly<Record<string, string>> | undefined;
  readonly defaults?: DefaultsTable | undefined;
  /** Random source for $RANDOM_CHOICE / $RANDOM_INTEGER (tests pin it). */
  readonly randomInt?: (() => number) | undefined;
  /** Fail, as condor_config_val does, when no root config exists. Default false. */
  readonly requireConfig?: boolean | undefined;
  /** The HTCondor version `if version ...` compares with (default: the defaults table's). */
  readonly version?: string | undefined;
}

export interface LoadedConfig {
  readonly set: MacroSet;
  readonly ctx: EvalContext;
  /** The root config source, if one was read. */
  readonly root: string | undefined;
  /** Local sources in the order read (condor_config_val -config). */
  readonly sources: readonly string[];
  readonly warnings: readonly string[];
}

/** fill_attributes: detected before any file is read, so files may test and override them. */
const EARLY = ['ARCH', 'UNAME_ARCH', 'OPSYS', 'OPSYSVER', 'OPSYSANDVER', 'UNAME_OPSYS', 'OPSYSMAJORVER', 'OPSYSNAME',
  'OPSYSLONGNAME', 'OPSYSSHORTNAME', 'OPSYSLEGACY', 'UTSNAME_SYSNAME', 'UTSNAME_NODENAME', 'UTSNAME_RELEASE',
  'UTSNAME_VERSION', 'UTSNAME_MACHINE', 'PYTHON3', 'CondorIsAdmin', 'SUBSYSTEM', 'LOCALNAME', 'DETECTED_MEMORY',
  'DETECTED_PHYSICAL_CPUS', 'DETECTED_CPUS', 'DETECTED_CORES', 'DETECTED_CPUS_LIMIT'] as const;
/** reinsert_specials: these always win over files and the environment. */
const SPECIALS = ['TILDE', 'HOSTNAME', 'FULL_HOSTNAME', 'SUBSYSTEM', 'LOCALNAME', 'USERNAME', 'REAL_UID', 'REAL_GID',
  'PID', 'PPID', 'IP_ADDRESS', 'IP_ADDRESS_IS_IPV6', 'IPV4_ADDRESS', 'IPV6_ADDRESS', 'DETECTED_CPUS'] as const;
/** The names HTCondor fills from the machine (for tests that pin them). */
export const DETECTED_NAMES: readonly string[] = [...new Set<string>(['TILDE', 'CONFIG_ROOT', ...EARLY, ...SPECIALS, 'FILESYSTEM_DOMAIN', 'UID_DOMAIN'])];

function parseVersion(v: string): [number, number, number] {
  const m = /(\d+)\.(\d+)\.(\d+)/.exec(v);
  return m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [0, 0, 0];
}

/** ArgList::AppendArgsV1RawOrV2Quoted, enough for config commands: V2 when it starts with '"', else whitespace. */
export function splitCommandLine(cmd: string): string[] {
  const t = cmd.trim();
  if (!t.startsWith('"')) return t.split(/\s+/).filter(Boolean);
  const inner = t.endsWith('"') ? t.slice(1, -1) : t.slice(1);
  const out: string[] = [];
  let cur = '';
  let have = false;
  for (let i = 0; i < inner.length; i++) {
    const c = inner[i]!;
    if (c === "'") {
      have = true;
      for (i++; i < inner.length; i++) {
        if (inner[i] === "'") {
          if (inner[i + 1] === "'") { cur += "'"; i++; continue; }
          break;
        }
        cur += inner[i];
      }
    } else if (/\s/.test(c)) {
      if (have || cur) out.push(cur);
      cur = '';
      have = false;
    } else if (c === '"' && inner[i + 1] === '"') {
      cur += '"';
      i++;
    } else cur += c;
  }
  if (have || cur) out.push(cur);
  return out;
}

export function loadConfig(options: LoadOptions = {}): LoadedConfig {
  try {
    const c = load(options);
    return { ...c, root: c.root === undefined ? undefined : fromBytes(c.root), sources: c.sources.map(fromBytes), warnings: c.warnings.map(fromBytes) };
  } catch (e) {
    throw readable(e);
  }
}

/** Error messages quote configuration text, which is kept as bytes inside. */
export function readable(e: unknown): unknown {
  if (e instanceof HTCondorConfigError) {
    e.message = fromBytes(e.message);
    if (e.source !== undefined) e.source = fromBytes(e.source);
  }
  return e;
}

function load(options: LoadOptions): LoadedConfig {
  const host = options.host;
  const defaults = options.defaults ?? builtinDefaults();
  const subsys = options.subsystem || 'TOOL'; // kept as given, like condor_config_val -subsystem; lookups ignore case
  const localname = options.localName || undefined;
  const ctx: EvalContext = { subsys, localname };
  const environment: MacroEnvironment = {
    getenv: (name) => {
      const v = host?.getenv(fromBytes(name));
      return v === undefined ? undefined : toBytes(v);
    },
    randomInt: options.randomInt ?? (() => Math.floor(Math.random() * 0x7fffffff)),
  };
  const set = new MacroSet(defaults, environment);
  const detected = new Map<string, string>();
  for (const [k, v] of Object.entries(options.detected ?? {})) detected.set(k.toUpperCase(), toBytes(v));
  detected.set('SUBSYSTEM', subsys);
  detected.set('LOCALNAME', localname ?? subsys);
  const ver = parseVersion(options.version ?? defaults.version);
  const ifEnv: IfEnvironment = {
    version: ver,
    hasMetaknob: (cat, knob) => {
      const t = defaults.metaknobs(cat);
      return t !== undefined && (knob === undefined || t.has(knob.toUpperCase()));
    },
  };
  const sources: string[] = [];
  const st: ParseState = { set, ctx, ifEnv, sources, openSource: (name, isCommand, into) => openSource(host, name, isCommand, into) };
  const detectedSrc: SourceRef = { name: '<Detected>', line: 0 };
  const insertDetected = (names: readonly string[]): void => {
    for (const n of names) {
      const v = detected.get(n.toUpperCase());
      if (v !== undefined) set.insert(n, v, detectedSrc, ctx);
    }
  };
  const param = (name: string): string | undefined => {
    const raw = set.lookup(name, ctx);
    if (!raw) return undefined;
    return expandMacros(raw, set, ctx) || undefined;
  };
  const crufty = (name: string, dflt: boolean): boolean => {
    const v = param(name)?.trim().toLowerCase();
    if (v === undefined) return dflt;
    if (v.startsWith('t') || v.startsWith('y') || v === '1') return true;
    if (v.startsWith('f') || v.startsWith('n') || v === '0') return false;
    return dflt;
  };

  insertDetected(['TILDE', ...EARLY]);
  applyThreadLimit(detected.get('DETECTED_PHYSICAL_CPUS'), environment, set, ctx, detectedSrc);

  const root = findRoot(host, options, detected.get('TILDE'));
  if (root !== undefined && root !== '/dev/null') {
    const slash = root.lastIndexOf('/');
    set.insert('CONFIG_ROOT', slash < 0 ? '.' : slash === 0 ? '/' : root.slice(0, slash), detectedSrc, ctx);
    processSource(st, root, 0, true);
  }

  insertDetected(['HOSTNAME', 'FULL_HOSTNAME', 'TILDE']);

  const dirlist = param('LOCAL_CONFIG_DIR');
  if (dirlist) processDirectories(st, host, dirlist, crufty('REQUIRE_LOCAL_CONFIG_FILE', true));
  processLocals(st, param, crufty('REQUIRE_LOCAL_CONFIG_FILE', true));
  const newDirlist = param('LOCAL_CONFIG_DIR');
  if (newDirlist && newDirlist !== dirlist) processDirectories(st, host, newDirlist, crufty('REQUIRE_LOCAL_CONFIG_FILE', true));

  const userConfig = param('USER_CONFIG_FILE');
  if (userConfig && host && !host.canSwitchIds?.()) {
    const homeText = host.homeDirectory?.();
    const home = homeText === undefined ? undefined : toBytes(homeText);
    const file = userConfig.startsWith('/') ? userConfig : home ? `${home}/.condor/${userConfig}` : undefined;
    if (file !== undefined && host.readFile(fromBytes(file)) !== undefined) {
      processSource(st, file, 1, false);
      sources.push(file);
    }
  }

  if (host) {
    const envSrc: SourceRef = { name: '<Environment>', line: 0 };
    for (const [k, v] of host.environment()) {
      if (k.length <= 8 || k.slice(0, 8).toLowerCase() !== '_condor_') continue;
      const name = toBytes(k.slice(8).replace(/\s+$/, ''));
      if (name) set.insert(name, toBytes(v.replace(/^\s+/, '')), envSrc, ctx);
    }
  }

  insertDetected(SPECIALS);
  if (crufty('COUNT_HYPERTHREAD_CPUS', true)) applyThreadLimit(detected.get('DETECTED_CORES'), environment, set, ctx, detectedSrc);
  const fqdn = detected.get('FULL_HOSTNAME');
  if (fqdn !== undefined) {
    if (param('FILESYSTEM_DOMAIN') === undefined) set.insert('FILESYSTEM_DOMAIN', fqdn, detectedSrc, ctx);
    if (param('UID_DOMAIN') === undefined) set.insert('UID_DOMAIN', fqdn, detectedSrc, ctx);
  }

  smartAutoUse(st, param);

  return { set, ctx, root, sources, warnings: set.warnings };
}

/**
 * find_global: CONDOR_CONFIG (a file, a command ending in '|', or ONLY_ENV for none), else the first readable of
 * /etc/condor/condor_config, /usr/local/etc/condor_config, ~condor/condor_config. Undefined: no root config.
 */
function findRoot(host: ConfigHost | undefined, options: LoadOptions, tilde: string | undefined): string | undefined {
  const envText = options.rootConfig ?? host?.getenv('CONDOR_CONFIG');
  const env = envText === undefined ? undefined : toBytes(envText);
  if (env !== undefined && env.toUpperCase() === 'ONLY_ENV') return undefined;
  let root: string | undefined;
  if (env !== undefined && env !== '') {
    if (host?.isDirectory(envText!)) throw new ConfigSourceError(`File specified in CONDOR_CONFIG environment variable:\n"${env}" is a directory.  Please specify a file.`);
    const isCommand = env.includes('|') && env.endsWith('|');
    if (host?.readFile(envText!) !== undefined || isCommand) return env;
    if (host || options.requireConfig || options.rootConfig !== undefined) {
      throw new ConfigSourceError(`File specified in CONDOR_CONFIG environment variable:\n"${env}" does not exist.`);
    }
  } else if (host) {
    for (const loc of ['/etc/condor/condor_config', '/usr/local/etc/condor_config', tilde ? `${tilde}/condor_config` : undefined]) {
      if (loc !== undefined && host.readFile(fromBytes(loc)) !== undefined) { root = loc; break; }
    }
  }
  if (root === undefined && options.requireConfig) {
    throw new ConfigSourceError('Neither the environment variable CONDOR_CONFIG, /etc/condor/, /usr/local/etc/, nor ~condor/ contain a condor_config source.');
  }
  return root;
}

/** do_smart_auto_use: `AUTO_USE_<CATEGORY>_<KNOB> = <condition>` applies the metaknob when the condition holds. */
function smartAutoUse(st: ParseState, param: (name: string) => string | undefined): void {
  const { set, ctx, ifEnv } = st;
  for (const name of new Set([...set.defaults.names(), ...set.itemNames()])) {
    const m = /^AUTO_USE_([A-Za-z]+)_(.+)$/i.exec(name);
    if (!m) continue;
    const trigger = param(name);
    if (!trigger) continue;
    const r = testIfExpression(trigger, set, ctx, ifEnv);
    if (!r.ok) { set.warnings.push(`Configuration error while interpreting ${name} : ${r.reason}`); continue; }
    if (!r.value) continue;
    const body = set.defaults.metaknobs(m[1]!)?.get(m[2]!.toUpperCase());
    if (body === undefined) { set.warnings.push(`Configuration error while interpreting ${name} : no template named ${m[1]}:${m[2]}`); continue; }
    parseConfigString(expandMetaArgs(body, ''), 1, st, { name, line: 0 });
  }
}

/** apply_thread_limit: OMP_THREAD_LIMIT or SLURM_CPUS_ON_NODE below the CPU count sets DETECTED_CPUS_LIMIT. */
function applyThreadLimit(cpus: string | undefined, env: MacroEnvironment, set: MacroSet, ctx: EvalContext, src: SourceRef): void {
  const detected = Number(cpus);
  if (!cpus || !Number.isFinite(detected)) return;
  let limit = detected;
  for (const name of ['OMP_THREAD_LIMIT', 'SLURM_CPUS_ON_NODE']) {
    const v = env.getenv(name);
    const lim = v === undefined ? 0 : parseInt(v, 10) || 0; // atoi
    if (lim > 0 && lim < limit) limit = lim;
  }
  if (limit < detected) set.insert('DETECTED_CPUS_LIMIT', String(limit), src, ctx);
}

/** process_config_source */
function processSource(st: ParseState, file: string, depth: number, required: boolean): void {
  const opened = st.openSource(file, false);
  if (!opened) {
    if (!required) return;
    throw new ConfigSourceError(`Can't read config source ${file}`);
  }
  parseConfigSource(opened.text, opened.name, depth, st);
}

/** process_directory: every non-excluded file of each LOCAL_CONFIG_DIR entry, sorted by name. */
function processDirectories(st: ParseState, host: ConfigHost | undefined, dirlist: string, required: boolean): void {
  let exclude: RegExp | undefined;
  const raw = st.set.lookup('LOCAL_CONFIG_DIR_EXCLUDE_REGEXP', st.ctx);
  const pattern = raw ? expandMacros(raw, st.set, st.ctx) : '';
  if (pattern) {
    try { exclude = new RegExp(pattern); } catch (e) {
      throw new ConfigSourceError(`LOCAL_CONFIG_DIR_EXCLUDE_REGEXP config parameter is not a valid regular expression.  Value: ${pattern}`, { cause: e });
    }
  }
  for (const dir of splitTokens(dirlist)) {
    const files = (host?.listDirectory(fromBytes(dir)) ?? []).map(toBytes).filter((f) => !exclude?.test(f.slice(f.lastIndexOf('/') + 1)));
    files.sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    for (const f of files) {
      processSource(st, f, 1, required);
      st.sources.push(f);
    }
  }
}

/** process_locals: LOCAL_CONFIG_FILE, re-read whenever a file changes the list. */
function processLocals(st: ParseState, param: (name: string) => string | undefined, required: boolean): void {
  let value = param('LOCAL_CONFIG_FILE');
  if (!value) return;
  const listOf = (v: string): string[] => (v.includes('|') ? [v] : splitTokens(v));
  let todo = listOf(value);
  const done: string[] = [];
  for (let i = 0; i < todo.length; ) {
    const source = todo[i]!;
    st.sources.push(source);
    processSource(st, source, 1, required);
    done.push(source);
    const now = param('LOCAL_CONFIG_FILE');
    if (now !== undefined && now !== value) {
      todo = listOf(now).filter((s) => !done.includes(s));
      value = now;
      i = 0;
      continue;
    }
    i++;
  }
}

/** Open_macro_source: a file, or a command when the name ends in '|' (or `include command`). */
function openSource(host: ConfigHost | undefined, name: string, isCommand: boolean, into?: string): OpenedSource | undefined {
  const piped = name.includes('|');
  if (!isCommand && !piped) {
    const text = host?.readFile(fromBytes(name));
    return text === undefined ? undefined : { name, text: toBytes(text) };
  }
  if (into !== undefined) {
    const cached = host?.readFile(fromBytes(into));
    if (cached !== undefined) return { name: into, text: toBytes(cached) };
  }
  let display = name;
  let cmd: string;
  if (isCommand && !piped) {
    cmd = name;
    display = `${name} |`;
  } else {
    cmd = name.replace(/[| ]+$/, '');
  }
  if (!display.endsWith('|')) throw new ConfigSourceError(`not a valid command, | must be at the end: ${name}`);
  if (!host?.runCommand) throw new ConfigSourceError(`cannot run configuration command here (no command runner): ${cmd}`);
  const argv = splitCommandLine(cmd);
  if (argv.length === 0) throw new ConfigSourceError(`not a valid command: ${name}`);
  const r = host.runCommand(argv.map(fromBytes));
  if (r.status !== 0) throw new ConfigSourceError(`command terminated with exit code ${r.status}`, { source: display });
  if (into !== undefined) host.writeFile?.(fromBytes(into), r.stdout);
  return { name: display, text: toBytes(r.stdout) };
}
