/** Versions: ours, and the HTCondor whose configuration language and defaults we implement. */
import { PARAM_DEFAULTS_VERSION } from './generated/param-defaults.js';

/** This library's version (kept in step with packages/core/package.json). */
export const HTCONDOR_TS_VERSION = '0.1.0';
/** The HTCondor release whose param_info.in and parser we follow, and whose wire protocol we speak. */
export const HTCONDOR_VERSION = PARAM_DEFAULTS_VERSION;

export interface VersionInfo {
  readonly htcondorTs: string;
  readonly htcondor: string;
}

export function versionInfo(): VersionInfo {
  return { htcondorTs: HTCONDOR_TS_VERSION, htcondor: HTCONDOR_VERSION };
}

/** htcondor.version(): a `$CondorVersion: ... $` string, as peers exchange it. */
export function version(): string {
  return `$CondorVersion: ${HTCONDOR_VERSION} PackageID: htcondor-ts-${HTCONDOR_TS_VERSION} $`;
}
