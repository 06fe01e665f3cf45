import fc from 'fast-check';
import { HTCondorProtocolError, HTCondorValueError } from '../errors.js';
import { decodeDouble, encodeDouble } from './double.js';
import { MessageReader } from './message-reader.js';
import { MessageWriter } from './message-writer.js';
import { toHex } from './utf8.js';

function roundTrip(write: (w: MessageWriter) => void): MessageReader {
  const w = new MessageWriter();
  write(w);
  const r = new MessageReader();
  r.append(w.take(), true);
  return r;
}

describe('CEDAR integers', () => {
  test('8-byte big-endian two\'s complement, as Stream::put(int) sends them', () => {
    const w = new MessageWriter();
    w.putInt(1).putInt(-1).putInt(60010);
    expect(toHex(w.take())).toBe('0000000000000001' + 'ffffffffffffffff' + '000000000000ea6a');
  });

  test('64-bit values exact through bigint', () => {
    const vals = [0n, -1n, 2n ** 63n - 1n, -(2n ** 63n), 1234567890123456789n];
    const r = roundTrip((w) => vals.forEach((v) => w.putInt(v)));
    for (const v of vals) expect(r.tryInt64()).toBe(v);
    expect(() => new MessageWriter().putInt(2n ** 63n)).toThrow(HTCondorValueError);
  });

  test('property: safe integers round-trip as numbers; int32 range checked like the C++', () => {
    fc.assert(fc.property(fc.maxSafeInteger(), (v) => {
      const r = roundTrip((w) => w.putInt(v));
      expect(r.tryInt()).toBe(v);
    }), { numRuns: 5000 });
    const r = roundTrip((w) => w.putInt(2 ** 31).putInt(-(2 ** 31)));
    expect(() => r.tryInt32()).toThrow(HTCondorProtocolError);
  });

  test('a number that is not a safe integer is refused with advice', () => {
    expect(() => new MessageWriter().putInt(1.5)).toThrow(/pass a bigint/);
  });
});

describe('CEDAR doubles', () => {
  test('frexp mantissa scaled by INT_MAX, then the exponent', () => {
    // 1.0 = 0.5 * 2^1 -> frac = trunc(0.5 * 2147483647) = 1073741823, exp = 1
    expect(encodeDouble(1)).toEqual([1073741823, 1]);
    expect(encodeDouble(0)).toEqual([0, 0]);
    expect(encodeDouble(-3)).toEqual([-1610612735, 2]);
  });
  test('property: lossy to about 31 bits, like the C++', () => {
    fc.assert(fc.property(fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e300, max: 1e300 }), (d) => {
      const [f, e] = encodeDouble(d);
      const back = decodeDouble(f, e);
      expect(Math.abs(back - d)).toBeLessThanOrEqual(Math.abs(d) * 2 ** -29 + Number.MIN_VALUE);
    }));
  });
});

describe('CEDAR strings', () => {
  test('plaintext: bytes and a NUL; encrypted: an 8-byte length counting the NUL first', () => {
    expect(toHex(new MessageWriter().putString('ab', false).take())).toBe('616200');
    expect(toHex(new MessageWriter().putString('ab', true).take())).toBe('0000000000000003616200');
  });
  test('UTF-8 and the NULL string', () => {
    for (const crypto of [false, true]) {
      const r = roundTrip((w) => w.putString('héllo ☃', crypto).putString(null, crypto).putString('', crypto));
      expect(r.tryString(crypto)).toBe('héllo ☃');
      expect(r.tryString(crypto)).toBeNull();
      expect(r.tryString(crypto)).toBe('');
      expect(r.atEnd()).toBe(true);
    }
  });
  test('a string split across packets is read once it is whole, scanning linearly', () => {
    const r = new MessageReader();
    r.append(new TextEncoder().encode('Name = "sl'), false);
    expect(r.tryString(false)).toBeUndefined();
    r.append(new TextEncoder().encode('ot1"'), false);
    expect(r.tryString(false)).toBeUndefined();
    r.append(new Uint8Array([0]), true);
    expect(r.tryString(false)).toBe('Name = "slot1"');
  });
  test('a message that ends inside a value is a protocol error, and leftovers are reported', () => {
    const r = new MessageReader();
    r.append(new Uint8Array([0, 0, 0]), true);
    expect(() => r.tryInt()).toThrow(/message ended while reading an integer/);
    const l = new MessageReader();
    l.append(new Uint8Array([1, 2]), true);
    expect(() => l.finish()).toThrow(/2 unread bytes/);
  });
  test('a bad length prefix on an encrypted stream is refused', () => {
    const r = new MessageReader();
    r.append(new Uint8Array([0x7f, 0, 0, 0, 0, 0, 0, 1, 0]), true);
    expect(() => r.tryString(true)).toThrow(HTCondorProtocolError);
  });
});
