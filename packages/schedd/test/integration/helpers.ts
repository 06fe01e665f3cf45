// Shared helpers of the schedd integration tests: identities (alice, bob) through IDTOKENS only, job submission
// through condor_submit as alice, and condor_q / condor_history as the oracle.
import { readFileSync } from 'node:fs';
import { ClassAd } from '@htcondor-ts/classad';
import { Collector } from '@htcondor-ts/collector';
import { DaemonTypes } from '@htcondor-ts/core';
import { Schedd } from '@htcondor-ts/schedd';
import { SecurityContext } from '../../../core/src/security/index.js';
import { nodeSecurityPlatform } from '../../../core/src/security/node.js';
import { oracle, poolEnv } from '../../../../test/support/pool.js';
import type { JsonAd } from '../../../../test/support/compare.js';

export const env = poolEnv();

/** IDTOKENS only, no FS (the tests run as root; FS would make every call root's). */
export function identity(user: 'alice' | 'bob'): SecurityContext {
  return new SecurityContext({
    token: readFileSync(env.tokens[user], 'utf8').trim(),
    methods: 'IDTOKENS',
    platform: nodeSecurityPlatform({ fs: false, tokenDirectory: '/nonexistent/tokens.d' }),
  });
}

let located: Promise<ClassAd> | undefined;
export function scheddAd(): Promise<ClassAd> {
  located ??= new Collector(env.collector).locate(DaemonTypes.Schedd);
  return located;
}

export async function scheddAs(user: 'alice' | 'bob'): Promise<Schedd> {
  return new Schedd(await scheddAd(), { security: identity(user) });
}

/** Submits as alice; returns the cluster id. */
export function submitAsAlice(lines: string[]): number {
  const out = oracle(['bash', '-c', 'cd /tmp && runuser -u alice -- condor_submit -terse'], { input: lines.join('\n') + '\n' });
  const m = /^(\d+)\.\d+ - \d+\.\d+/m.exec(out);
  if (!m) throw new Error(`unexpected condor_submit output: ${out}`);
  return Number(m[1]);
}

export function condorQ(args: string[]): JsonAd[] {
  const out = oracle(['condor_q', '-allusers', '-json', ...args]).trim();
  return out ? (JSON.parse(out) as JsonAd[]) : [];
}

/** One job's attributes from condor_q (undefined when it has left the queue). */
export function jobQ(id: string, attrs: string[]): JsonAd | undefined {
  return condorQ([id, '-attributes', attrs.join(',')])[0];
}

export function condorHistory(args: string[]): JsonAd[] {
  const out = oracle(['condor_history', '-json', ...args]).trim();
  return out ? (JSON.parse(out) as JsonAd[]) : [];
}

/** Polls `probe` until it returns a value other than undefined, or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined, timeoutMs = 60_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

/** Removes what a test submitted (as root), whatever state it is in; never fails the test. */
export function cleanup(clusters: number[]): void {
  for (const c of clusters) {
    try {
      oracle(['condor_rm', String(c)]);
    } catch {
      /* already gone */
    }
    try {
      oracle(['condor_rm', '-forcex', String(c)]);
    } catch {
      /* already gone */
    }
  }
}
