// Node's synchronous AES-GCM engine must give exactly WebCrypto's bytes, and each must open the other's packets.
import { AesGcmPacketCipher, digestTranscript } from './aes-gcm-cipher.js';
import { makeHeader } from '../wire/frame.js';
import { nodeAesGcm } from './node-aes.js';

const key = new Uint8Array(32).map((_, i) => i * 7 + 1);
const baseIv = new Uint8Array(16).map((_, i) => 200 - i);
const enc = (s: string): Uint8Array => new TextEncoder().encode(s);

async function seal(c: AesGcmPacketCipher, text: string): Promise<{ header: Uint8Array; payload: Uint8Array }> {
  const pt = enc(text);
  const header = makeHeader(true, pt.length + c.overhead(pt.length));
  return { header, payload: await c.seal(header, pt) };
}

test('node engine and WebCrypto seal identical packets and open each other\'s', async () => {
  const digests = await digestTranscript({ sent: enc('hello'), received: enc('world') });
  const web = new AesGcmPacketCipher({ key, digests, sendBaseIv: baseIv, engine: null });
  const node = new AesGcmPacketCipher({ key, digests, sendBaseIv: baseIv, engine: nodeAesGcm });
  for (const text of ['first packet, with the handshake digests in its AAD', 'second', 'x'.repeat(5000)]) {
    const a = await seal(web, text);
    const b = await seal(node, text);
    expect(Buffer.from(b.payload).toString('hex')).toBe(Buffer.from(a.payload).toString('hex'));
  }
  const peerDigests = { sent: digests.received, received: digests.sent };
  const webPeer = new AesGcmPacketCipher({ key, digests: peerDigests, engine: null });
  const nodePeer = new AesGcmPacketCipher({ key, digests: peerDigests, engine: nodeAesGcm });
  const sender = new AesGcmPacketCipher({ key, digests, engine: nodeAesGcm });
  const p1 = await seal(sender, 'one');
  const p2 = await seal(sender, 'two');
  expect(new TextDecoder().decode(await webPeer.open(p1.header, p1.payload))).toBe('one');
  expect(new TextDecoder().decode(await webPeer.open(p2.header, p2.payload))).toBe('two');
  expect(new TextDecoder().decode(await nodePeer.open(p1.header, p1.payload))).toBe('one');
  const flipped = p2.payload.slice();
  flipped[3]! ^= 1;
  await expect(nodePeer.open(p2.header, flipped)).rejects.toThrow(/failed AES-GCM authentication/);
});
