// A page that lists an HTCondor pool's machines and a user's jobs from the browser: the library bundled for the
// browser (no Node built-ins), talking to the daemons through ws-proxy, authenticated with the user's IDTOKEN.
// Build: node scripts/build-browser.mjs (esbuild); served with index.html. The end-to-end test drives it in Chromium.
import { AdTypes, Collector, DaemonTypes, NO_PLATFORM, Schedd, SecurityContext, enableDebug, webSocketTransport } from 'htcondor-ts';

export interface ListPoolOptions {
  /** The ws-proxy URL, e.g. ws://127.0.0.1:8080/ */
  proxyUrl: string;
  /** The proxy's own bearer credential, if it wants one. */
  proxyBearer?: string;
  /** The collector's host:port as the proxy's allowlist names it. */
  collector: string;
  /** The user's IDTOKEN (never stored by the page). */
  token: string;
}

export interface PoolListing {
  machines: { name: string; state: string; cpus: number }[];
  jobs: { id: string; owner: string; status: number }[];
  /** Who the token says we are, and how many times the context authenticated (IDTOKENS handshakes). */
  user: string;
  authentications: number;
}

/** The token's subject (alice@lab.local): the JWT payload's `sub`, read without verifying (the daemons verify). */
function tokenSubject(token: string): string {
  const part = token.trim().split('.')[1] ?? '';
  const json = atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='));
  return String((JSON.parse(json) as { sub?: unknown }).sub ?? '');
}

/** Lists the pool's machines (collector) and the token owner's jobs (schedd), both over IDTOKENS + AES-GCM. */
export async function listPool(o: ListPoolOptions): Promise<PoolListing> {
  const transport = webSocketTransport({ url: o.proxyUrl, ...(o.proxyBearer ? { bearer: o.proxyBearer } : {}) });
  // No platform: a browser has no file system and no token directory, so the token is given explicitly.
  const security = new SecurityContext({ methods: ['IDTOKENS'], token: o.token, platform: NO_PLATFORM });
  const collector = new Collector(o.collector, { transport, security });
  const slots = await collector.query(AdTypes.Startd, '', ['Name', 'State', 'Cpus']);
  const scheddAd = await collector.locate(DaemonTypes.Schedd);
  const schedd = new Schedd(scheddAd, { transport, security });
  const user = tokenSubject(o.token);
  const owner = user.split('@')[0]!.replace(/[^A-Za-z0-9_.-]/g, '');
  const jobs = await schedd.query(`Owner == "${owner}"`, ['ClusterId', 'ProcId', 'Owner', 'JobStatus']);
  return {
    machines: slots.map((s) => ({ name: String(s.get('Name')), state: String(s.get('State')), cpus: Number(s.get('Cpus')) })),
    jobs: jobs.map((j) => ({ id: `${String(j.get('ClusterId'))}.${String(j.get('ProcId'))}`, owner: String(j.get('Owner')), status: Number(j.get('JobStatus')) })),
    user,
    authentications: security.fullAuthentications,
  };
}

function render(l: PoolListing): string {
  const esc = (s: string): string => s.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);
  return `<h2>Machines (${l.machines.length})</h2><ul id="machines">${l.machines.map((m) => `<li>${esc(m.name)} ${esc(m.state)} ${m.cpus}</li>`).join('')}</ul>` +
    `<h2>Jobs (${l.jobs.length})</h2><ul id="jobs">${l.jobs.map((j) => `<li>${esc(j.id)} ${esc(j.owner)}</li>`).join('')}</ul>`;
}

// The page's form; the test calls window.htcondorDemo.listPool directly as well.
(globalThis as { htcondorDemo?: unknown }).htcondorDemo = { listPool, render, enableDebug };
const form = typeof document !== 'undefined' ? document.querySelector('form') : null;
form?.addEventListener('submit', (ev) => {
  ev.preventDefault();
  const f = new FormData(form);
  const out = document.getElementById('out')!;
  out.textContent = 'querying...';
  listPool({ proxyUrl: String(f.get('proxy')), collector: String(f.get('collector')), token: String(f.get('token')), proxyBearer: String(f.get('bearer') ?? '') })
    .then((l) => (out.innerHTML = render(l)))
    .catch((e: unknown) => (out.textContent = `failed: ${(e as Error).message}`));
});
