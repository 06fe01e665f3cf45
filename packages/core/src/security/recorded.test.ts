// Golden bytes from the real pool (test/fixtures/security/fs-session.txt): the ads the handshake exchanges, read back
// with our codec, so a change in how we write or read them shows against what 23.9.6 really sent.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CedarStream } from '../stream/cedar-stream.js';
import type { Transport } from '../transport/transport.js';
import { getPolicyAd } from './policy-ad.js';

const lines = readFileSync(join(__dirname, '../../test/fixtures/security/fs-session.txt'), 'utf8')
  .split('\n')
  .filter((l) => /^[CS] /.test(l))
  .map((l) => ({ from: l[0] as 'C' | 'S', bytes: new Uint8Array(Buffer.from(l.slice(2), 'hex')) }));

function replay(from: 'C' | 'S'): CedarStream {
  const chunks = lines.filter((l) => l.from === from).map((l) => l.bytes);
  const t: Transport = { peer: 'recording', read: async () => chunks.shift() ?? null, write: async () => undefined, close: () => undefined };
  return new CedarStream(t, { timeoutMs: 1000 });
}

test('the collector answered our auth info with a reconciled policy we read completely', async () => {
  const s = replay('S');
  const policy = await getPolicyAd(s);
  await s.finishMessage();
  expect(policy.toObject()).toMatchObject({
    Authentication: 'YES', Encryption: 'YES', Integrity: 'YES', Enact: 'YES', CryptoMethods: 'AES', TrustDomain: 'lab.local',
  });
  expect(policy.getString('AuthMethodsList')).toMatch(/^FS/);
  expect(policy.getString('RemoteVersion')).toMatch(/^\$CondorVersion: 23\.9\.6 /);
  expect(policy.getString('ECDHPublicKey')).toMatch(/^B[A-Za-z0-9+/]{86}=$/); // base64 of 04||X||Y (65 bytes)
  // Then: the chosen method (FS = 4), the rendezvous path, the FS verdict, the key-exchange int (0: ECDH).
  expect(await s.getInt()).toBe(4);
  await s.finishMessage();
  expect(await s.getString()).toMatch(/^\/tmp\/FS_/);
  await s.finishMessage();
  expect(await s.getInt()).toBe(0);
  await s.finishMessage();
  expect(await s.getInt()).toBe(0);
  await s.finishMessage();
});

test('what we sent: DC_AUTHENTICATE and the auth-info ad of a stock client', async () => {
  const s = replay('C');
  expect(await s.getInt()).toBe(60010);
  const ad = await getPolicyAd(s);
  await s.finishMessage();
  expect(ad.toObject()).toMatchObject({
    AuthMethods: 'FS', CryptoMethods: 'AES', Authentication: 'REQUIRED', Encryption: 'REQUIRED', Integrity: 'REQUIRED',
    OutgoingNegotiation: 'REQUIRED', Enact: 'NO', NewSession: 'YES', NegotiatedSession: true, Command: 60040, AuthCommand: 60011,
    SessionDuration: '60', SessionLease: 3600, Subsystem: 'TOOL',
  });
  expect(ad.getString('RemoteVersion')).toMatch(/^\$CondorVersion: 23\.9\.6 /);
  expect(await s.getInt()).toBe(4); // the method bitmask: FS
  await s.finishMessage();
  expect(await s.getInt()).toBe(0); // mkdir succeeded
  await s.finishMessage();
});
