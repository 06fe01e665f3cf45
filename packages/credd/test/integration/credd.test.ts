// Credd against the real pool, checked with condor_store_cred run as the same user. The pool's credd stores
// credentials in SEC_CREDENTIAL_DIRECTORY_KRB / _OAUTH (scripts/pool); no credmon runs, so a stored Kerberos
// credential stays "not yet processed". Every credential a test stores is deleted again.
import { ClassAd } from '@htcondor-ts/classad';
import { CredTypes, DaemonTypes, HTCondorAuthorizationError, HTCondorValueError } from '@htcondor-ts/core';
import { CredCheck, CredResult, CredStatus, Credd, HTCondorCredError } from '@htcondor-ts/credd';
import { oracle } from '../../../../test/support/pool.js';
import { env, identity, locate } from '../../../daemon/test/integration/helpers.js';

const SERVICE = `htcts${process.pid}`;

/** condor_store_cred's verdict, run as `user` against its own schedd (same machine, same credential directory). */
function storeCredQuery(user: 'alice' | 'bob', args: string[]): string {
  // The tool exits non-zero when nothing is stored: keep its words either way.
  return oracle(['bash', '-c', `cd /tmp && runuser -u ${user} -- condor_store_cred ${args.join(' ')} 2>&1; echo "exit $?"`]);
}
const stored = (s: string): boolean => /A credential (is|was) stored|Operation succeeded/.test(s);

describe('Credd on the real pool', () => {
  let alice: Credd;
  let bob: Credd;

  beforeAll(async () => {
    const ad = await locate(DaemonTypes.Credd);
    alice = new Credd(ad, { security: identity('alice') });
    bob = new Credd(ad, { security: identity('bob') });
    // A run that was killed half-way may have left alice's credential behind.
    await alice.deleteUserCred(CredTypes.Kerberos);
  });

  afterAll(async () => {
    await alice.deleteUserCred(CredTypes.Kerberos).catch(() => undefined);
    await alice.deleteUserServiceCred(CredTypes.OAuth, SERVICE, 'h1').catch(() => undefined);
    await alice.deleteUserServiceCred(CredTypes.OAuth, SERVICE).catch(() => undefined);
  });

  test('addUserCred (Kerberos): condor_store_cred query-krb finds it; deleteUserCred removes it', async () => {
    expect(stored(storeCredQuery('alice', ['query-krb']))).toBe(false);
    await alice.addUserCred(CredTypes.Kerberos, new Uint8Array([1, 2, 3, 4, 5, 6, 7, 8]));
    expect(stored(storeCredQuery('alice', ['query-krb']))).toBe(true);
    // Stored but never processed (no credmon): the bindings' answer for that is None.
    expect(await alice.queryUserCred(CredTypes.Kerberos)).toBeUndefined();
    // Explicitly as alice@lab.local, the same credential.
    expect(stored(storeCredQuery('alice', ['query-krb', '-u', `alice@${env.uidDomain}`]))).toBe(true);
    await alice.deleteUserCred(CredTypes.Kerberos);
    expect(storeCredQuery('alice', ['query-krb'])).toMatch(/No credential is stored/);
    expect(await alice.queryUserCred(CredTypes.Kerberos)).toBeUndefined();
  });

  test('addUserServiceCred (OAuth, with a handle): condor_store_cred query-oauth finds it; queryUserServiceCred and checkUserServiceCreds see it; delete removes it', async () => {
    await alice.addUserServiceCred(CredTypes.OAuth, '{"access_token": "not-a-real-token"}', SERVICE, 'h1');
    expect(stored(storeCredQuery('alice', ['query-oauth', '-s', SERVICE, '-H', 'h1']))).toBe(true);
    expect(stored(storeCredQuery('alice', ['query-oauth', '-s', SERVICE, '-H', 'other']))).toBe(false);

    const status = await alice.queryUserServiceCred(CredTypes.OAuth, SERVICE, 'h1');
    expect(status).toBeInstanceOf(CredStatus);
    expect(status!.result === CredResult.Success || status!.result === CredResult.SuccessPending || status!.result > 100).toBe(true);
    expect(await alice.queryUserServiceCred(CredTypes.OAuth, SERVICE, 'other')).toBeUndefined();

    const have = await alice.checkUserServiceCreds(CredTypes.OAuth, [new ClassAd({ Service: SERVICE, Handle: 'h1' })]);
    expect(have).toBeInstanceOf(CredCheck);
    expect(have.services).toBe(`${SERVICE}*h1`);
    const missing = await alice.checkUserServiceCreds(CredTypes.OAuth, [new ClassAd({ Service: `${SERVICE}x` })]);
    expect(missing.services).toBe(`${SERVICE}x`);
    // With no OAuth credmon configured the credd cannot offer a URL for the missing one: it says why instead.
    expect(have.present).toBe(true);
    expect(missing.present).toBe(false);

    await alice.deleteUserServiceCred(CredTypes.OAuth, SERVICE, 'h1');
    expect(stored(storeCredQuery('alice', ['query-oauth', '-s', SERVICE, '-H', 'h1']))).toBe(false);
  });

  test("alice storing bob's credential is refused (HTCondorAuthorizationError) and bob has none", async () => {
    const e = await alice.addUserCred(CredTypes.Kerberos, 'secret', `bob@${env.uidDomain}`).catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorAuthorizationError);
    expect((e as HTCondorAuthorizationError).code).toBe(CredResult.NotAllowed);
    expect(stored(storeCredQuery('bob', ['query-krb']))).toBe(false);
    expect(await bob.queryUserCred(CredTypes.Kerberos)).toBeUndefined();
  });

  test('user passwords: a Linux credd keeps none, as condor_store_cred add-pwd also finds', async () => {
    const tool = storeCredQuery('alice', ['add-pwd', '-p', 'Secret123']);
    expect(tool).toMatch(/Operation failed/);
    const e = await alice.addPassword('Secret123').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorCredError);
    expect((e as HTCondorCredError).code).toBe(CredResult.Failure);
    await expect(alice.queryPassword()).rejects.toBeInstanceOf(HTCondorCredError);
  });

  test('no security context: the credential is not sent over an unencrypted connection', async () => {
    const anon = new Credd(await locate(DaemonTypes.Credd));
    const e = await anon.addUserCred(CredTypes.Kerberos, 'secret').catch((x: unknown) => x);
    expect(e).toBeInstanceOf(HTCondorCredError);
    expect((e as HTCondorCredError).code).toBe(CredResult.NotSecure);
  });

  test('arguments are checked before anything is sent', async () => {
    await expect(alice.addUserCred(CredTypes.OAuth, 'x')).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(alice.addUserCred(CredTypes.Kerberos, '')).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(alice.addUserServiceCred(CredTypes.Kerberos, 'x', 's')).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(alice.addUserCred(CredTypes.Kerberos, 'x', 'nodomain')).rejects.toBeInstanceOf(HTCondorValueError);
    await expect(alice.checkUserServiceCreds(CredTypes.OAuth, [new ClassAd({ Handle: 'h' })])).rejects.toBeInstanceOf(HTCondorValueError);
  });
});
