// advertise on the wire, without a pool: the bytes a fake transport receives are decoded back into messages.
import { ClassAd } from '@htcondor-ts/classad';
import {
  Commands,
  DaemonClient,
  FrameDecoder,
  HTCondorNotSupportedError,
  HTCondorValueError,
  MessageReader,
  WireAdReader,
  wireAdLines,
  type Transport,
  type TransportFactory,
} from '@htcondor-ts/core';
import { advertiseCommand, advertiseTo, ADVERTISE_COMMANDS } from './advertise.js';

/** A transport that records what is sent and answers nothing (the collector sends no reply to updates). */
function recorder(): { factory: TransportFactory; sent: Uint8Array[]; closed: () => boolean } {
  const sent: Uint8Array[] = [];
  let closed = false;
  const t: Transport = {
    peer: 'fake:9618',
    read: () => new Promise<null>(() => {}),
    write: async (d) => {
      sent.push(d.slice());
    },
    close: () => {
      closed = true;
    },
  };
  return { factory: { connect: async () => t }, sent, closed: () => closed };
}

/** Splits the recorded bytes into messages (payloads of consecutive packets up to an end flag). */
function messages(sent: Uint8Array[]): MessageReader[] {
  const dec = new FrameDecoder();
  for (const s of sent) dec.push(s);
  const out: MessageReader[] = [];
  let cur = new MessageReader();
  for (let p = dec.next(); p; p = dec.next()) {
    cur.append(p.payload, p.end);
    if (p.end) {
      out.push(cur);
      cur = new MessageReader();
    }
  }
  return out;
}

describe('advertise on the wire', () => {
  test('several ads on one connection: command + ad per message, DC_NOP last, then closed', async () => {
    const r = recorder();
    const client = new DaemonClient('127.0.0.1:9618', { transport: r.factory });
    const ads = [new ClassAd({ MyType: 'T', Name: 'a' }), new ClassAd({ MyType: 'T', Name: 'b' })];
    await advertiseTo(client, Commands.UPDATE_AD_GENERIC, ads, {});
    const msgs = messages(r.sent);
    expect(msgs).toHaveLength(3);
    for (const [i, name] of ['a', 'b'].entries()) {
      expect(msgs[i]!.tryInt()).toBe(Commands.UPDATE_AD_GENERIC);
      const wire = new WireAdReader().tryRead(msgs[i]!, false);
      expect(wireAdLines(wire!)).toContain(`Name = "${name}"`);
      expect(msgs[i]!.atEnd()).toBe(true);
    }
    expect(msgs[2]!.tryInt()).toBe(Commands.DC_NOP);
    expect(msgs[2]!.atEnd()).toBe(true);
    expect(r.closed()).toBe(true);
  });

  test('command names: the bindings\' table, case-insensitive; WITH_ACK, queries and UDP refused', () => {
    expect(advertiseCommand('update_ad_generic')).toBe(Commands.UPDATE_AD_GENERIC);
    expect(advertiseCommand('INVALIDATE_STARTD_ADS')).toBe(Commands.INVALIDATE_STARTD_ADS);
    expect(ADVERTISE_COMMANDS).toContain('MERGE_STARTD_AD');
    expect(() => advertiseCommand('UPDATE_STARTD_AD_WITH_ACK')).toThrow(HTCondorNotSupportedError);
    expect(() => advertiseCommand('QUERY_STARTD_ADS')).toThrow(HTCondorValueError);
    expect(() => advertiseCommand('UPDATE_AD_GENERIC', false)).toThrow(HTCondorNotSupportedError);
  });
});
