/**
 * The process-wide configuration behind `param`, as in the Python bindings: loaded lazily on first use, again
 * by reloadConfig(). In Node, `useNodeConfig()` (./node/) supplies the file system; elsewhere the configuration
 * comes from in-memory `files` or just the built-in defaults. No file is ever required.
 */
import { z } from 'zod';
import { HTCondorValueError } from '../errors.js';
import { memoryHost, type ConfigHost } from './host.js';
import { loadConfig, type LoadedConfig } from './loader.js';
import { Param } from './param.js';
import { SubsystemType } from '../protocol/enums.generated.js';
import { SUBSYSTEM_NAMES } from './subsystem.js';

export interface ConfigOptions {
  /** Subsystem whose `SUBSYS.NAME` settings apply (default "TOOL"). */
  subsystem?: string | undefined;
  localName?: string | undefined;
  /** Root config path, or "ONLY_ENV"; default: CONDOR_CONFIG, then /etc/condor/condor_config, ... */
  rootConfig?: string | undefined;
  /** Files and commands; useNodeConfig() sets the Node one. Ignored when `files` is given. */
  host?: ConfigHost | undefined;
  /** An in-memory file system (path -> text), e.g. for browsers: `{ '/etc/condor/condor_config': '...' }`. */
  files?: Record<string, string> | undefined;
  /** Environment for $ENV() and `_condor_` overrides when `files` is used. */
  env?: Record<string, string> | undefined;
  /** Detected values (FULL_HOSTNAME, IP_ADDRESS, ...). */
  detected?: Record<string, string> | undefined;
  /** Throw when no root config exists (condor_config_val's behaviour). Default false. */
  requireConfig?: boolean | undefined;
}

const stringMap = z.record(z.string(), z.string());
const OptionsSchema = z
  .object({
    subsystem: z.string().regex(/^[A-Za-z0-9_]+$/, 'a subsystem name is letters, digits and _').optional(),
    localName: z.string().regex(/^[A-Za-z0-9_.]*$/, 'a local name is letters, digits, _ and .').optional(),
    rootConfig: z.string().optional(),
    host: z.custom<ConfigHost>((v) => typeof v === 'object' && v !== null && typeof (v as ConfigHost).readFile === 'function', 'host must be a ConfigHost').optional(),
    files: stringMap.optional(),
    env: stringMap.optional(),
    detected: stringMap.optional(),
    requireConfig: z.boolean().optional(),
  })
  .strict();

function validate(options: ConfigOptions): ConfigOptions {
  const r = OptionsSchema.safeParse(options);
  if (!r.success) throw new HTCondorValueError(`invalid configuration options: ${r.error.issues.map((i) => `${i.path.join('.') || '(options)'}: ${i.message}`).join('; ')}`);
  return options;
}

let settings: ConfigOptions = {};
let current: LoadedConfig | undefined;

function load(): LoadedConfig {
  const host = settings.files !== undefined ? memoryHost(settings.files, settings.env ?? {}) : settings.host;
  return loadConfig({
    subsystem: settings.subsystem,
    localName: settings.localName,
    rootConfig: settings.rootConfig,
    host,
    detected: settings.detected,
    requireConfig: settings.requireConfig,
  });
}

/** The process-wide configuration (htcondor.param). */
export const param: Param = new Param(() => (current ??= load()));

/** Changes how the configuration is loaded; the next `param` access reloads. Options merge with earlier ones. */
export function configure(options: ConfigOptions): void {
  settings = { ...settings, ...validate(options) };
  current = undefined;
}

/** Re-reads the configuration now (htcondor.reload_config()); throws HTCondorConfigError on a bad file. */
export function reloadConfig(options: ConfigOptions = {}): LoadedConfig {
  settings = { ...settings, ...validate(options) };
  current = load();
  return current;
}

/**
 * htcondor.set_subsystem(name, type): later lookups honour `NAME.KNOB` settings for this subsystem. Unlike the
 * Python bindings (which wait for reload_config()), the next `param` access re-reads the configuration.
 */
export function setSubsystem(name?: string, type?: SubsystemType): void {
  if (type !== undefined && !Object.values(SubsystemType).includes(type)) throw new HTCondorValueError(`unknown SubsystemType ${String(type)}`);
  const subsystem = name ?? (type === undefined ? 'TOOL' : SUBSYSTEM_NAMES[type]);
  configure({ subsystem });
}

/** htcondor.platform(): `$CondorPlatform: <ARCH>-<OS>_<MAJOR> $` from the detected values, or JS-<runtime>. */
export function platform(): string {
  const arch = param.get('ARCH');
  const os = param.get('OPSYSNAME');
  const major = param.get('OPSYSMAJORVER');
  return `$CondorPlatform: ${arch && os ? `${arch}-${os}${major ? `_${major}` : ''}` : 'JS'} $`;
}
