#!/usr/bin/env node
// htcondor-ws-proxy: the proxy as one command.
//   htcondor-ws-proxy --allow cm.example.org:9618 [--allow host:port ...] [--listen 127.0.0.1:8080] [--path /]
//                     [--bearer-file FILE] [--origin https://app.example.org] [--tls-cert F --tls-key F]
//                     [--max-connections N] [--max-per-client N] [--idle-timeout-ms N] [--max-lifetime-ms N]
// HTCONDOR_WS_PROXY_ALLOW (comma-separated) and HTCONDOR_WS_PROXY_BEARER may stand for --allow and --bearer-file.
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { createWsProxy } from './proxy.js';
import type { WsProxyLimits } from './options.js';

const { values } = parseArgs({
  options: {
    allow: { type: 'string', multiple: true },
    listen: { type: 'string', default: '127.0.0.1:8080' },
    path: { type: 'string', default: '/' },
    'bearer-file': { type: 'string' },
    origin: { type: 'string', multiple: true },
    'tls-cert': { type: 'string' },
    'tls-key': { type: 'string' },
    'max-connections': { type: 'string' },
    'max-per-client': { type: 'string' },
    'idle-timeout-ms': { type: 'string' },
    'max-lifetime-ms': { type: 'string' },
    help: { type: 'boolean', short: 'h' },
  },
});
if (values.help) {
  console.log(readFileSync(new URL(import.meta.url), 'utf8').split('\n').filter((l) => l.startsWith('//')).map((l) => l.slice(3)).join('\n'));
  process.exit(0);
}
const allow = [...(values.allow ?? []), ...(process.env.HTCONDOR_WS_PROXY_ALLOW ?? '').split(',').filter(Boolean)];
if (allow.length === 0) console.error('htcondor-ws-proxy: no --allow given: every target will be refused');
const bearer = values['bearer-file'] ? readFileSync(values['bearer-file'], 'utf8').trim() : process.env.HTCONDOR_WS_PROXY_BEARER;
const m = /^(.*):(\d+)$/.exec(values.listen);
if (!m) throw new Error(`--listen must be host:port, not ${values.listen}`);
const num = (v: string | undefined): number | undefined => (v === undefined ? undefined : Number(v));
const limits: Partial<WsProxyLimits> = {};
for (const [k, v] of [
  ['maxConnections', num(values['max-connections'])],
  ['maxConnectionsPerClient', num(values['max-per-client'])],
  ['idleTimeoutMs', num(values['idle-timeout-ms'])],
  ['maxLifetimeMs', num(values['max-lifetime-ms'])],
] as const) if (v !== undefined) limits[k] = v;

const proxy = createWsProxy({
  allow,
  ...(bearer ? { bearerTokens: [bearer] } : {}),
  ...(values.origin ? { allowedOrigins: values.origin } : {}),
  path: values.path,
  limits,
  ...(values['tls-cert'] && values['tls-key'] ? { tls: { cert: readFileSync(values['tls-cert']), key: readFileSync(values['tls-key']) } } : {}),
});
await proxy.listen(Number(m[2]), m[1]!.replace(/^\[|\]$/g, ''));
const stop = (): void => void proxy.close().then(() => process.exit(0));
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
