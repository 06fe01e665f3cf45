// The targets a proxy may reach, as explicit host:port pairs. Nothing by default: an open relay from browsers into a
// cluster's network would let any web page that finds the proxy probe it, so every target is named by the operator.

/** A parsed `host:port` (IPv6 in brackets: `[::1]:9618`). */
export interface Target {
  host: string;
  port: number;
}

/** Parses `host:port` or `[v6]:port`; undefined when it is not one. Host names are compared lower-cased. */
export function parseTarget(text: string): Target | undefined {
  const m = /^\[([0-9A-Fa-f:.]+)\]:(\d{1,5})$/.exec(text) ?? /^([A-Za-z0-9.-]+):(\d{1,5})$/.exec(text);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (!(port >= 1 && port <= 65535)) return undefined;
  return { host: m[1]!.toLowerCase(), port };
}

export function formatTarget(t: Target): string {
  return t.host.includes(':') ? `[${t.host}]:${t.port}` : `${t.host}:${t.port}`;
}

/**
 * Exact host:port matching, without DNS: `cm.example.org:9618` allows that name only, not the address it resolves
 * to, and `127.0.0.1:9618` not `localhost:9618` (resolving here would let a name that changes widen the list).
 */
export class Allowlist {
  readonly #entries: Set<string>;

  constructor(entries: Iterable<string>) {
    this.#entries = new Set();
    for (const e of entries) {
      const t = parseTarget(e.trim());
      if (!t) throw new TypeError(`allowlist entry "${e}" is not host:port (IPv6 as [addr]:port)`);
      this.#entries.add(formatTarget(t));
    }
  }

  get size(): number {
    return this.#entries.size;
  }

  allows(t: Target): boolean {
    return this.#entries.has(formatTarget(t));
  }

  entries(): string[] {
    return [...this.#entries];
  }
}
