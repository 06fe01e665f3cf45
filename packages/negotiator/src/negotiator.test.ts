// The negotiator commands on the wire, without a pool: a fake transport records the bytes, which are decoded back.
import { Commands, FrameDecoder, HTCondorValueError, MessageReader, type Transport } from '@htcondor-ts/core';
import { Negotiator } from './negotiator.js';

function recordingNegotiator(): { n: Negotiator; message: () => MessageReader } {
  const sent: Uint8Array[] = [];
  const t: Transport = {
    peer: 'fake:9618',
    read: () => new Promise<null>(() => {}),
    write: async (d) => {
      sent.push(d.slice());
    },
    close: () => {},
  };
  const n = new Negotiator('127.0.0.1:9618', { transport: { connect: async () => t } });
  const message = (): MessageReader => {
    const dec = new FrameDecoder();
    sent.forEach((s) => dec.push(s));
    const m = new MessageReader();
    for (let p = dec.next(); p; p = dec.next()) m.append(p.payload, p.end);
    return m;
  };
  return { n, message };
}

describe('Negotiator on the wire', () => {
  test('setPriority: command, user, a double', async () => {
    const { n, message } = recordingNegotiator();
    await n.setPriority('alice@lab.local', 42.5);
    const m = message();
    expect([m.tryInt(), m.tryString(false)]).toEqual([Commands.SET_PRIORITY, 'alice@lab.local']);
    // CEDAR doubles travel as frexp() fraction and exponent, with the fraction's precision (as in the C++).
    expect(m.tryDouble()).toBeCloseTo(42.5, 6);
    expect(m.atEnd()).toBe(true);
  });

  test('setCeiling and setBeginUsage send whole numbers (8-byte ints), dropping a fraction as the bindings do', async () => {
    const a = recordingNegotiator();
    await a.n.setCeiling('alice@lab.local', 3.7);
    const m = a.message();
    expect([m.tryInt(), m.tryString(false), m.tryInt()]).toEqual([Commands.SET_CEILING, 'alice@lab.local', 3]);
    const b = recordingNegotiator();
    await b.n.setBeginUsage('alice@lab.local', 1_700_000_000.9);
    const mb = b.message();
    expect([mb.tryInt(), mb.tryString(false), mb.tryInt()]).toEqual([Commands.SET_BEGINTIME, 'alice@lab.local', 1_700_000_000]);
  });

  test('resetAllUsage is the command alone', async () => {
    const { n, message } = recordingNegotiator();
    await n.resetAllUsage();
    const m = message();
    expect(m.tryInt()).toBe(Commands.RESET_ALL_USAGE);
    expect(m.atEnd()).toBe(true);
  });

  test('the bindings\' argument checks', async () => {
    const { n } = recordingNegotiator();
    await expect(n.setPriority('alice', 1)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(n.setPriority('alice@x', -1)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(n.setFactor('alice@x', 0.99)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(n.setCeiling('alice@x', -1.5)).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(n.setUsage('alice@x', Number.NaN)).rejects.toThrow(/finite/);
  });
});
