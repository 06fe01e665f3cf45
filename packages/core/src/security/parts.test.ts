// Unit tests of the security layer's small parts: policy ads, JWT parsing, token choice and IDTOKENS key math,
// method names, settings, the session cache, token discovery on disk.
import { createHmac, hkdfSync } from 'node:crypto';
import { chmodSync, mkdtempSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { HTCondorNotSupportedError, HTCondorValueError } from '../errors.js';
import { toHex } from '../wire/utf8.js';
import { parseToken } from './jwt.js';
import { chooseToken, computeHk, computeHkt, tokenKeys } from './methods/token.js';
import { parseMethodList, wireMethodName } from './methods/names.js';
import { resolveSettings } from './options.js';
import { PolicyAd, parseAssignment, parseValue, unparseValue } from './policy-ad.js';
import { SEED_KA, SEED_KB } from './seeds.js';
import { SessionCache, type CachedSession } from './session-cache.js';
import { readTokenDirectory, tokenDirectoryFor, writeToken } from './node.js';
import { Token, TokenRequest } from './tokens.js';

const b64url = (x: string | Buffer): string => Buffer.from(x).toString('base64url');
function jwt(claims: Record<string, unknown>, kid: string | null = 'POOL', key = 'k'): string {
  const h = b64url(JSON.stringify(kid === null ? { alg: 'HS256' } : { alg: 'HS256', kid }));
  const p = b64url(JSON.stringify(claims));
  return `${h}.${p}.${createHmac('sha256', key).update(`${h}.${p}`).digest('base64url')}`;
}

describe('policy ads', () => {
  test('literals round-trip through the old-syntax form', () => {
    for (const v of ['AES', '$CondorVersion: 23.9.6 2024-10-03 $', 'a "quoted" word', '', 60011, -1, true, false, 1.5]) {
      expect(parseValue(unparseValue(v))).toEqual(v);
    }
    expect(unparseValue(2.0)).toBe('2');
    expect(parseValue('TARGET.x + 1')).toEqual({ expr: 'TARGET.x + 1' });
    expect(parseValue('"a" + "b"')).toEqual({ expr: '"a" + "b"' });
    expect(parseAssignment('ReturnCode = "AUTHORIZED"')).toEqual(['ReturnCode', 'AUTHORIZED']);
    expect(parseAssignment('x==1')).toEqual(['x', { expr: '=1' }]);
  });
  test('names are case-insensitive; projection and copy keep the original spelling', () => {
    const ad = new PolicyAd([['AuthMethods', 'FS'], ['SessionLease', 3600], ['NegotiatedSession', true]]);
    expect(ad.getString('authmethods')).toBe('FS');
    expect(ad.getNumber('SESSIONLEASE')).toBe(3600);
    expect(ad.getBool('negotiatedsession')).toBe(true);
    expect([...ad.project(['sessionlease', 'missing']).entries()]).toEqual([['SessionLease', 3600]]);
    const b = new PolicyAd();
    b.copyFrom(ad, 'AuthMethods', 'X');
    expect(b.toObject()).toEqual({ X: 'FS' });
  });
});

describe('IDTOKENS', () => {
  const good = jwt({ iss: 'lab.local', sub: 'alice@lab.local', iat: 1, jti: 'j' });

  test('a JWT splits into the signed part sent on the wire and the signature secret', () => {
    const t = parseToken(good);
    const parts = good.split('.');
    expect(t.signedPart).toBe(`${parts[0]}.${parts[1]}`);
    expect(Buffer.from(t.signature).toString('base64url')).toBe(parts[2]);
    expect(t.claims).toEqual({ kid: 'POOL', iss: 'lab.local', sub: 'alice@lab.local', iat: 1, jti: 'j' });
    expect(() => parseToken('abc')).toThrow(HTCondorValueError);
    expect(() => parseToken('a.b.c')).toThrow(/not an IDTOKEN/);
  });

  test('token choice follows the server trust domain and issuer keys, skips dead tokens, explains refusals', () => {
    const foreign = { token: jwt({ iss: 'elsewhere', sub: 'x@elsewhere' }), origin: 'f1' };
    const nokid = { token: jwt({ iss: 'lab.local', sub: 'a@lab.local' }, null), origin: 'f2' };
    const expired = { token: jwt({ iss: 'lab.local', sub: 'a@lab.local', exp: 100 }), origin: 'f3' };
    const ok = { token: good, origin: 'f4' };
    const r = chooseToken([foreign, nokid, expired, ok], 'lab.local', ['POOL'], 1000);
    expect('chosen' in r && r.chosen.origin).toBe('f4');
    const r2 = chooseToken([foreign, nokid, expired], 'lab.local', ['POOL'], 1000);
    expect('reason' in r2 && r2.reason).toMatch(/f1.*issuer is not the server's trust domain lab\.local.*f2.*no key id.*f3.*expired at 1970/);
    expect('reason' in r2 && r2.reason).not.toContain(good.split('.')[2]);
    // Without TrustDomain/IssuerKeys from the server, any token with kid and sub qualifies.
    expect('chosen' in chooseToken([foreign], undefined, [], 0)).toBe(true);
    expect('reason' in chooseToken([], 'lab.local', [])).toBe(true);
  });

  test('ka/kb, hkt and hk as Condor_Auth_Passwd computes them', async () => {
    const t = parseToken(good);
    const { ka, kb } = await tokenKeys(t);
    const sig = Buffer.from(t.signature);
    const expKa = Buffer.from(hkdfSync('sha256', sig, Buffer.concat([Buffer.from(SEED_KA), Buffer.from(t.signedPart)]), 'master ka', 32));
    const expKb = Buffer.from(hkdfSync('sha256', sig, Buffer.concat([Buffer.from(SEED_KB), Buffer.from(t.signedPart)]), 'master kb', 32));
    expect(toHex(ka)).toBe(expKa.toString('hex'));
    expect(toHex(kb)).toBe(expKb.toString('hex'));
    const ra = new Uint8Array(256).fill(1);
    const rb = new Uint8Array(256).fill(2);
    const hkt = createHmac('sha1', expKa).update(Buffer.concat([Buffer.from('alice@lab.local condor@password'), Buffer.from([0]), ra, rb])).digest('hex');
    expect(toHex(await computeHkt(ka, 'alice@lab.local', 'condor@password', ra, rb))).toBe(hkt);
    const hk = createHmac('sha1', expKa).update(Buffer.concat([Buffer.from('alice@lab.local'), Buffer.from([0]), rb])).digest('hex');
    expect(toHex(await computeHk(ka, 'alice@lab.local', rb))).toBe(hk);
  });

  test('the seeds are the 256-byte tables of setup_seed', () => {
    expect(SEED_KA.length).toBe(256);
    expect(SEED_KB.length).toBe(256);
    expect([SEED_KA[0], SEED_KA[255], SEED_KB[0], SEED_KB[255]]).toEqual([62, 177, 1, 140]);
  });

  test('Token hides its value from printing; TokenRequest builds the identity like the C++', () => {
    const t = new Token(good);
    expect(t.identity).toBe('alice@lab.local');
    expect(String(t)).toBe('Token(sub=alice@lab.local, iss=lab.local, kid=POOL)');
    expect(JSON.stringify({ t })).not.toContain(t.value);
    expect(() => new TokenRequest({ identity: 'alice' })).toThrow(HTCondorValueError);
    expect(() => new TokenRequest({ identity: 'alice', uidDomain: 'lab.local' }).requestId).toThrow(/prior to submitting/);
  });
});

describe('settings and methods', () => {
  test('method names: IDTOKENS spellings become TOKEN on the wire; unsupported ones are refused naming what works', () => {
    expect(['IDTOKENS', 'idtoken', 'TOKENS', 'token'].map(wireMethodName)).toEqual(['TOKEN', 'TOKEN', 'TOKEN', 'TOKEN']);
    expect(parseMethodList('FS, IDTOKENS,FS')).toEqual(['FS', 'TOKEN']);
    for (const m of ['KERBEROS', 'MUNGE', 'NTSSPI', 'PASSWORD']) {
      expect(() => parseMethodList([m])).toThrow(HTCondorNotSupportedError);
      expect(() => parseMethodList([m])).toThrow(/supported methods: FS, FS_REMOTE, IDTOKENS, SCITOKENS, SSL, CLAIMTOBE, ANONYMOUS/);
    }
    expect(() => parseMethodList('GSI')).toThrow(/unknown authentication method "GSI"/);
  });
  test('defaults are a stock 23.9.6 client; dependencies are reconciled as SecMan does', () => {
    // Negotiation is raised to REQUIRED by the REQUIRED features (ReconcileSecurityDependency), as in the C++.
    expect(resolveSettings({})).toEqual({
      authentication: 'REQUIRED', encryption: 'REQUIRED', integrity: 'REQUIRED', negotiation: 'REQUIRED',
      methods: ['FS', 'TOKEN', 'SCITOKENS', 'SSL'], sessionDuration: 60, sessionLease: 3600, subsystem: 'TOOL',
    });
    const s = resolveSettings({ authentication: 'optional', encryption: 'optional', integrity: 'required', negotiation: 'optional' });
    expect([s.authentication, s.negotiation]).toEqual(['REQUIRED', 'REQUIRED']);
    expect(() => resolveSettings({ authentication: 'NEVER', encryption: 'REQUIRED' })).toThrow(/policy is invalid/);
    expect(resolveSettings({ authentication: 'NEVER', encryption: 'OPTIONAL', integrity: 'OPTIONAL' }).encryption).toBe('NEVER');
    expect(() => resolveSettings({ authentication: 'sometimes' as never })).toThrow(/must be one of/);
  });
});

describe('session cache', () => {
  const mk = (id: string, over: Partial<CachedSession> = {}): CachedSession => ({
    id, key: new Uint8Array(32).fill(7), policy: new PolicyAd(), user: 'u', method: 'FS', validCommands: [1, 2],
    encryption: true, integrity: true, remoteVersion: undefined, expiresAt: 0, leaseSeconds: 0, lastUsed: 0, ...over,
  });
  test('maps (daemon, command) to sessions; duration and lease expire them; invalidation wipes the key', () => {
    let now = 1000;
    const c = new SessionCache(() => now);
    const s = mk('a', { expiresAt: 61_000, leaseSeconds: 10, lastUsed: 1000 });
    c.insert('<d1>', s);
    expect(c.lookup('<d1>', 1)?.id).toBe('a');
    expect(c.lookup('<d1>', 3)).toBeUndefined();
    expect(c.lookup('<d2>', 1)).toBeUndefined();
    now = 10_500;
    c.touch(s);
    now = 20_000;
    expect(c.lookup('<d1>', 2)?.id).toBe('a'); // lease renewed at 10.5 s
    now = 30_600;
    expect(c.lookup('<d1>', 2)).toBeUndefined(); // idle past the lease
    expect(s.key!.every((b) => b === 0)).toBe(true);
    const t = mk('b', { expiresAt: 2000 });
    c.insert('<d1>', t);
    now = 2000;
    expect(c.lookup('<d1>', 1)).toBeUndefined(); // past its duration
    expect(c.size).toBe(0);
  });
});

describe('token files (Node)', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'htc-tok-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  test('files in name order, the subsystem auto-generated token first; unsafe and excluded files skipped', async () => {
    const w = (name: string, text: string, mode = 0o600): void => {
      writeFileSync(join(dir, name), text);
      chmodSync(join(dir, name), mode);
    };
    w('b', 'tb\n');
    w('a', '# comment\n\nta1\nta2\n');
    w('TOOL_auto_generated_token', 'tauto\n');
    w('c', 'tc\n', 0o644);
    w('d.sh', 'td\n');
    w('.hidden', 'th\n');
    mkdirSync(join(dir, 'sub'));
    const got = await readTokenDirectory(dir);
    expect(got.map((t) => t.token)).toEqual(['tauto', 'ta1', 'ta2', 'tb']);
    expect(got[1]!.origin).toBe(join(dir, 'a'));
    expect(await readTokenDirectory(join(dir, 'missing'))).toEqual([]);
  });

  test('directory choice and writeToken (mode 0600, plain names only)', async () => {
    expect(tokenDirectoryFor({ tokenDirectory: '/x' })).toBe('/x');
    expect(tokenDirectoryFor({ env: { _CONDOR_SEC_TOKEN_DIRECTORY: '/y' } })).toBe('/y');
    const path = await writeToken('abc.def.ghi', 'mine', { tokenDirectory: join(dir, 'tokens.d') });
    expect(readFileSync(path, 'utf8')).toBe('abc.def.ghi\n');
    expect(statSync(path).mode & 0o777).toBe(0o600);
    await expect(writeToken('x', '../evil', { tokenDirectory: dir })).rejects.toThrow(/plain file name/);
  });
});

describe('options from configuration', () => {
  test('the packaged recommended_v9_0 settings give a stock client; unsupported methods are dropped', async () => {
    const { securityOptionsFromConfig } = await import('./from-config.js');
    const cfg: Record<string, string> = {
      SEC_DEFAULT_AUTHENTICATION: 'REQUIRED', SEC_DEFAULT_ENCRYPTION: 'REQUIRED', SEC_DEFAULT_INTEGRITY: 'REQUIRED',
      SEC_DEFAULT_AUTHENTICATION_METHODS: 'FS,IDTOKENS,KERBEROS,SCITOKENS,SSL', SEC_TOOL_DEFAULT_SESSION_DURATION: '120',
      SEC_CLIENT_SESSION_LEASE: '600', SEC_CLAIMTOBE_USER: 'carol',
    };
    const o = securityOptionsFromConfig({ get: ((k: string) => cfg[k]) as never });
    expect(o).toEqual({
      authentication: 'REQUIRED', encryption: 'REQUIRED', integrity: 'REQUIRED', negotiation: 'PREFERRED',
      methods: ['FS', 'TOKEN', 'SCITOKENS', 'SSL'], subsystem: 'TOOL', sessionDuration: 120, sessionLease: 600, claimToBeUser: 'carol',
    });
    expect(() => securityOptionsFromConfig({ get: ((k: string) => (k === 'SEC_DEFAULT_CRYPTO_METHODS' ? 'BLOWFISH' : undefined)) as never })).toThrow(/speaks only AES/);
  });
});

describe('defaultSecurityContext (Node)', () => {
  test('configuration settings, the configured token directory, and overrides on top', async () => {
    const { defaultSecurityContext } = await import('./node.js');
    const cfg: Record<string, string> = { SEC_DEFAULT_AUTHENTICATION: 'REQUIRED', SEC_CLIENT_AUTHENTICATION_METHODS: 'IDTOKENS', SEC_TOKEN_DIRECTORY: '/nonexistent/tokens.d' };
    const sec = defaultSecurityContext({ sessionLease: 5 }, { get: ((k: string) => cfg[k]) as never });
    expect(sec.settings).toMatchObject({ authentication: 'REQUIRED', methods: ['TOKEN'], sessionLease: 5 });
    // No token in that directory: IDTOKENS cannot be offered.
    expect(await sec.availableMethods()).toEqual([]);
  });
});
