import { createCipheriv, createDecipheriv, createECDH, hkdfSync } from 'node:crypto';
import { fromHex, toHex } from '../wire/utf8.js';
import { fromBase64, toBase64, toBase64Url } from './bytes.js';
import { hkdfSha256, hmacSha1, sha256 } from './crypto.js';
import { AesGcmPacketCipher, digestTranscript, packetIv } from './aes-gcm-cipher.js';
import { KeyExchange, deriveSessionKey } from './ecdh.js';
import { makeHeader } from '../wire/frame.js';

const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('primitives against published vectors', () => {
  test('HKDF-SHA256, RFC 5869 case 1', async () => {
    const okm = await hkdfSha256(new Uint8Array(22).fill(0x0b), fromHex('000102030405060708090a0b0c'), fromHex('f0f1f2f3f4f5f6f7f8f9'), 42);
    expect(toHex(okm)).toBe('3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865');
  });
  test('HMAC-SHA1, RFC 2202 case 1', async () => {
    expect(toHex(await hmacSha1(new Uint8Array(20).fill(0x0b), enc('Hi There')))).toBe('b617318655057264e28bc0b6fb378c8ef146be00');
  });
  test('SHA-256 of "abc"', async () => {
    expect(toHex(await sha256(enc('abc')))).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
  test('base64 both alphabets, padded or not', () => {
    for (let n = 0; n < 40; n++) {
      const b = new Uint8Array(n).map((_, i) => (i * 97 + n * 13) & 0xff);
      expect(toBase64(b)).toBe(Buffer.from(b).toString('base64'));
      expect(toBase64Url(b)).toBe(Buffer.from(b).toString('base64url'));
      expect(Array.from(fromBase64(toBase64(b)))).toEqual(Array.from(b));
      expect(Array.from(fromBase64(toBase64Url(b)))).toEqual(Array.from(b));
    }
    expect(() => fromBase64('a$cd')).toThrow(RangeError);
  });
});

describe('ECDH P-256 + HKDF session key', () => {
  test('agrees with node:crypto ECDH and hkdfSync (salt "htcondor", info "keygen")', async () => {
    const ours = await KeyExchange.generate();
    const pub = fromBase64(ours.publicKeyBase64);
    expect(pub.length).toBe(65);
    expect(pub[0]).toBe(4);
    const theirs = createECDH('prime256v1');
    theirs.generateKeys();
    const theirPub = theirs.getPublicKey(undefined, 'uncompressed');
    const keyOurs = await ours.finish(theirPub.toString('base64'));
    const secret = theirs.computeSecret(Buffer.from(pub));
    const keyTheirs = new Uint8Array(hkdfSync('sha256', secret, 'htcondor', 'keygen', 32));
    expect(toHex(keyOurs)).toBe(toHex(keyTheirs));
    expect(toHex(await deriveSessionKey(new Uint8Array(secret)))).toBe(toHex(keyTheirs));
  });
  test('a malformed server key is an authentication error', async () => {
    const ours = await KeyExchange.generate();
    await expect(ours.finish(toBase64(new Uint8Array(33)))).rejects.toThrow(/ECDH public key is invalid/);
  });
});

describe('AES-256-GCM packet cipher', () => {
  const key = fromHex('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff');
  const baseIv = fromHex('fffffffe0102030405060708090a0b0c');
  const sentPlain = enc('plaintext I sent');
  const recvPlain = enc('plaintext I received');

  test('IV counter adds to the first 4 bytes, big-endian, mod 2^32', () => {
    expect(toHex(packetIv(baseIv, 0))).toBe('fffffffe0102030405060708090a0b0c');
    expect(toHex(packetIv(baseIv, 1))).toBe('ffffffff0102030405060708090a0b0c');
    expect(toHex(packetIv(baseIv, 3))).toBe('000000010102030405060708090a0b0c');
  });

  test('matches node:crypto: IV on packet 0 only, digest AAD on packet 0, header AAD after', async () => {
    const digests = await digestTranscript({ sent: sentPlain, received: recvPlain });
    const c = new AesGcmPacketCipher({ key, digests, sendBaseIv: baseIv });
    const p0 = enc('first packet');
    expect(c.overhead(p0.length)).toBe(32);
    const h0 = makeHeader(true, p0.length + 32);
    const s0 = await c.seal(h0, p0);
    expect(s0.length).toBe(p0.length + 32);
    expect(toHex(s0.subarray(0, 16))).toBe(toHex(baseIv));
    const n0 = createCipheriv('aes-256-gcm', key, baseIv);
    n0.setAAD(Buffer.concat([Buffer.from(await sha256(sentPlain)), Buffer.from(await sha256(recvPlain)), Buffer.from(h0)]));
    const ct0 = Buffer.concat([n0.update(p0), n0.final(), n0.getAuthTag()]);
    expect(toHex(s0.subarray(16))).toBe(ct0.toString('hex'));

    const p1 = enc('second');
    expect(c.overhead(p1.length)).toBe(16);
    const h1 = makeHeader(false, p1.length + 16);
    const s1 = await c.seal(h1, p1);
    const n1 = createCipheriv('aes-256-gcm', key, packetIv(baseIv, 1));
    n1.setAAD(Buffer.from(h1));
    expect(toHex(s1)).toBe(Buffer.concat([n1.update(p1), n1.final(), n1.getAuthTag()]).toString('hex'));
  });

  test('zero digests for a direction with no plaintext', async () => {
    const digests = await digestTranscript({ sent: null, received: recvPlain });
    expect(toHex(digests.sent)).toBe('00'.repeat(32));
    const c = new AesGcmPacketCipher({ key, digests, sendBaseIv: baseIv });
    const p = enc('x');
    const h = makeHeader(true, p.length + 32);
    const s = await c.seal(h, p);
    const d = createDecipheriv('aes-256-gcm', key, baseIv);
    d.setAAD(Buffer.concat([Buffer.alloc(32), Buffer.from(await sha256(recvPlain)), Buffer.from(h)]));
    d.setAuthTag(Buffer.from(s.subarray(s.length - 16)));
    expect(Buffer.concat([d.update(s.subarray(16, s.length - 16)), d.final()]).toString()).toBe('x');
  });

  test('the peer opens what we seal (mirrored digests), and a flipped byte is an integrity error', async () => {
    const mine = new AesGcmPacketCipher({ key, digests: await digestTranscript({ sent: sentPlain, received: recvPlain }) });
    const peer = new AesGcmPacketCipher({ key, digests: await digestTranscript({ sent: recvPlain, received: sentPlain }) });
    for (let i = 0; i < 3; i++) {
      const p = enc(`message ${i}`);
      const h = makeHeader(true, p.length + mine.overhead(p.length));
      const s = await mine.seal(h, p);
      expect(new TextDecoder().decode(await peer.open(h, s))).toBe(`message ${i}`);
    }
    const p = enc('tamper');
    const h = makeHeader(true, p.length + mine.overhead(p.length));
    const s = await mine.seal(h, p);
    s[3] ^= 1;
    await expect(peer.open(h, s)).rejects.toThrow(/integrity check/);
  });

  test('a wrong transcript digest fails the first packet', async () => {
    const mine = new AesGcmPacketCipher({ key, digests: await digestTranscript({ sent: sentPlain, received: recvPlain }) });
    const peer = new AesGcmPacketCipher({ key, digests: await digestTranscript({ sent: recvPlain, received: enc('something else') }) });
    const p = enc('hello');
    const h = makeHeader(true, p.length + 32);
    await expect(peer.open(h, await mine.seal(h, p))).rejects.toThrow(/AES-GCM authentication/);
  });
});

test('packets may be sealed and opened concurrently, in call order (pipelining)', async () => {
  const key = new Uint8Array(32).fill(9);
  const d = await digestTranscript({ sent: new Uint8Array([1]), received: null });
  const a = new AesGcmPacketCipher({ key, digests: d });
  const b = new AesGcmPacketCipher({ key, digests: { sent: d.received, received: d.sent } });
  const msgs = Array.from({ length: 20 }, (_, i) => new TextEncoder().encode(`packet ${i}`));
  const headers = msgs.map((m, i) => makeHeader(true, m.length + 16 + (i === 0 ? 16 : 0)));
  const sealed = await Promise.all(msgs.map((m, i) => a.seal(headers[i]!, m)));
  const opened = await Promise.all(sealed.map((s, i) => b.open(headers[i]!, s)));
  expect(opened.map((o) => new TextDecoder().decode(o))).toEqual(msgs.map((_, i) => `packet ${i}`));
});
