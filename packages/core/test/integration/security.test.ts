// Security against the real pool (packaged defaults: authentication, encryption, integrity REQUIRED except READ).
// Never skipped: without a pool these fail, saying how to start one (scripts/pool up).
import { chmodSync, copyFileSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createHmac } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Commands, DaemonClient, HTCondorAuthenticationError, HTCondorProtocolError, connectToDaemon, nodeTcp, type CedarStream, type TransportFactory } from '@htcondor-ts/core';
import { HTCondorSessionNotFoundError, SecurityContext, TokenRequest, fetchToken, type SecurityContextOptions } from '../../src/security/index.js';
import { nodeSecurityPlatform } from '../../src/security/node.js';
import { PolicyAd, getPolicyAd, putPolicyAd } from '../../src/security/policy-ad.js';
import { oracle, poolEnv } from '../../../../test/support/pool.js';

const env = poolEnv();
const alice = `alice@${env.uidDomain}`;
const aliceToken = (): string => readFileSync(env.tokens.alice, 'utf8').trim();
const scheddAddress = (): string => readFileSync(join(env.root, 'var/spool/condor/.schedd_address'), 'utf8').split('\n')[0]!.trim();
/** Node capabilities without FS and without token directories: only what a test hands in. */
const bare = nodeSecurityPlatform({ fs: false, tokenDirectory: '/nonexistent/tokens.d' });
const asAlice = (o: SecurityContextOptions = {}): SecurityContext => new SecurityContext({ token: aliceToken(), methods: 'IDTOKENS', platform: bare, ...o });

/** DC_CONFIG_VAL: a READ command with an encrypted reply, to prove the session's crypto works end to end. */
async function configVal(client: DaemonClient, name: string): Promise<string | null> {
  const s: CedarStream = await client.startCommand(Commands.DC_CONFIG_VAL);
  try {
    s.putString(name);
    await s.endOfMessage();
    const value = await s.getNullableString();
    for (let i = 0; i < 4; i++) await s.getNullableString();
    await s.finishMessage();
    return value;
  } finally {
    s.close();
  }
}

function b64url(x: string | Buffer): string {
  return Buffer.from(x).toString('base64url');
}
function forgeToken(claims: Record<string, unknown>, kid = 'POOL'): string {
  const h = b64url(JSON.stringify({ alg: 'HS256', kid, typ: 'JWT' }));
  const p = b64url(JSON.stringify(claims));
  return `${h}.${p}.${createHmac('sha256', 'not the pool key').update(`${h}.${p}`).digest('base64url')}`;
}

describe('IDTOKENS against the real pool', () => {
  test('ping the collector as alice: IDTOKENS, alice@lab.local, AES', async () => {
    const sec = asAlice();
    const r = await sec.ping(new DaemonClient(env.collector, { security: sec }));
    expect(r).toMatchObject({ method: 'IDTOKENS', user: alice, encryption: true, integrity: true, cryptoMethod: 'AES', authorized: true, resumed: false });
    // The ad SecMan.ping returns in the Python bindings.
    expect(r.ad).toMatchObject({ AuthMethods: 'TOKEN', MyRemoteUserName: alice, Encryption: 'YES', Integrity: 'YES', CryptoMethods: 'AES', AuthorizationSucceeded: true, TrustDomain: env.uidDomain });
    expect(JSON.stringify(r.ad)).not.toContain(aliceToken().split('.')[2]!);
  });

  test('ping the schedd (behind the shared port) as alice for QUERY_JOB_ADS_WITH_AUTH and a WRITE command', async () => {
    const sec = asAlice();
    const schedd = new DaemonClient(scheddAddress(), { security: sec });
    expect(await sec.ping(schedd, Commands.QUERY_JOB_ADS_WITH_AUTH)).toMatchObject({ method: 'IDTOKENS', user: alice, encryption: true, authorized: true });
    expect(await sec.ping(schedd, Commands.ACT_ON_JOBS)).toMatchObject({ method: 'IDTOKENS', user: alice, encryption: true, authorized: true });
  });

  test('the token is found in a token directory (mode 0600), and the same answer as condor_ping', async () => {
    const sec = new SecurityContext({ methods: 'IDTOKENS', platform: nodeSecurityPlatform({ fs: false, tokenDirectory: env.tokenDirs.alice }) });
    const r = await sec.ping(new DaemonClient(env.collector, { security: sec }), Commands.DC_NOP_WRITE);
    expect(r).toMatchObject({ method: 'IDTOKENS', user: alice, authorized: true, encryption: true });
    // The C++ tool with the same token, same daemon: same identity and method. (/tmp is shared with the pool's chroot.)
    const dir = mkdtempSync('/tmp/htc-sec-');
    try {
      copyFileSync(join(env.tokenDirs.alice, 'token'), join(dir, 'token'));
      chmodSync(join(dir, 'token'), 0o600);
      const table = oracle(['env', `_CONDOR_SEC_TOKEN_DIRECTORY=${dir}`, '_CONDOR_SEC_CLIENT_AUTHENTICATION_METHODS=IDTOKENS', 'condor_ping', '-table', '-pool', env.collector, '-type', 'collector', 'WRITE']);
      expect(table).toMatch(new RegExp(`WRITE\\s+IDTOKENS\\s+AES\\s+AES\\s+ALLOW\\s+${alice.replace('.', '\\.')}`));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  test('a token file readable by others is ignored, so there is no token', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'htc-sec-'));
    try {
      copyFileSync(join(env.tokenDirs.alice, 'token'), join(dir, 'token'));
      chmodSync(join(dir, 'token'), 0o644);
      const sec = new SecurityContext({ methods: 'IDTOKENS', platform: nodeSecurityPlatform({ fs: false, tokenDirectory: dir }) });
      await expect(sec.ping(new DaemonClient(env.collector, { security: sec }))).rejects.toThrow(/IDTOKENS\) can be used here/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('FS against the real pool', () => {
  test('as root with FS: identity root, encrypted', async () => {
    const sec = new SecurityContext({ methods: 'FS', platform: nodeSecurityPlatform({ tokenDirectory: '/nonexistent' }) });
    const r = await sec.ping(new DaemonClient(scheddAddress(), { security: sec }), Commands.QUERY_JOB_ADS_WITH_AUTH);
    expect(r).toMatchObject({ method: 'FS', user: `root@${env.uidDomain}`, encryption: true, cryptoMethod: 'AES', authorized: true });
    expect(await configVal(new DaemonClient(env.collector, { security: sec }), 'UID_DOMAIN')).toBe(env.uidDomain);
  });

  test('FS is not offered without the capability (browser): a clear error, no connection attempt wasted on it', async () => {
    const sec = new SecurityContext({ methods: 'FS' });
    await expect(sec.ping(new DaemonClient(env.collector, { security: sec }))).rejects.toThrow(HTCondorAuthenticationError);
  });
});

describe('bad tokens give typed errors naming the method and the reason', () => {
  test('a token signed with another key (wrong token): the server rejects it', async () => {
    const now = Math.floor(Date.now() / 1000);
    const sec = asAlice({ token: forgeToken({ iss: env.uidDomain, sub: alice, iat: now, jti: 'x' }) });
    const err = await sec.ping(new DaemonClient(env.collector, { security: sec })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorAuthenticationError);
    expect((err as Error).message).toMatch(/IDTOKENS: the token's signature does not match the server's signing key POOL/);
  });

  test('an expired token', async () => {
    const tok = oracle(['condor_token_create', '-identity', alice, '-lifetime', '1']).trim();
    await new Promise((r) => setTimeout(r, 2100));
    const sec = asAlice({ token: tok });
    await expect(sec.ping(new DaemonClient(env.collector, { security: sec }))).rejects.toThrow(/IDTOKENS: no usable token: .*expired at/);
  });

  test('a foreign token (another trust domain)', async () => {
    const sec = asAlice({ token: forgeToken({ iss: 'other.example', sub: 'mallory@other.example', iat: 1 }) });
    const err = await sec.ping(new DaemonClient(env.collector, { security: sec })).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorAuthenticationError);
    expect((err as Error).message).toMatch(/IDTOKENS: no usable token: .*issuer is not the server's trust domain lab\.local/);
  });

  test('a token whose key id the server does not have', async () => {
    const sec = asAlice({ token: forgeToken({ iss: env.uidDomain, sub: alice, iat: 1 }, 'NOSUCHKEY') });
    await expect(sec.ping(new DaemonClient(env.collector, { security: sec }))).rejects.toThrow(/IDTOKENS: no usable token: .*key id not among the server's issuer keys/);
  });
});

describe('sessions', () => {
  test('100 commands in a row to the schedd: one full authentication, every reply decrypted', async () => {
    const sec = asAlice();
    const schedd = new DaemonClient(scheddAddress(), { security: sec });
    for (let i = 0; i < 100; i++) expect(await configVal(schedd, 'UID_DOMAIN')).toBe(env.uidDomain);
    expect(sec.fullAuthentications).toBe(1);
    expect(sec.resumedSessions).toBe(99);
  });

  test('fetchToken (condor_token_fetch): alice gets a READ-only token for herself, and it works', async () => {
    const sec = asAlice();
    const token = await fetchToken(new DaemonClient(env.collector, { security: sec }), { boundingSet: ['READ'], lifetime: 600 }, env.collector);
    expect(token.identity).toBe(alice);
    expect(token.claims.scope).toBe('condor:/READ');
    expect(token.claims.exp! - token.claims.iat!).toBe(600);
    const fresh = asAlice({ token: token.value });
    expect(await fresh.ping(new DaemonClient(env.collector, { security: fresh }), Commands.DC_NOP_READ)).toMatchObject({ user: alice, authorized: true });
  });

  test('20 commands started at once share one authentication', async () => {
    const sec = asAlice();
    const schedd = new DaemonClient(scheddAddress(), { security: sec });
    const values = await Promise.all(Array.from({ length: 20 }, () => configVal(schedd, 'UID_DOMAIN')));
    expect(values).toEqual(Array(20).fill(env.uidDomain));
    expect(sec.fullAuthentications).toBe(1);
  });

  test('two identities side by side keep separate sessions', async () => {
    const a = asAlice();
    const root = new SecurityContext({ methods: 'FS', platform: nodeSecurityPlatform({ tokenDirectory: '/nonexistent' }) });
    for (let i = 0; i < 3; i++) {
      expect((await a.ping(new DaemonClient(env.collector, { security: a }))).user).toBe(alice);
      expect((await root.ping(new DaemonClient(env.collector, { security: root }))).user).toBe(`root@${env.uidDomain}`);
    }
  });

  test('a session the server forgot: SID_NOT_FOUND drops it; DaemonClient retries and authenticates again', async () => {
    const sec = asAlice();
    const c = new DaemonClient(env.collector, { security: sec });
    const other = new SecurityContext({ methods: 'FS', platform: nodeSecurityPlatform({ tokenDirectory: '/nonexistent' }) });
    // DC_INVALIDATE_KEY (ALLOW level; sent by another identity) makes the collector forget a session, as a restart would.
    const forget = async (sid: string): Promise<void> => {
      const inv = await new DaemonClient(env.collector, { security: other }).startCommand(Commands.DC_INVALIDATE_KEY);
      inv.putString(sid);
      await inv.endOfMessage();
      await inv.getInt().catch(() => undefined); // the daemon hangs up once it has handled it
      inv.close();
    };
    const sidOf = async (): Promise<string> => {
      const s = await c.startCommand(Commands.DC_CONFIG_VAL);
      const sid = sec.sessionInfo(s)!.sessionId!;
      s.close();
      return sid;
    };
    await forget(await sidOf());
    expect(sec.fullAuthentications).toBe(1);
    // Through DaemonClient: the resumption fails, the session is dropped, one retry authenticates anew.
    expect(await configVal(c, 'UID_DOMAIN')).toBe(env.uidDomain);
    expect(sec.fullAuthentications).toBe(2);
    // The security layer itself reports it as a retryable error.
    await forget(await sidOf());
    const stream = await connectToDaemon(env.collector, { transport: nodeTcp, timeoutMs: 5000 });
    const err = await sec.startCommand(stream, { command: Commands.DC_CONFIG_VAL, connectSinful: env.collector, daemonKey: env.collector }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorSessionNotFoundError);
    expect((err as HTCondorSessionNotFoundError).retryable).toBe(true);
    expect(sec.sessionCount).toBe(0);
    stream.close();
  });

  test('invalidateAllSessions forces a new authentication', async () => {
    const sec = asAlice();
    const c = new DaemonClient(env.collector, { security: sec });
    await configVal(c, 'UID_DOMAIN');
    await configVal(c, 'UID_DOMAIN');
    expect(sec.fullAuthentications).toBe(1);
    sec.invalidateAllSessions();
    await configVal(c, 'UID_DOMAIN');
    expect(sec.fullAuthentications).toBe(2);
  });

  test('flipping one byte of an encrypted frame from the daemon: an integrity error and a closed connection', async () => {
    let tamper = false;
    const tampering: TransportFactory = {
      async connect(host, port, o) {
        const t = await nodeTcp.connect(host, port, o);
        return {
          peer: t.peer,
          write: (d) => t.write(d),
          close: () => t.close(),
          async read() {
            const chunk = await t.read();
            if (chunk && tamper && chunk.length > 0) {
              tamper = false;
              const copy = chunk.slice();
              copy[copy.length - 1]! ^= 0x01;
              return copy;
            }
            return chunk;
          },
        };
      },
    };
    const sec = asAlice();
    const c = new DaemonClient(env.collector, { security: sec, transport: tampering });
    expect(await configVal(c, 'UID_DOMAIN')).toBe(env.uidDomain);
    const s = await c.startCommand(Commands.DC_CONFIG_VAL);
    expect(sec.sessionInfo(s)).toMatchObject({ resumed: true, encryption: true });
    s.putString('UID_DOMAIN');
    await s.endOfMessage();
    tamper = true;
    const err = await s.getString().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(HTCondorProtocolError);
    expect((err as Error).message).toMatch(/integrity check/);
    expect(s.closed).toBe(true);
  });

  test('TokenRequest from our client, approved in the pool, then the granted token works', async () => {
    const sec = asAlice();
    const collector = new DaemonClient(env.collector, { security: sec });
    const req = new TokenRequest({ identity: 'alice', uidDomain: env.uidDomain, boundingSet: ['READ', 'WRITE'], lifetime: 3600 });
    await req.submit(collector, env.collector);
    expect(req.requestId).toMatch(/^\d{7}$/);
    expect(await req.done()).toBe(false);
    const out = oracle(['condor_token_request_approve', '-reqid', req.requestId, '-type', 'collector'], { input: 'yes\n' });
    expect(out).toMatch(/approved|success/i);
    const token = await req.result(20, 200);
    expect(token.identity).toBe(alice);
    expect(token.claims.scope).toBe('condor:/READ condor:/WRITE');
    expect(String(token)).not.toContain(token.value);
    const fresh = new SecurityContext({ token: token.value, methods: 'IDTOKENS', platform: bare });
    expect(await fresh.ping(new DaemonClient(env.collector, { security: fresh }))).toMatchObject({ user: alice, method: 'IDTOKENS', authorized: true });
  });

  /** ACT_ON_JOBS (hold or release by constraint) over `sec`'s session; returns the number of jobs it changed. */
  async function act(sec: SecurityContext, cluster: number, action: number, reason: [string, string], expectUser: string, expectMethod: string): Promise<number | undefined> {
    const s = await new DaemonClient(scheddAddress(), { security: sec }).startCommand(Commands.ACT_ON_JOBS);
    try {
      expect(sec.sessionInfo(s)).toMatchObject({ user: expectUser, method: expectMethod, encryption: true });
      putPolicyAd(s, new PolicyAd([['JobAction', action], ['ActionResultType', 2], ['ActionConstraint', { expr: `ClusterId == ${cluster}` }], reason]));
      await s.endOfMessage();
      const result = await getPolicyAd(s);
      await s.finishMessage();
      if (result.getNumber('ActionResult') === 1) {
        s.putInt(1);
        await s.endOfMessage();
        expect(await s.getInt()).toBe(1);
        await s.finishMessage();
      }
      return result.getNumber('result_total_1');
    } finally {
      s.close();
    }
  }
  const jobState = (cluster: number): string => oracle(['condor_q', '-allusers', '-constraint', `ClusterId == ${cluster}`, '-af', 'JobStatus', 'HoldReason']).trim();

  test('authenticated, encrypted WRITE commands: alice (IDTOKENS) and root (FS) hold and release her job', async () => {
    const submitted = oracle(['condor_submit', '-terse', '-'], { user: 'alice', input: 'executable = /bin/sleep\narguments = 600\ninitialdir = /tmp\nhold = true\nqueue\n' });
    const cluster = Number(submitted.trim().split('.')[0]);
    const sec = asAlice();
    const root = new SecurityContext({ methods: 'FS', platform: nodeSecurityPlatform({ tokenDirectory: '/nonexistent' }) });
    try {
      expect(await act(sec, cluster, 2, ['ReleaseReason', 'htcondor-ts test'], alice, 'IDTOKENS')).toBe(1);
      expect(jobState(cluster)).not.toMatch(/^5 /);
      expect(await act(sec, cluster, 1, ['HoldReason', 'htcondor-ts test'], alice, 'IDTOKENS')).toBe(1);
      expect(jobState(cluster)).toBe('5 htcondor-ts test (by user alice)');
      // root is a queue super user: it may act on alice's job.
      expect(await act(root, cluster, 2, ['ReleaseReason', 'by root'], `root@${env.uidDomain}`, 'FS')).toBe(1);
      expect(await act(root, cluster, 1, ['HoldReason', 'by root'], `root@${env.uidDomain}`, 'FS')).toBe(1);
      expect(jobState(cluster)).toBe('5 by root (by user root)');
      expect(sec.fullAuthentications).toBe(1);
      expect(root.fullAuthentications).toBe(1);
    } finally {
      oracle(['condor_rm', String(cluster)]);
    }
  });
});
