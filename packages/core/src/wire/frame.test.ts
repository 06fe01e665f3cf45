import fc from 'fast-check';
import { HTCondorProtocolError } from '../errors.js';
import { FrameDecoder, encodePlainPackets, makeHeader } from './frame.js';

function collect(dec: FrameDecoder): { end: boolean; payload: number[] }[] {
  const out = [];
  for (let p = dec.next(); p; p = dec.next()) out.push({ end: p.end, payload: [...p.payload] });
  return out;
}

describe('FrameDecoder', () => {
  const body = new Uint8Array(10_000).map((_, i) => i & 0xff);
  const wire = encodePlainPackets(body, 4096);

  test('packets of a message: end flag only on the last, payloads concatenate to the body', () => {
    expect(wire.map((p) => p[0])).toEqual([0, 0, 1]);
    const dec = new FrameDecoder();
    for (const p of wire) dec.push(p);
    const pkts = collect(dec);
    expect(pkts.map((p) => p.payload.length)).toEqual([4096, 4096, 1808]);
    expect(pkts.flatMap((p) => p.payload)).toEqual([...body]);
  });

  test('the same packets whatever the chunking (every split point, byte by byte)', () => {
    const all = new Uint8Array(wire.reduce((n, p) => n + p.length, 0));
    let o = 0;
    for (const p of wire) { all.set(p, o); o += p.length; }
    const whole = new FrameDecoder();
    whole.push(all);
    const expected = collect(whole);
    for (let cut = 0; cut <= all.length; cut += 97) {
      const dec = new FrameDecoder();
      dec.push(all.subarray(0, cut));
      const a = collect(dec);
      dec.push(all.subarray(cut));
      expect([...a, ...collect(dec)]).toEqual(expected);
    }
    const bytewise = new FrameDecoder();
    const got = [];
    for (let i = 0; i < all.length; i++) {
      bytewise.push(all.subarray(i, i + 1));
      got.push(...collect(bytewise));
    }
    expect(got).toEqual(expected);
  });

  test('a length over the maximum is refused before the payload arrives', () => {
    const dec = new FrameDecoder(1024);
    dec.push(makeHeader(true, 1025));
    expect(() => dec.next()).toThrow(HTCondorProtocolError);
    expect(() => dec.next()).toThrow(/exceeds the maximum of 1024/);
  });

  test('a zero-length packet and a bad end flag are protocol errors', () => {
    const z = new FrameDecoder();
    z.push(makeHeader(true, 0));
    expect(() => z.next()).toThrow(/zero-length/);
    const b = new FrameDecoder();
    b.push(new Uint8Array([0x47, 0x45, 0x54, 0x20, 0x2f])); // "GET /": an HTTP client, not CEDAR
    expect(() => b.next()).toThrow(/not speaking CEDAR/);
  });

  test('a truncated frame yields nothing (the stream turns EOF there into an error)', () => {
    const dec = new FrameDecoder();
    const p = encodePlainPackets(new Uint8Array([1, 2, 3]))[0]!;
    dec.push(p.subarray(0, p.length - 1));
    expect(dec.next()).toBeNull();
  });

  test('property: any bytes give packets or a typed error, never anything else', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 64 }), fc.integer({ min: 1, max: 64 }), (bytes, max) => {
        const dec = new FrameDecoder(max);
        dec.push(bytes);
        try {
          while (dec.next());
        } catch (e) {
          expect(e).toBeInstanceOf(HTCondorProtocolError);
        }
      }),
      { numRuns: 20000 },
    );
  });
});
