// Shared by the daemon-client integration tests (daemon, negotiator, startd, credd): identities through IDTOKENS
// only (the tests run as root, so FS would make every call root's), located ads, polling.
import { readFileSync } from 'node:fs';
import { ClassAd } from '@htcondor-ts/classad';
import { Collector } from '@htcondor-ts/collector';
import { DaemonTypes } from '@htcondor-ts/core';
import { SecurityContext } from '../../../core/src/security/index.js';
import { nodeSecurityPlatform } from '../../../core/src/security/node.js';
import { poolEnv } from '../../../../test/support/pool.js';

export const env = poolEnv();

export type Who = 'alice' | 'bob' | 'admin';

const contexts = new Map<Who, SecurityContext>();
/** One context per identity (sessions are reused across a test file, as a real client would). */
export function identity(who: Who): SecurityContext {
  let c = contexts.get(who);
  if (!c) {
    c = new SecurityContext({
      token: readFileSync(env.tokens[who], 'utf8').trim(),
      methods: 'IDTOKENS',
      platform: nodeSecurityPlatform({ fs: false, tokenDirectory: '/nonexistent/tokens.d' }),
    });
    contexts.set(who, c);
  }
  return c;
}

export const collector = new Collector(env.collector);

export function locate(t: DaemonTypes): Promise<ClassAd> {
  return collector.locate(t);
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs` saying what it waited for. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}
