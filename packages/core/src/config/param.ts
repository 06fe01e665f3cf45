/**
 * `param`: the configuration as a read-mostly Map (htcondor.param in the Python bindings). Values are expanded
 * exactly as param() expands them; a name whose value is empty or expands to nothing is not defined.
 */
import { fromBytes, toBytes } from './bytes.js';
import { compareNames } from './defaults.js';
import { expandMacros, stringToDouble, stringToLong } from './expand.js';
import { readable, type LoadedConfig } from './loader.js';

const WIRE = { name: '<Wire>', line: 0 };

export class Param implements Iterable<[string, string]> {
  private cache: { config: LoadedConfig; entries: Map<string, [string, string]> } | undefined;

  /** `supply` returns the current configuration; the global `param` follows reloadConfig() this way. */
  constructor(private readonly supply: () => LoadedConfig) {}

  /** The configuration this view reads. */
  get config(): LoadedConfig {
    return this.supply();
  }

  /** The expanded value, or `fallback` (undefined) when the name is not defined. */
  get(name: string): string | undefined;
  get(name: string, fallback: string): string;
  get(name: string, fallback?: string): string | undefined {
    const { set, ctx } = this.supply();
    const raw = set.lookup(toBytes(name), ctx);
    if (!raw) return fallback;
    let v: string;
    try {
      v = expandMacros(raw, set, ctx);
    } catch (e) {
      throw readable(e);
    }
    return v ? fromBytes(v) : fallback;
  }

  has(name: string): boolean {
    return this.get(name) !== undefined;
  }

  /** The value as written, before expansion (condor_config_val -raw). */
  raw(name: string): string | undefined {
    const { set, ctx } = this.supply();
    const v = set.lookup(toBytes(name), ctx);
    return v === undefined ? undefined : fromBytes(v);
  }

  /** param_integer: a number or an expression that evaluates to one; `fallback` when undefined. */
  getInteger(name: string, fallback?: number): number | undefined {
    const v = this.get(name);
    if (v === undefined) return fallback;
    return stringToLong(v) ?? fallback;
  }

  getDouble(name: string, fallback?: number): number | undefined {
    const v = this.get(name);
    if (v === undefined) return fallback;
    return stringToDouble(v) ?? fallback;
  }

  /** param_boolean: true/false/yes/no/t/f, numbers, or an expression. */
  getBoolean(name: string, fallback?: boolean): boolean | undefined {
    const v = this.get(name)?.trim();
    if (v === undefined) return fallback;
    const l = v.toLowerCase();
    if (l === 'true' || l === 'yes' || l === 't' || l === 'y') return true;
    if (l === 'false' || l === 'no' || l === 'f' || l === 'n') return false;
    const n = stringToDouble(v);
    return n === undefined ? fallback : n !== 0;
  }

  /** Sets a value in memory (htcondor.param[name] = value); '' undefines it. */
  set(name: string, value: string): this {
    const { set, ctx } = this.supply();
    try {
      set.insert(toBytes(name), toBytes(value), WIRE, ctx);
    } catch (e) {
      throw readable(e);
    }
    this.cache = undefined;
    return this;
  }

  /** htcondor.param.setdefault: the current value, or `value` after setting it when the name is undefined. */
  setDefault(name: string, value: string): string {
    const v = this.get(name);
    if (v !== undefined) return v;
    this.set(name, value);
    return this.get(name) ?? '';
  }

  /** htcondor.param.update: set several names at once. */
  update(values: Iterable<readonly [string, string]> | Readonly<Record<string, string>>): this {
    const pairs = Symbol.iterator in values ? [...(values as Iterable<readonly [string, string]>)] : Object.entries(values);
    for (const [k, v] of pairs) this.set(k, v);
    return this;
  }

  private all(): Map<string, [string, string]> {
    const config = this.supply();
    if (this.cache?.config === config) return this.cache.entries;
    const entries = new Map<string, [string, string]>();
    for (const name of this.names()) {
      const v = this.get(name);
      if (v !== undefined) entries.set(name.toUpperCase(), [name, v]);
    }
    this.cache = { config, entries };
    return entries;
  }

  get size(): number {
    return this.all().size;
  }
  *keys(): IterableIterator<string> {
    for (const [k] of this.all().values()) yield k;
  }
  *values(): IterableIterator<string> {
    for (const [, v] of this.all().values()) yield v;
  }
  *entries(): IterableIterator<[string, string]> {
    for (const [k, v] of this.all().values()) yield [k, v];
  }
  [Symbol.iterator](): IterableIterator<[string, string]> {
    return this.entries();
  }
  forEach(fn: (value: string, key: string, param: this) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  /**
   * Every known name with its expanded value ('' when undefined), as `condor_config_val -dump -expanded` lists
   * them: the defaults table and everything configured.
   */
  dump(): Map<string, string> {
    const out = new Map<string, string>();
    for (const name of this.names()) out.set(name, this.get(name) ?? '');
    return out;
  }

  /**
   * Raw values under the name that supplies them (`condor_config_val -dump`): e.g. IsTool appears as
   * TOOL.IsTool when the TOOL subsystem's default applies (param_find_item in condor_config.cpp).
   */
  rawDump(): Map<string, string> {
    const { set, ctx } = this.supply();
    const out = new Map<string, string>();
    for (const name of this.names()) {
      const found = findItem(set, ctx, name);
      if (found) out.set(found[0], fromBytes(found[1]));
    }
    return out;
  }

  /** All known names (configured spelling first), sorted as HTCondor sorts them. */
  private names(): string[] {
    const { set } = this.supply();
    const byUpper = new Map<string, string>();
    for (const n of set.itemNames()) byUpper.set(n.toUpperCase(), n);
    for (const n of set.defaults.names()) if (!byUpper.has(n.toUpperCase())) byUpper.set(n.toUpperCase(), n);
    return [...byUpper.values()].sort(compareNames);
  }
}

function findItem(set: LoadedConfig['set'], ctx: LoadedConfig['ctx'], name: string): [string, string] | undefined {
  if (ctx.localname) {
    const it = set.findItem(name, ctx.localname);
    if (it) return [it.key, it.raw];
  }
  if (ctx.subsys) {
    const it = set.findItem(name, ctx.subsys);
    if (it) return [it.key, it.raw];
    const d = set.defaults.subsys(ctx.subsys, name);
    if (d) return [`${ctx.subsys.toUpperCase()}.${d.name}`, d.value ?? ''];
  }
  const it = set.findItem(name);
  if (it) return [it.key, it.raw];
  const dot = name.indexOf('.');
  if (dot >= 0) {
    const d = set.defaults.subsys(name, name.slice(dot + 1));
    if (d) return [`${name.slice(0, dot + 1).toUpperCase()}${d.name}`, d.value ?? ''];
  }
  const g = set.defaults.generic(name);
  return g ? [g.name, g.value ?? ''] : undefined;
}
