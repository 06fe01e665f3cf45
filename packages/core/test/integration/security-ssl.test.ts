// SSL and SCITOKENS against a real 23.9.6 collector configured for them: the test starts its own throwaway collector
// (fixtures/security/ssl-collector.sh: a test CA, a server certificate, SSL,SCITOKENS only) next to the pool, on
// another port, and stops it afterwards. Never skipped: without the pool's HTCondor installation it fails.
import { spawn, type ChildProcess } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, DaemonClient, HTCondorAuthenticationError } from '@htcondor-ts/core';
import { SecurityContext, TokenRequest, type SecurityContextOptions } from '../../src/security/index.js';
import { nodeSecurityPlatform } from '../../src/security/node.js';
import { oracle, poolEnv } from '../../../../test/support/pool.js';

const env = poolEnv();
// /tmp is shared with the pool's chroot, so the collector and the test see the same files.
const dir = mkdtempSync('/tmp/htc-sec-ssl-');
const port = 21000 + Math.floor(Math.random() * 8000);
const address = `<127.0.0.1:${port}?alias=vm>`;
let collector: ChildProcess | undefined;

beforeAll(async () => {
  copyFileSync(join(__dirname, '../fixtures/security/ssl-collector.sh'), join(dir, 'ssl-collector.sh'));
  const argv = [...(env.root === '/' ? [] : ['chroot', env.root]), 'bash', join(dir, 'ssl-collector.sh'), dir, String(port)];
  collector = spawn(argv[0]!, argv.slice(1), { stdio: 'ignore' });
  const log = join(dir, 'log', 'SectestLog');
  const ready = (): boolean => existsSync(log) && readFileSync(log, 'utf8').includes('command socket at');
  for (let i = 0; i < 100 && !ready(); i++) await new Promise((r) => setTimeout(r, 200));
  if (!ready()) throw new Error(`the SSL test collector did not start (see ${dir}/log)`);
}, 30_000);

afterAll(() => {
  collector?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
});

const ca = (): string => readFileSync(join(dir, 'ca.pem'), 'utf8');
const ctx = (o: SecurityContextOptions): SecurityContext =>
  new SecurityContext({ platform: nodeSecurityPlatform({ fs: false, tokenDirectory: '/nonexistent' }), ...o });

describe('SSL', () => {
  test('with the test CA: SSL, AES, the identity the daemon gives a certificate-less client', async () => {
    const sec = ctx({ methods: 'SSL', ssl: { ca: ca() } });
    const r = await sec.ping(new DaemonClient(address, { security: sec }), Commands.DC_NOP_WRITE);
    expect(r).toMatchObject({ method: 'SSL', user: 'unauthenticated@unmapped', encryption: true, cryptoMethod: 'AES', authorized: true });
  });

  test('certificate verification is on by default: an untrusted CA is refused', async () => {
    const sec = ctx({ methods: 'SSL' });
    const err = await sec.ping(new DaemonClient(address, { security: sec })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorAuthenticationError);
    expect((err as Error).message).toMatch(/SSL: the server's certificate was not accepted/);
  });

  test('a certificate for another name is refused', async () => {
    const sec = ctx({ methods: 'SSL', ssl: { ca: ca(), serverName: 'not-this-host.example' } });
    await expect(sec.ping(new DaemonClient(address, { security: sec }))).rejects.toThrow(/SSL: the server's certificate was not accepted: .*(ALTNAME|not in the cert)/i);
  });

  test('SCITOKENS carries the bearer token through the tunnel; the daemon judges it (here: rejected, no iat)', async () => {
    const h = Buffer.from(JSON.stringify({ alg: 'ES256', kid: 'k', typ: 'JWT' })).toString('base64url');
    const p = Buffer.from(JSON.stringify({ iss: 'https://issuer.example', sub: 'alice', aud: 'ANY', exp: 4900000000 })).toString('base64url');
    const sec = ctx({ methods: 'SCITOKENS', scitoken: `${h}.${p}.c2ln`, ssl: { ca: ca() } });
    await expect(sec.ping(new DaemonClient(address, { security: sec }))).rejects.toThrow(/SCITOKENS: the server rejected the SciToken/);
    const log = readFileSync(join(dir, 'log', 'SectestLog'), 'utf8');
    expect(log).toMatch(/'iat' claim is mandatory/);
  });

  test('sessions made with SSL are resumed like any other', async () => {
    const sec = ctx({ methods: 'SSL', ssl: { ca: ca() } });
    const c = new DaemonClient(address, { security: sec });
    for (let i = 0; i < 5; i++) {
      const s = await c.startCommand(Commands.DC_CONFIG_VAL);
      s.putString('UID_DOMAIN');
      await s.endOfMessage();
      expect(await s.getNullableString()).toBe(env.uidDomain);
      s.close();
    }
    expect(sec.fullAuthentications).toBe(1);
  });

  test('CLAIMTOBE against a daemon configured to accept it', async () => {
    const sec = ctx({ methods: 'CLAIMTOBE', claimToBeUser: 'bob' });
    const r = await sec.ping(new DaemonClient(address, { security: sec }), Commands.DC_NOP_WRITE);
    expect(r).toMatchObject({ method: 'CLAIMTOBE', user: `bob@${env.uidDomain}`, encryption: true, authorized: true });
  });

  test('a credential-less client asks for a token over SSL; it is approved; the token names the identity', async () => {
    const sec = ctx({ methods: 'SSL', ssl: { ca: ca() } });
    const req = new TokenRequest({ identity: 'alice', uidDomain: env.uidDomain, boundingSet: ['READ'] });
    await req.submit(new DaemonClient(address, { security: sec }), address);
    expect(req.requestId).toMatch(/^\d{7}$/);
    // Approved by the requested identity itself (the daemon allows that without ADMINISTRATOR; a CLAIMTOBE session
    // is limited to the command's own level, so root by CLAIMTOBE would not count as an administrator here).
    oracle(['env', '_CONDOR_SEC_CLIENT_AUTHENTICATION_METHODS=CLAIMTOBE', '_CONDOR_SEC_CLAIMTOBE_INCLUDE_DOMAIN=true', '_CONDOR_SEC_CLAIMTOBE_USER=alice', 'condor_token_request_approve', '-reqid', req.requestId, '-pool', `127.0.0.1:${port}`, '-type', 'collector'], { input: 'yes\n' });
    const token = await req.result(20, 200);
    expect(token.identity).toBe(`alice@${env.uidDomain}`);
    expect(token.claims.scope).toBe('condor:/READ');
  });

  test('FS_REMOTE through a directory the daemon and we share', async () => {
    const sec = new SecurityContext({ methods: 'FS_REMOTE', platform: nodeSecurityPlatform({ tokenDirectory: '/nonexistent' }) });
    const r = await sec.ping(new DaemonClient(address, { security: sec }), Commands.DC_NOP_WRITE);
    expect(r).toMatchObject({ method: 'FS_REMOTE', user: `root@${env.uidDomain}`, encryption: true, authorized: true });
  });
});
