/**
 * HTCondor configuration: the language of condor_config (as condor_config_val 23.9.6 reads it), the built-in
 * defaults of param_info.in, and the Python bindings' param / reload_config / set_subsystem / platform / version.
 * Portable (no node:*); the Node file loader is in ./node/index.js.
 */
export { param, configure, reloadConfig, setSubsystem, platform, type ConfigOptions } from './global.js';
export { Param } from './param.js';
export { loadConfig, DETECTED_NAMES, type LoadOptions, type LoadedConfig } from './loader.js';
export { memoryHost, type ConfigHost, type CommandResult } from './host.js';
// SubsystemType itself is exported by core's index from the protocol tables (protocol/enums.json)
export { SUBSYSTEM_NAMES } from './subsystem.js';
export { version, versionInfo, HTCONDOR_TS_VERSION, HTCONDOR_VERSION, type VersionInfo } from './version.js';
export {
  clientDefaults,
  collectorHosts,
  securitySettings,
  secSetting,
  tokenDirectory,
  SecRequirement,
  type ClientDefaults,
  type ParamSource,
  type SecPermission,
  type SecuritySettings,
  type TokenLocation,
} from './client-defaults.js';
export { builtinDefaults, makeDefaultsTable, type DefaultsTable, type DefaultEntry } from './defaults.js';
export type { EvalContext } from './macro-set.js';
export {
  HTCondorConfigError,
  ConfigSyntaxError,
  ConfigMacroCycleError,
  ConfigMacroError,
  ConfigSourceError,
  ConfigUserError,
  type ConfigErrorOptions,
} from './errors.js';
