// htcondor.send_command and send_alive (src/python-bindings/htcondor2/loose_functions.cpp _send_command,
// v1 dc_tool.cpp): start the command at the daemon the ad names, optionally one string (the subsystem a master
// acts on for DaemonOn/DaemonOff...), end of message, close. The daemon sends no reply; refusal shows as an
// HTCondorAuthorizationError from the security handshake.
import {
  Commands,
  DaemonCommands,
  HTCondorValueError,
  type CallOptions,
} from '@htcondor-ts/core';
import { addressOf, clientFor, type DaemonLocation, type LocatedOptions } from './located.js';

/** The commands that act on one of the master's children and so need a target subsystem name. */
const TARGETED: ReadonlySet<number> = new Set([
  DaemonCommands.DaemonOn,
  DaemonCommands.DaemonOff,
  DaemonCommands.DaemonOffFast,
  DaemonCommands.DaemonOffPeaceful,
]);

/** The call's timeout and signal, and how to reach the daemon (security, transport, `ccb`). */
export interface SendCommandOptions extends CallOptions, Omit<LocatedOptions, 'collector'> {}

function commandName(cmd: number): string {
  for (const [k, v] of Object.entries(DaemonCommands)) if (v === cmd) return k;
  throw new HTCondorValueError(`${cmd} is not a DaemonCommands value; use one of ${Object.keys(DaemonCommands).join(', ')}`);
}

/**
 * Sends a DaemonCommands value to the daemon of `ad` (htcondor.send_command). `target` is the subsystem name
 * (e.g. "SCHEDD") for DaemonOn / DaemonOff / DaemonOffFast / DaemonOffPeaceful sent to a master.
 */
export async function sendCommand(ad: DaemonLocation, command: DaemonCommands, target?: string, opts: SendCommandOptions = {}): Promise<void> {
  const name = commandName(command);
  if (target !== undefined && typeof target !== 'string') throw new HTCondorValueError('target must be a subsystem name string');
  if (TARGETED.has(command) && !target) {
    throw new HTCondorValueError(`DaemonCommands.${name} acts on one daemon of a master: pass its subsystem name as target, e.g. "SCHEDD"`);
  }
  const client = clientFor(addressOf(ad), opts);
  const stream = await client.startCommand(command, opts);
  try {
    if (target) stream.putString(target);
    await stream.endOfMessage();
  } finally {
    stream.close();
  }
}

export interface SendAliveOptions extends SendCommandOptions {
  /** The process id the alive message is for (default: this process's, when there is one). */
  pid?: number;
  /** Seconds until the parent should consider the child hung (default 300, as the bindings). */
  timeout?: number;
}

/**
 * Tells a daemon (normally the master that started this process) that process `pid` is alive (htcondor.send_alive,
 * DC_CHILDALIVE: int pid, int timeout, EOM). The daemon requires DAEMON authorization.
 */
export async function sendAlive(ad: DaemonLocation, opts: SendAliveOptions = {}): Promise<void> {
  // Portable: a browser or a worker has no process id, and then the caller must say which process is alive.
  const pid = opts.pid ?? (globalThis as { process?: { pid?: number } }).process?.pid;
  if (pid === undefined || !Number.isInteger(pid) || pid <= 0) throw new HTCondorValueError('sendAlive needs a positive integer pid (no process id is available here)');
  const timeout = opts.timeout ?? 300;
  if (!Number.isInteger(timeout) || timeout <= 0) throw new HTCondorValueError(`timeout must be a positive whole number of seconds, not ${timeout}`);
  const client = clientFor(addressOf(ad), opts);
  const stream = await client.startCommand(Commands.DC_CHILDALIVE, opts);
  try {
    // ChildAliveMsg::writeMsg: pid, max hang time, dprintf lock delay (a double; 0: none measured).
    stream.putInt(pid).putInt(timeout).putDouble(0);
    await stream.endOfMessage();
  } finally {
    stream.close();
  }
}
