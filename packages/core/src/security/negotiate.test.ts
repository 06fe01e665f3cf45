// The DC_AUTHENTICATE client against scripted fake servers over an in-memory transport: the paths the real pool
// does not take on demand (hostile downgrades, method fallback, SID_NOT_FOUND, DENIED, legacy crypto).
import { createECDH } from 'node:crypto';
import { HTCondorAuthenticationError, HTCondorAuthorizationError } from '../errors.js';
import { CedarStream } from '../stream/cedar-stream.js';
import type { Transport } from '../transport/transport.js';
import { AesGcmPacketCipher, digestTranscript } from './aes-gcm-cipher.js';
import { deriveSessionKey } from './ecdh.js';
import { PolicyAd, getPolicyAd, putPolicyAd } from './policy-ad.js';
import { SecurityContext } from './security-context.js';
import { HTCondorSessionNotFoundError } from './session-info.js';

class End implements Transport {
  readonly peer: string;
  other!: End;
  #queue: Uint8Array[] = [];
  #waiter: ((v: Uint8Array | null) => void) | undefined;
  #closed = false;
  constructor(peer: string) {
    this.peer = peer;
  }
  push(d: Uint8Array | null): void {
    if (this.#waiter) {
      const w = this.#waiter;
      this.#waiter = undefined;
      w(d);
    } else if (d) this.#queue.push(d);
    else this.#closed = true;
  }
  read(): Promise<Uint8Array | null> {
    const next = this.#queue.shift();
    if (next) return Promise.resolve(next);
    if (this.#closed) return Promise.resolve(null);
    return new Promise((r) => (this.#waiter = r));
  }
  async write(d: Uint8Array): Promise<void> {
    if (this.#closed) throw new Error('closed');
    this.other.push(d.slice());
  }
  close(): void {
    if (this.#closed) return;
    this.#closed = true;
    this.push(null);
    this.other.push(null);
  }
}

function streams(): [CedarStream, CedarStream] {
  const a = new End('fake-daemon');
  const b = new End('client');
  a.other = b;
  b.other = a;
  return [new CedarStream(a, { timeoutMs: 2000 }), new CedarStream(b, { timeoutMs: 2000 })];
}

const VERSION = '$CondorVersion: 23.9.6 2024-10-03 $';
const req = (command: number) => ({ command, connectSinful: '<127.0.0.1:9618>', daemonKey: '<127.0.0.1:9618>' });

async function readAuthInfo(server: CedarStream): Promise<PolicyAd> {
  expect(await server.getInt()).toBe(60010);
  const ad = await getPolicyAd(server);
  await server.finishMessage();
  return ad;
}
async function sendAd(server: CedarStream, entries: [string, string | number | boolean][]): Promise<void> {
  putPolicyAd(server, new PolicyAd(entries));
  await server.endOfMessage();
}

/** A server that negotiates a keyed session, authenticating with the first method in `order` that the client can do. */
async function keyedServer(
  server: CedarStream,
  opts: { order: string; claimResult?: number; returnCode?: string; validCommands?: string } = { order: 'ANONYMOUS' },
): Promise<{ payload: string; user: string }> {
  const info = await readAuthInfo(server);
  expect(info.getString('CryptoMethods')).toBe('AES');
  expect(info.getString('RemoteVersion')).toMatch(/^\$CondorVersion: 23\.9\.6 /);
  const ecdh = createECDH('prime256v1');
  ecdh.generateKeys();
  await sendAd(server, [
    ['Authentication', 'YES'], ['Encryption', 'YES'], ['Integrity', 'YES'], ['AuthMethodsList', opts.order],
    ['AuthMethods', opts.order.split(',')[0]!], ['CryptoMethods', 'AES'], ['CryptoMethodsList', 'AES'], ['Enact', 'YES'],
    ['SessionDuration', '60'], ['SessionLease', 3600], ['RemoteVersion', VERSION], ['TrustDomain', 'lab.local'],
    ['ECDHPublicKey', ecdh.getPublicKey('base64', 'uncompressed')],
  ]);
  const bits: Record<string, number> = { CLAIMTOBE: 2, ANONYMOUS: 128 };
  let user = '';
  for (;;) {
    const mask = await server.getInt();
    await server.finishMessage();
    const pick = opts.order.split(',').find((m) => (mask & bits[m]!) !== 0);
    server.putInt(pick ? bits[pick]! : 0);
    await server.endOfMessage();
    if (!pick) throw new Error('no method');
    if (pick === 'CLAIMTOBE') {
      expect(await server.getInt()).toBe(1);
      user = await server.getString();
      await server.finishMessage();
      server.putInt(opts.claimResult ?? 1);
      await server.endOfMessage();
      if ((opts.claimResult ?? 1) === 1) break;
    } else {
      server.putInt(1);
      await server.endOfMessage();
      user = 'anonymous@unmapped';
      break;
    }
  }
  server.putInt(0); // hasKey: 0, the key comes from ECDH
  await server.endOfMessage();
  const key = await deriveSessionKey(new Uint8Array(ecdh.computeSecret(Buffer.from(info.getString('ECDHPublicKey')!, 'base64'))));
  server.enableCrypto(new AesGcmPacketCipher({ key, digests: await digestTranscript(server.plaintextTranscript()) }));
  await sendAd(server, [
    ['Sid', 'fake:1:2:3'], ['User', user], ['ValidCommands', opts.validCommands ?? '60007,60020'], ['ReturnCode', opts.returnCode ?? 'AUTHORIZED'],
  ]);
  if (opts.returnCode && opts.returnCode !== 'AUTHORIZED') return { payload: '', user };
  const payload = await server.getString();
  await server.finishMessage();
  return { payload, user };
}

describe('DC_AUTHENTICATE client against fake servers', () => {
  test('a hostile server that answers "no authentication, no encryption" is refused, nothing is sent in plaintext', async () => {
    const [server, client] = streams();
    const sec = new SecurityContext({ methods: 'ANONYMOUS' });
    const fake = (async () => {
      await readAuthInfo(server);
      await sendAd(server, [['Authentication', 'NO'], ['Encryption', 'NO'], ['Integrity', 'NO'], ['Enact', 'YES'], ['RemoteVersion', VERSION]]);
      return server.getInt().catch(() => 'closed');
    })();
    await expect(sec.startCommand(client, req(60007))).rejects.toThrow(/offered a session without authentication, which our policy requires/);
    expect(await fake).toBe('closed');
    expect(client.closed).toBe(true);
  });

  test('encryption downgrade alone is refused too', async () => {
    const [server, client] = streams();
    const sec = new SecurityContext({ methods: 'ANONYMOUS' });
    void (async () => {
      await readAuthInfo(server);
      await sendAd(server, [['Authentication', 'YES'], ['Encryption', 'NO'], ['Integrity', 'YES'], ['CryptoMethods', 'AES'], ['Enact', 'YES']]);
    })();
    await expect(sec.startCommand(client, req(60007))).rejects.toThrow(/without encryption/);
  });

  test('a server insisting on BLOWFISH is refused with the reason', async () => {
    const [server, client] = streams();
    const sec = new SecurityContext({ methods: 'ANONYMOUS' });
    void (async () => {
      await readAuthInfo(server);
      await sendAd(server, [['Authentication', 'YES'], ['Encryption', 'YES'], ['Integrity', 'YES'], ['CryptoMethods', 'BLOWFISH'], ['Enact', 'YES']]);
    })();
    await expect(sec.startCommand(client, req(60007))).rejects.toThrow(/wants crypto method "BLOWFISH"; htcondor-ts speaks only AES/);
  });

  test('method fallback (CLAIMTOBE refused, then ANONYMOUS), ECDH key, encrypted post-auth ad and payload, then resumption', async () => {
    const [server, client] = streams();
    const sec = new SecurityContext({ methods: 'CLAIMTOBE, ANONYMOUS', claimToBeUser: 'alice' });
    const fake = keyedServer(server, { order: 'CLAIMTOBE,ANONYMOUS', claimResult: 0 });
    const info = await sec.startCommand(client, req(60007));
    expect(info).toMatchObject({ method: 'ANONYMOUS', user: 'anonymous@unmapped', encryption: true, cryptoMethod: 'AES', resumed: false, sessionId: 'fake:1:2:3' });
    client.putString('payload after auth');
    await client.endOfMessage();
    expect((await fake).payload).toBe('payload after auth');
    expect(sec.fullAuthentications).toBe(1);
    expect(sec.sessionCount).toBe(1);

    // Second connection: resume with the cached key; the server checks the projection and answers AUTHORIZED.
    const [server2, client2] = streams();
    const fake2 = (async () => {
      const ad = await readAuthInfo(server2);
      expect(ad.getString('Sid')).toBe('fake:1:2:3');
      expect(ad.getBool('ResumeResponse')).toBe(true);
      expect(ad.getString('Nonce')).toMatch(/^[A-Za-z0-9+/]{44}$/);
      expect(ad.has('ECDHPublicKey')).toBe(false);
      await sendAd(server2, [['ReturnCode', 'SID_NOT_FOUND']]);
    })();
    await expect(sec.startCommand(client2, req(60020))).rejects.toThrow(HTCondorSessionNotFoundError);
    await fake2;
    expect(sec.sessionCount).toBe(0);
  });

  test('CLAIMTOBE accepted', async () => {
    const [server, client] = streams();
    const sec = new SecurityContext({ methods: 'CLAIMTOBE', claimToBeUser: 'bob' });
    const fake = keyedServer(server, { order: 'CLAIMTOBE' });
    expect(await sec.startCommand(client, req(60007))).toMatchObject({ method: 'CLAIMTOBE', user: 'bob', encryption: true });
    client.putString('x');
    await client.endOfMessage();
    expect((await fake).user).toBe('bob');
  });

  test('DENIED after authentication is an authorization error naming user and method', async () => {
    const [server, client] = streams();
    const sec = new SecurityContext({ methods: 'ANONYMOUS' });
    void keyedServer(server, { order: 'ANONYMOUS', returnCode: 'DENIED' });
    const err = await sec.startCommand(client, req(60021)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorAuthorizationError);
    expect((err as Error).message).toMatch(/DENIED to command 60021 for user anonymous@unmapped \(authenticated with ANONYMOUS\)/);
  });

  test('no method in common: the error lists both sides', async () => {
    const [server, client] = streams();
    const sec = new SecurityContext({ methods: 'ANONYMOUS' });
    void (async () => {
      await readAuthInfo(server);
      await sendAd(server, [['Authentication', 'YES'], ['Encryption', 'YES'], ['Integrity', 'YES'], ['CryptoMethods', 'AES'], ['AuthMethodsList', 'FS,TOKEN'], ['Enact', 'YES']]);
      await server.getInt();
      await server.finishMessage();
      server.putInt(0);
      await server.endOfMessage();
    })();
    const err = await sec.startCommand(client, req(60007)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorAuthenticationError);
    expect((err as Error).message).toMatch(/no method in common \(we can do: ANONYMOUS; the server accepts: FS, IDTOKENS\)/);
  });

  test('negotiation NEVER sends the command raw', async () => {
    const [server, client] = streams();
    const sec = new SecurityContext({ negotiation: 'NEVER', authentication: 'NEVER', encryption: 'NEVER', integrity: 'NEVER' });
    const info = await sec.startCommand(client, req(5));
    expect(info.negotiated).toBe(false);
    client.putString('q');
    await client.endOfMessage();
    expect(await server.getInt()).toBe(5);
    expect(await server.getString()).toBe('q');
  });
});

describe('SecMan-like helpers', () => {
  test('getCommandString, setPoolPassword, tags keep sessions apart', async () => {
    expect(SecurityContext.getCommandString(519)).toBe('QUERY_JOB_ADS_WITH_AUTH');
    expect(SecurityContext.getCommandString(60040)).toBe('DC_SEC_QUERY');
    expect(SecurityContext.getCommandString(-5)).toBeUndefined();
    const sec = new SecurityContext({ methods: 'ANONYMOUS' });
    expect(() => sec.setPoolPassword('x')).toThrow(/PASSWORD authentication method is not supported; use IDTOKENS/);
    const [server, client] = streams();
    const fake = keyedServer(server, { order: 'ANONYMOUS' });
    await sec.startCommand(client, req(60007));
    client.putString('p');
    await client.endOfMessage();
    await fake;
    expect(sec.sessionCount).toBe(1);
    sec.setTag('other');
    const [server2, client2] = streams();
    const fake2 = keyedServer(server2, { order: 'ANONYMOUS' });
    expect((await sec.startCommand(client2, req(60007))).resumed).toBe(false); // no session under this tag
    client2.putString('p');
    await client2.endOfMessage();
    await fake2;
    expect(sec.fullAuthentications).toBe(2);
    expect(sec.sessionCount).toBe(2);
    sec.invalidateAllSessions();
    expect(sec.sessionCount).toBe(0);
  });
});

describe('secrets stay out of logs', () => {
  test('a full IDTOKENS attempt at trace level logs neither the token nor its signature', async () => {
    const { enableLogging, disableLogging } = await import('../logging/logger.js');
    const lines: string[] = [];
    enableLogging({ categories: 'D_SECURITY:2 D_ALL:2', destination: { write: (l: string) => void lines.push(l) } });
    const h = Buffer.from(JSON.stringify({ alg: 'HS256', kid: 'POOL' })).toString('base64url');
    const p = Buffer.from(JSON.stringify({ iss: 'lab.local', sub: 'alice@lab.local', iat: 1 })).toString('base64url');
    const sig = 'c2VjcmV0LXNpZ25hdHVyZS1ieXRlcy0xMjM0NTY3ODkw';
    const token = `${h}.${p}.${sig}`;
    try {
      const [server, client] = streams();
      const sec = new SecurityContext({ methods: 'IDTOKENS', token });
      const fake = (async () => {
        await readAuthInfo(server);
        await sendAd(server, [['Authentication', 'YES'], ['Encryption', 'YES'], ['Integrity', 'YES'], ['CryptoMethods', 'AES'], ['AuthMethodsList', 'TOKEN'], ['Enact', 'YES'], ['TrustDomain', 'lab.local'], ['IssuerKeys', 'POOL']]);
        await server.getInt();
        await server.finishMessage();
        server.putInt(2048);
        await server.endOfMessage();
        // Message 1 carries the token's signed part; the server answers with an error status, as for a bad token.
        expect(await server.getInt()).toBe(0);
        await server.getInt();
        expect(await server.getString()).toBe('alice@lab.local');
        expect(await server.getString()).toBe(`${h}.${p}`);
        expect(await server.getInt()).toBe(256);
        await server.getBytes(256);
        await server.finishMessage();
        server.putInt(-1).putInt(0).putString('').putInt(0).putString('').putInt(0).putInt(0).putInt(0);
        await server.endOfMessage();
        // Message 3, the client's error form: status -1 and empty fields.
        expect(await server.getInt()).toBe(-1);
        await server.getInt();
        await server.getString();
        await server.getInt();
        await server.getInt();
        await server.finishMessage();
        await server.getInt(); // the next method-selection round
        await server.finishMessage();
        server.putInt(0);
        await server.endOfMessage();
      })().catch((e: unknown) => e);
      const err = await sec.startCommand(client, req(60007)).catch((e: unknown) => e);
      expect(await fake).toBeUndefined();
      expect(String(err)).toMatch(/IDTOKENS: the server rejected the token/);
      expect(String(err)).not.toContain(sig);
      expect(String(err)).not.toContain(p);
    } finally {
      disableLogging();
    }
    const all = lines.join('');
    expect(all).toMatch(/authentication method failed/);
    expect(all).not.toContain(sig);
    expect(all).not.toContain(p);
  });
});

describe('a hostile daemon over a real TCP socket', () => {
  test('offering plaintext: the client refuses before sending any payload, and closes', async () => {
    const { createServer } = await import('node:net');
    const { DaemonClient } = await import('../command/daemon-client.js');
    const { nodeTcp } = await import('../transport/node-tcp.js');
    const received: Buffer[] = [];
    let closed!: () => void;
    const peerClosed = new Promise<void>((r) => (closed = r));
    const server = createServer((sock) => {
      const end = new End('socket');
      const out = new End('server');
      end.other = out;
      out.other = end;
      // Bridge the socket to an in-memory end the fake server's CedarStream reads.
      sock.on('data', (d: Buffer) => {
        received.push(d);
        end.other.push(new Uint8Array(d));
      });
      sock.on('close', () => closed());
      const stream = new CedarStream({ peer: 'client', read: () => out.read(), write: async (d) => void sock.write(d), close: () => sock.destroy() }, { timeoutMs: 2000 });
      void (async () => {
        await readAuthInfo(stream);
        await sendAd(stream, [['Authentication', 'NO'], ['Encryption', 'NO'], ['Integrity', 'NO'], ['Enact', 'YES'], ['RemoteVersion', VERSION]]);
      })().catch(() => undefined);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const port = (server.address() as { port: number }).port;
    try {
      const sec = new SecurityContext({ methods: 'ANONYMOUS' });
      const client = new DaemonClient(`<127.0.0.1:${port}>`, { security: sec, transport: nodeTcp, timeoutMs: 3000 });
      await expect(client.startCommand(60021)).rejects.toThrow(/offered a session without authentication, which our policy requires; refusing/);
      await peerClosed;
      // Only the DC_AUTHENTICATE message went out: one packet, int 60010 first.
      const sent = Buffer.concat(received);
      expect(sent[0]).toBe(1);
      expect(sent.readUInt32BE(1)).toBe(sent.length - 5);
      expect(sent.readBigInt64BE(5)).toBe(60010n);
    } finally {
      server.close();
    }
  });
});
