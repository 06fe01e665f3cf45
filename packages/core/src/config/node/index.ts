/**
 * Node entry of the configuration: reads CONDOR_CONFIG and the default search order from the real file system.
 * Import from here only in Node (it uses node:fs, node:os and node:child_process).
 */
import { configure, type ConfigOptions } from '../global.js';
import { loadConfig, type LoadedConfig, type LoadOptions } from '../loader.js';
import { detectNodeValues } from './detect.js';
import { nodeConfigHost, type NodeHostOptions } from './host.js';

export { nodeConfigHost, type NodeHostOptions } from './host.js';
export { detectNodeValues } from './detect.js';

/** Loads the configuration from this machine (CONDOR_CONFIG, /etc/condor/condor_config, ...). */
export function loadNodeConfig(options: Omit<LoadOptions, 'host'> & { hostOptions?: NodeHostOptions } = {}): LoadedConfig {
  const { hostOptions, ...rest } = options;
  return loadConfig({ detected: detectNodeValues(), ...rest, host: nodeConfigHost(hostOptions) });
}

/** Makes the global `param` read this machine's configuration files (call once at startup in Node). */
export function useNodeConfig(options: Omit<ConfigOptions, 'host' | 'files'> & { hostOptions?: NodeHostOptions } = {}): void {
  const { hostOptions, ...rest } = options;
  configure({ detected: detectNodeValues(), ...rest, host: nodeConfigHost(hostOptions), files: undefined });
}
