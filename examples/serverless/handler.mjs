// A serverless function for a Node runtime (the AWS Lambda / Netlify / Vercel handler shape: `export async function
// handler(event)` returning { statusCode, headers, body }): lists an HTCondor pool's machines from the collector and a
// user's jobs from the schedd. Nothing native, no HTCondor install, no config files: the collector and the IDTOKEN
// come from the environment (HTCONDOR_COLLECTOR, HTCONDOR_TOKEN), and plain TCP is the default transport in Node.
//
//   GET ?owner=alice&constraint=State=="Unclaimed"
//
// The security context lives at module scope, so warm invocations resume the cached session instead of
// authenticating again (an IDTOKENS handshake costs a few round trips).
import { AdTypes, Collector, DaemonTypes, NO_PLATFORM, Schedd, SecurityContext } from 'htcondor-ts';

/** @type {{ collector: Collector, security: SecurityContext, schedd?: Promise<Schedd> } | undefined} */
let warm;

function setup() {
  const address = process.env.HTCONDOR_COLLECTOR;
  const token = process.env.HTCONDOR_TOKEN;
  if (!address || !token) throw new Error('set HTCONDOR_COLLECTOR (host:port) and HTCONDOR_TOKEN (an IDTOKEN)');
  // IDTOKENS only, and no platform: a function has no user files to authenticate with (FS) or to read tokens from.
  const security = new SecurityContext({ methods: ['IDTOKENS'], token, platform: NO_PLATFORM });
  return { collector: new Collector(address, { security, timeoutMs: 10_000 }), security };
}

/**
 * @param {{ queryStringParameters?: Record<string, string | undefined> | null }} [event]
 * @returns {Promise<{ statusCode: number, headers: Record<string, string>, body: string }>}
 */
export async function handler(event = {}) {
  const params = event.queryStringParameters ?? {};
  try {
    warm ??= setup();
    const { collector, security } = warm;
    const schedd = await (warm.schedd ??= collector.locate(DaemonTypes.Schedd).then((ad) => new Schedd(ad, { security, timeoutMs: 10_000 })));
    const owner = params.owner;
    if (owner !== undefined && !/^[A-Za-z0-9_.-]+$/.test(owner)) return reply(400, { error: 'owner must be a user name' });
    const [slots, jobs] = await Promise.all([
      collector.query(AdTypes.Startd, params.constraint ?? '', ['Name', 'State', 'Activity', 'Cpus', 'Memory']),
      schedd.query(owner ? `Owner == "${owner}"` : 'true', ['ClusterId', 'ProcId', 'Owner', 'JobStatus']),
    ]);
    return reply(200, {
      machines: slots.map((s) => ({ name: s.get('Name'), state: s.get('State'), activity: s.get('Activity'), cpus: s.get('Cpus'), memory: s.get('Memory') })),
      jobs: jobs.map((j) => ({ id: `${String(j.get('ClusterId'))}.${String(j.get('ProcId'))}`, owner: j.get('Owner'), status: j.get('JobStatus') })),
      authentications: security.fullAuthentications,
    });
  } catch (e) {
    // The library's errors say what failed (HTCondorIOError, HTCondorAuthenticationError, ...); keep the class name.
    const err = /** @type {Error} */ (e);
    return reply(502, { error: `${err.name}: ${err.message}` });
  }
}

/** @param {number} statusCode @param {unknown} body */
function reply(statusCode, body) {
  // ClassAd integers arrive as bigint (64-bit, as in HTCondor); JSON has no bigint, so they go out as numbers.
  const json = JSON.stringify(body, (_k, v) => (typeof v === 'bigint' ? Number(v) : v));
  return { statusCode, headers: { 'content-type': 'application/json' }, body: json };
}
