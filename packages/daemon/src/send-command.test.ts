// sendCommand and sendAlive on the wire, without a pool (commands sent raw: no security context).
import { Commands, DaemonCommands, FrameDecoder, HTCondorValueError, MessageReader, type Transport } from '@htcondor-ts/core';
import { sendAlive, sendCommand } from './send-command.js';

function recorder(): { transport: { connect: () => Promise<Transport> }; message: () => MessageReader; closed: () => boolean } {
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
  return {
    transport: { connect: async () => t },
    message: () => {
      const dec = new FrameDecoder();
      sent.forEach((s) => dec.push(s));
      const m = new MessageReader();
      for (let p = dec.next(); p; p = dec.next()) m.append(p.payload, p.end);
      return m;
    },
    closed: () => closed,
  };
}

describe('sendCommand / sendAlive on the wire', () => {
  test('DaemonOff to a master carries the subsystem name; the connection is closed after', async () => {
    const r = recorder();
    await sendCommand('127.0.0.1:9618', DaemonCommands.DaemonOff, 'SCHEDD', { transport: r.transport });
    const m = r.message();
    expect([m.tryInt(), m.tryString(false)]).toEqual([Commands.DAEMON_OFF, 'SCHEDD']);
    expect(m.atEnd()).toBe(true);
    expect(r.closed()).toBe(true);
  });

  test('Reconfig is DC_RECONFIG_FULL, with nothing after it', async () => {
    const r = recorder();
    await sendCommand('127.0.0.1:9618', DaemonCommands.Reconfig, undefined, { transport: r.transport });
    const m = r.message();
    expect(m.tryInt()).toBe(Commands.DC_RECONFIG_FULL);
    expect(m.atEnd()).toBe(true);
  });

  test('sendAlive: pid, timeout, and the dprintf lock delay ChildAliveMsg writes', async () => {
    const r = recorder();
    await sendAlive('127.0.0.1:9618', { pid: 4242, timeout: 60, transport: r.transport });
    const m = r.message();
    expect([m.tryInt(), m.tryInt(), m.tryInt(), m.tryDouble()]).toEqual([Commands.DC_CHILDALIVE, 4242, 60, 0]);
    expect(m.atEnd()).toBe(true);
  });

  test('arguments are checked before anything is sent', async () => {
    await expect(sendCommand('127.0.0.1:9618', DaemonCommands.DaemonOn)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(sendCommand('127.0.0.1:9618', 1 as DaemonCommands)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(sendAlive('127.0.0.1:9618', { pid: -1 })).rejects.toBeInstanceOf(HTCondorValueError);
  });
});
