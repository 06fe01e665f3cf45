// The serverless example (examples/serverless/handler.mjs) run as a Node serverless runtime would: a fresh Node
// process imports the built package (no ts-jest, no source mapping), calls the handler cold then warm, and the
// answer equals condor_status and condor_q; the warm call resumes the session instead of authenticating again.
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { oracle, poolEnv, repoRoot } from '../support/pool.js';

interface Reply { statusCode: number; body: string }
interface Body { machines: { name: string }[]; jobs: { id: string; owner: string }[]; authentications: number; error?: string }

const env = poolEnv();
const handler = join(repoRoot(), 'examples', 'serverless', 'handler.mjs');

function invoke(events: object[], extraEnv: Record<string, string> = {}): Reply[] {
  const script = `import { handler } from ${JSON.stringify(handler)};
const out = [];
for (const e of ${JSON.stringify(events)}) out.push(await handler(e));
console.log(JSON.stringify(out));`;
  const stdout = execFileSync(process.execPath, ['--input-type=module', '-e', script], {
    encoding: 'utf8',
    // Only what a function's configuration would set: no HTCondor config, no token directory.
    env: { PATH: process.env.PATH ?? '', HTCONDOR_COLLECTOR: env.collector, HTCONDOR_TOKEN: readFileSync(env.tokens.alice, 'utf8').trim(), ...extraEnv },
    timeout: 60_000,
    maxBuffer: 1 << 28, // the pool may hold many jobs of alice's (other suites submit)
  });
  return JSON.parse(stdout) as Reply[];
}

describe('serverless example handler', () => {
  test("cold then warm: the pool's machines and alice's jobs, as condor_status and condor_q list them", () => {
    const [cold, warm] = invoke([{ queryStringParameters: { owner: 'alice' } }, { queryStringParameters: { owner: 'alice' } }]);
    expect(cold!.statusCode).toBe(200);
    expect(warm!.statusCode).toBe(200);
    const a = JSON.parse(cold!.body) as Body;
    const b = JSON.parse(warm!.body) as Body;
    const machines = oracle(['condor_status', '-af', 'Name']).trim().split('\n').filter(Boolean).sort();
    expect(a.machines.map((m) => m.name).sort()).toEqual(machines);
    const q = oracle(['condor_q', 'alice', '-af', 'ClusterId', 'ProcId']).trim().split('\n').filter(Boolean).map((l) => l.replace(' ', '.'));
    const ids = new Set(b.jobs.map((j) => j.id));
    for (const id of q) expect(ids.has(id)).toBe(true);
    for (const j of [...a.jobs, ...b.jobs]) expect(j.owner).toBe('alice');
    // Collector and schedd each authenticated once on the cold call; the warm call resumed both sessions.
    expect(a.authentications).toBeGreaterThanOrEqual(1);
    expect(b.authentications).toBe(a.authentications);
  });

  test('a bad token is a 502 naming the authentication failure, and bad input a 400', () => {
    const [r] = invoke([{}], { HTCONDOR_TOKEN: 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJtYWxsb3J5In0.c2lnbmF0dXJl' });
    expect(r!.statusCode).toBe(502);
    expect((JSON.parse(r!.body) as Body).error).toMatch(/HTCondor\w*Error/);
    const [bad] = invoke([{ queryStringParameters: { owner: 'x" || true || "' } }]);
    expect(bad!.statusCode).toBe(400);
  });
});
