// Collector.advertise (src/python-bindings/htcondor2/collector.cpp _collector_advertise): over TCP, the first ad
// goes with the started command, each further ad on the same connection as a raw `int command` + ad in one
// message (the collector keeps update connections open and reads on), and DC_NOP ends the conversation.
import type { ClassAd } from '@htcondor-ts/classad';
import {
  Commands,
  HTCondorIOError,
  HTCondorNotSupportedError,
  HTCondorValueError,
  type CallOptions,
  type DaemonClient,
} from '@htcondor-ts/core';

/**
 * The commands the bindings accept (getCollectorCommandNum's table, src/condor_includes/command_strings.h, less
 * UPDATE_STARTD_AD_WITH_ACK which the bindings refuse, and the QUERY_/CCB_ names which are not advertisements).
 */
export const ADVERTISE_COMMANDS = [
  'UPDATE_STARTD_AD', 'UPDATE_SCHEDD_AD', 'UPDATE_MASTER_AD', 'UPDATE_CKPT_SRVR_AD', 'UPDATE_SUBMITTOR_AD',
  'UPDATE_COLLECTOR_AD', 'UPDATE_LICENSE_AD', 'UPDATE_STORAGE_AD', 'UPDATE_NEGOTIATOR_AD', 'UPDATE_HAD_AD',
  'UPDATE_AD_GENERIC', 'UPDATE_GRID_AD', 'UPDATE_ACCOUNTING_AD', 'MERGE_STARTD_AD',
  'INVALIDATE_STARTD_ADS', 'INVALIDATE_SCHEDD_ADS', 'INVALIDATE_MASTER_ADS', 'INVALIDATE_CKPT_SRVR_ADS',
  'INVALIDATE_SUBMITTOR_ADS', 'INVALIDATE_COLLECTOR_ADS', 'INVALIDATE_LICENSE_ADS', 'INVALIDATE_STORAGE_ADS',
  'INVALIDATE_NEGOTIATOR_ADS', 'INVALIDATE_HAD_ADS', 'INVALIDATE_ADS_GENERIC', 'INVALIDATE_GRID_ADS',
  'INVALIDATE_ACCOUNTING_ADS',
] as const satisfies ReadonlyArray<keyof typeof Commands>;

export type AdvertiseCommand = (typeof ADVERTISE_COMMANDS)[number];

/** The command number of an advertise command name (case-insensitive, as getCollectorCommandNum). */
export function advertiseCommand(name: string, useTcp = true): number {
  if (typeof name !== 'string') throw new HTCondorValueError('command must be a command name such as "UPDATE_AD_GENERIC"');
  const upper = name.toUpperCase();
  if (upper === 'UPDATE_STARTD_AD_WITH_ACK') throw new HTCondorNotSupportedError('UPDATE_STARTD_AD_WITH_ACK (the startd-with-ack protocol) is not supported, as in the bindings; use UPDATE_STARTD_AD');
  const known = (ADVERTISE_COMMANDS as readonly string[]).includes(upper);
  if (!known) throw new HTCondorValueError(`invalid command ${name}: use one of ${ADVERTISE_COMMANDS.join(', ')}`);
  if (!useTcp) throw new HTCondorNotSupportedError('advertising over UDP is not supported (browsers and serverless runtimes have no UDP); leave useTcp true');
  return Commands[upper as AdvertiseCommand];
}

/** Sends every ad to one collector over one connection. */
export async function advertiseTo(client: DaemonClient, command: number, ads: readonly ClassAd[], opts: CallOptions): Promise<void> {
  const stream = await client.startCommand(command, opts);
  try {
    for (let i = 0; i < ads.length; i++) {
      if (i > 0) stream.putInt(command);
      stream.putClassAd(ads[i]!);
      await stream.endOfMessage();
    }
    stream.putInt(Commands.DC_NOP);
    await stream.endOfMessage();
  } catch (e) {
    if (e instanceof HTCondorIOError) throw new HTCondorIOError(`advertising to ${client.address.text} failed: ${e.message}`, { cause: e, where: client.address.text });
    throw e;
  } finally {
    stream.close();
  }
}
