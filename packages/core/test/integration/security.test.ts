// Security against the real pool (packaged defaults: authentication, encryption, integrity REQUIRED except READ).
// Never skipped: without a pool these fail, saying how to start one (scripts/pool up).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Commands, DaemonClient, HTCondorAuthenticationError } from '@htcondor-ts/core';
import { SecurityContext } from '../../src/security/index.js';
import { nodeSecurityPlatform } from '../../src/security/node.js';
import { oracle, poolEnv } from '../../../../test/support/pool.js';

const env = poolEnv();
const aliceToken = (): string => readFileSync(env.tokens.alice, 'utf8').trim();
const scheddAddress = (): string => readFileSync(join(env.root, 'var/spool/condor/.schedd_address'), 'utf8').split('\n')[0]!.trim();
const noFsPlatform = { ...nodeSecurityPlatform({ fs: false, tokenDirectory: '/nonexistent' }) };

describe('IDTOKENS against the real pool', () => {
  test('ping the collector as alice: IDTOKENS, alice@lab.local, AES', async () => {
    const sec = new SecurityContext({ token: aliceToken(), methods: 'IDTOKENS', platform: noFsPlatform });
    const r = await sec.ping(new DaemonClient(env.collector, { security: sec }));
    expect(r).toMatchObject({ method: 'IDTOKENS', user: `alice@${env.uidDomain}`, encryption: true, cryptoMethod: 'AES', authorized: true, resumed: false });
  });

  test('ping the schedd (behind the shared port) as alice for a WRITE command', async () => {
    const sec = new SecurityContext({ token: aliceToken(), methods: 'IDTOKENS', platform: noFsPlatform });
    const r = await sec.ping(new DaemonClient(scheddAddress(), { security: sec }), Commands.QUERY_JOB_ADS_WITH_AUTH);
    expect(r).toMatchObject({ method: 'IDTOKENS', user: `alice@${env.uidDomain}`, encryption: true, authorized: true });
  });
});
