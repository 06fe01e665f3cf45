// Sinful strings, HTCondor's daemon addresses: <ip:port?key=value&...>, IPv6 as <[addr]:port...>.
// Parameters: addrs=ip-port+[v6-with-dashes]-port, alias=host, sock=<shared-port id>, noUDP, PrivNet, CCBID, ...
// Refs: split_sin / urlDecode in src/condor_utils/condor_sinful.cpp, from_ccb_safe_string in condor_sockaddr.cpp.
import { HTCondorValueError } from '../errors.js';

export interface Endpoint {
  host: string;
  port: number;
  /** 4 or 6. */
  family: 4 | 6;
}

export interface Sinful {
  /** The primary host (IPv6 without brackets). */
  host: string;
  port: number;
  /** Every parameter, url-decoded, in order (flags such as noUDP have the value ''). */
  params: Map<string, string>;
  /** The shared-port id (sock=), if the daemon sits behind a shared port. */
  sharedPortId: string | undefined;
  /** Every address the daemon listens on (addrs=), or the primary one. */
  endpoints: Endpoint[];
  alias: string | undefined;
  ccbId: string | undefined;
  /** The string as given. */
  text: string;
}

function familyOf(host: string): 4 | 6 {
  return host.includes(':') ? 6 : 4;
}

function urlDecode(s: string): string {
  if (!s.includes('%')) return s;
  return s.replace(/%([0-9a-fA-F]{2})/g, (_m, h: string) => String.fromCharCode(parseInt(h, 16)));
}

function urlEncode(s: string): string {
  // condor_sinful.cpp needsUrlEncodeEscape: alnum and . _ - : # [ ] + pass unescaped.
  return s.replace(/[^A-Za-z0-9._\-:#[\]+]/g, (c) => '%' + c.charCodeAt(0).toString(16).padStart(2, '0'));
}

/** "127.0.0.1-9618" or "[fd00--2]-9618" or "fd00--2-9618" (the CCB-safe form) -> Endpoint. */
export function parseSafeAddress(s: string): Endpoint | undefined {
  let text = s;
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close < 0) return undefined;
    const host = text.slice(1, close).replace(/-/g, ':');
    const rest = text.slice(close + 1);
    if (!rest.startsWith('-')) return undefined;
    const port = Number(rest.slice(1));
    if (!Number.isInteger(port) || port <= 0 || port > 65535) return undefined;
    return { host, port, family: familyOf(host) };
  }
  const dash = text.lastIndexOf('-');
  if (dash <= 0) return undefined;
  const port = Number(text.slice(dash + 1));
  if (!/^\d+$/.test(text.slice(dash + 1)) || port <= 0 || port > 65535) return undefined;
  text = text.slice(0, dash).replace(/-/g, ':');
  return { host: text, port, family: familyOf(text) };
}

/** Parses a sinful string; throws HTCondorValueError saying what is wrong. */
export function parseSinful(text: string): Sinful {
  const bad = (why: string): never => {
    throw new HTCondorValueError(`invalid daemon address ${JSON.stringify(text)}: ${why}; expected a sinful string like <127.0.0.1:9618?sock=collector>`);
  };
  let s = text.trim();
  if (!s.startsWith('<')) {
    // A bare host:port is accepted, as the C++ does for COLLECTOR_HOST.
    s = `<${s}>`;
  }
  if (!s.endsWith('>')) bad('missing the closing ">"');
  let rest = s.slice(1, -1);
  let host: string;
  if (rest.startsWith('[')) {
    const close = rest.indexOf(']');
    if (close < 0) bad('unmatched "[" in an IPv6 address');
    host = rest.slice(1, close);
    rest = rest.slice(close + 1);
  } else {
    const m = /^[^:?>]*/.exec(rest)!;
    host = m[0];
    rest = rest.slice(host.length);
  }
  if (!host) bad('no host');
  let port = 9618;
  if (rest.startsWith(':')) {
    const m = /^:(\d*)/.exec(rest)!;
    if (!m[1]) bad('no port after ":"');
    port = Number(m[1]);
    if (port <= 0 || port > 65535) bad(`port ${m[1]} out of range`);
    rest = rest.slice(m[0].length);
  }
  const params = new Map<string, string>();
  if (rest.startsWith('?')) {
    for (const kv of rest.slice(1).split(/[&;]/)) {
      if (!kv) continue;
      const eq = kv.indexOf('=');
      if (eq < 0) params.set(urlDecode(kv), '');
      else params.set(urlDecode(kv.slice(0, eq)), urlDecode(kv.slice(eq + 1)));
    }
  } else if (rest !== '') {
    bad(`unexpected ${JSON.stringify(rest)} after the port`);
  }
  const endpoints: Endpoint[] = [];
  const addrs = params.get('addrs');
  if (addrs) {
    for (const a of addrs.split('+')) {
      const ep = parseSafeAddress(a);
      if (ep) endpoints.push(ep);
    }
  }
  if (endpoints.length === 0) endpoints.push({ host, port, family: familyOf(host) });
  return {
    host,
    port,
    params,
    sharedPortId: params.get('sock') || undefined,
    endpoints,
    alias: params.get('alias') || undefined,
    ccbId: params.get('CCBID') || undefined,
    text,
  };
}

/** Formats a sinful string (host, port and parameters) the way condor_sinful.cpp does. */
export function formatSinful(host: string, port: number, params?: Iterable<[string, string]>): string {
  let out = '<' + (host.includes(':') ? `[${host}]` : host) + ':' + port;
  const ps = params ? [...params] : [];
  if (ps.length) out += '?' + ps.map(([k, v]) => (v === '' ? urlEncode(k) : `${urlEncode(k)}=${urlEncode(v)}`)).join('&');
  return out + '>';
}

/**
 * The order in which to try a daemon's endpoints: the primary address first (it is what the daemon chose to
 * advertise), then the others from addrs=, IPv4 before IPv6 among equals. Callers fall back along the list.
 */
export function connectOrder(s: Sinful): Endpoint[] {
  const primary = s.endpoints.filter((e) => e.host === s.host && e.port === s.port);
  const others = s.endpoints.filter((e) => !(e.host === s.host && e.port === s.port)).sort((a, b) => a.family - b.family);
  return [...(primary.length ? primary : [{ host: s.host, port: s.port, family: familyOf(s.host) }]), ...others];
}
