// The small ClassAds of the security handshake (auth info, reconciled policy, post-auth ad, resume response,
// DC_SEC_QUERY reply) and their wire form. Kept to the literal forms those ads use — strings, integers, reals,
// booleans — so this one file can later be swapped for @htcondor-ts/classad without touching the handshake.
// Wire form (putClassAd, old syntax): int N, N strings "Name = <expr>", then MyType and TargetType strings.
import { HTCondorProtocolError } from '../errors.js';
import type { CedarStream } from '../stream/cedar-stream.js';

/** A literal value; anything else the peer sends is kept as its expression text. */
export type AdValue = string | number | boolean | { readonly expr: string };

/** An ordered attribute list with case-insensitive names, as ClassAd attribute names are. */
export class PolicyAd {
  readonly #attrs = new Map<string, { name: string; value: AdValue }>();

  constructor(entries?: Iterable<readonly [string, AdValue]>) {
    if (entries) for (const [k, v] of entries) this.set(k, v);
  }

  set(name: string, value: AdValue): this {
    this.#attrs.set(name.toLowerCase(), { name, value });
    return this;
  }
  get(name: string): AdValue | undefined {
    return this.#attrs.get(name.toLowerCase())?.value;
  }
  has(name: string): boolean {
    return this.#attrs.has(name.toLowerCase());
  }
  delete(name: string): void {
    this.#attrs.delete(name.toLowerCase());
  }
  /** The value as a string if it is one (LookupString semantics). */
  getString(name: string): string | undefined {
    const v = this.get(name);
    return typeof v === 'string' ? v : undefined;
  }
  getNumber(name: string): number | undefined {
    const v = this.get(name);
    if (typeof v === 'number') return v;
    return undefined;
  }
  getBool(name: string): boolean | undefined {
    const v = this.get(name);
    if (typeof v === 'boolean') return v;
    if (typeof v === 'number') return v !== 0;
    return undefined;
  }
  /** Copies one attribute from another ad if present there (SecMan::sec_copy_attribute). */
  copyFrom(other: PolicyAd, name: string, as: string = name): void {
    const v = other.get(name);
    if (v !== undefined) this.set(as, v);
  }
  /** A new ad holding only the named attributes (putClassAd with a projection). */
  project(names: readonly string[]): PolicyAd {
    const out = new PolicyAd();
    for (const n of names) {
      const e = this.#attrs.get(n.toLowerCase());
      if (e) out.set(e.name, e.value);
    }
    return out;
  }
  clone(): PolicyAd {
    return new PolicyAd(this.entries());
  }
  *entries(): IterableIterator<[string, AdValue]> {
    for (const { name, value } of this.#attrs.values()) yield [name, value];
  }
  get size(): number {
    return this.#attrs.size;
  }
  /** A plain object (for SessionInfo/ping results and debugging; callers must not log secrets from it). */
  toObject(): Record<string, string | number | boolean> {
    const o: Record<string, string | number | boolean> = {};
    for (const [k, v] of this.entries()) o[k] = typeof v === 'object' ? v.expr : v;
    return o;
  }
}

/** Unparses one literal as the C++ old-syntax unparser would. */
export function unparseValue(v: AdValue): string {
  if (typeof v === 'string') {
    // Old-syntax strings escape the quote; the handshake's strings (versions, base64, sinfuls) never hold a backslash.
    return '"' + v.replace(/\\/g, '\\\\').replace(/"/g, '\\"') + '"';
  }
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  if (typeof v === 'number') {
    if (Number.isInteger(v)) return String(v);
    const s = String(v);
    return /[.eE]/.test(s) ? s : s + '.0';
  }
  return v.expr;
}

/** Parses the right-hand side of "Name = expr": a literal if it is one, else the expression text. */
export function parseValue(text: string): AdValue {
  const t = text.trim();
  if (t.length >= 2 && t.startsWith('"') && t.endsWith('"')) {
    let out = '';
    for (let i = 1; i < t.length - 1; i++) {
      const c = t[i]!;
      if (c === '\\' && i + 1 < t.length - 1) {
        const n = t[i + 1]!;
        if (n === '"' || n === '\\') {
          out += n;
          i++;
          continue;
        }
      } else if (c === '"') {
        // A second quote means this is an expression such as "a" + "b", not one literal.
        return { expr: t };
      }
      out += c;
    }
    return out;
  }
  if (/^[+-]?\d+$/.test(t)) return Number(t);
  if (/^[+-]?(\d+\.\d*|\.\d+|\d+)([eE][+-]?\d+)?$/.test(t)) return Number(t);
  const lower = t.toLowerCase();
  if (lower === 'true') return true;
  if (lower === 'false') return false;
  return { expr: t };
}

/** Parses one "Name = expr" line of the wire form. */
export function parseAssignment(line: string): [string, AdValue] {
  const eq = line.indexOf('=');
  if (eq <= 0) throw new HTCondorProtocolError(`malformed ClassAd attribute in a security ad: ${JSON.stringify(line.slice(0, 80))}`);
  return [line.slice(0, eq).trim(), parseValue(line.slice(eq + 1))];
}

/** Writes the ad in putClassAd form (no EOM). */
export function putPolicyAd(stream: CedarStream, ad: PolicyAd): void {
  stream.putInt(ad.size);
  for (const [k, v] of ad.entries()) stream.putString(`${k} = ${unparseValue(v)}`);
  stream.putString('');
  stream.putString('');
}

/** Reads an ad in getClassAd form (the caller checks the end of message). */
export async function getPolicyAd(stream: CedarStream): Promise<PolicyAd> {
  const wire = await stream.getAdLines();
  const ad = new PolicyAd();
  for (const line of wire.lines) {
    const [k, v] = parseAssignment(line);
    ad.set(k, v);
  }
  return ad;
}
