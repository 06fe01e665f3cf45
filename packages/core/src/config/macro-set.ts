/**
 * The table of configured macros (HTCondor's MACRO_SET) and the lookup rules of lookup_macro (config.cpp):
 * localname.NAME, then the localname's defaults, subsys.NAME, the subsystem's defaults, NAME, the generic defaults.
 */
import type { DefaultsTable } from './defaults.js';
import { compareNames } from './defaults.js';
import { expandSelf } from './expand.js';

export interface EvalContext {
  /** Subsystem name (e.g. "TOOL", "SCHEDD"), upper case as HTCondor uses it. */
  readonly subsys?: string | undefined;
  /** Local name (condor_config_val -local-name). */
  readonly localname?: string | undefined;
  /** Skip the defaults table (param_defined_by_config). */
  readonly withoutDefault?: boolean | undefined;
  /** Directory for $Ff() full paths. */
  readonly cwd?: string | undefined;
}

export interface MacroItem {
  /** Name as first written (HTCondor keeps the first spelling). */
  key: string;
  raw: string;
  source: string;
  line: number;
}

export interface SourceRef {
  readonly name: string;
  line: number;
}

/** What expansion needs from the outside world; the portable code never touches process.env itself. */
export interface MacroEnvironment {
  getenv(name: string): string | undefined;
  /** A random integer in [0, 2^31), for $RANDOM_CHOICE and $RANDOM_INTEGER. */
  randomInt(): number;
}

export class MacroSet {
  readonly items = new Map<string, MacroItem>();
  readonly warnings: string[] = [];

  constructor(
    readonly defaults: DefaultsTable,
    readonly environment: MacroEnvironment,
  ) {}

  /** find_macro_item: exact (case-insensitive) name, or prefix.name. */
  findItem(name: string, prefix?: string): MacroItem | undefined {
    return this.items.get((prefix === undefined ? name : `${prefix}.${name}`).toUpperCase());
  }

  /**
   * lookup_macro. Returns undefined when nothing defines the name; '' when it is defined empty (or a subsystem
   * default exists without a value, which hides the generic default, as in HTCondor).
   */
  lookup(name: string, ctx: EvalContext): string | undefined {
    const useDefaults = !ctx.withoutDefault;
    for (const prefix of [ctx.localname, ctx.subsys]) {
      if (!prefix) continue;
      const item = this.findItem(name, prefix);
      if (item) return item.raw;
      if (useDefaults) {
        const d = this.defaults.subsys(prefix, name);
        if (d) return d.value ?? '';
      }
    }
    const item = this.findItem(name);
    if (item) return item.raw;
    if (useDefaults) return this.lookupDefault(name) ?? undefined;
    return undefined;
  }

  /** find_macro_def_item: "SUBSYS.NAME" in that subsystem's table, else the generic table. */
  lookupDefault(name: string): string | null | undefined {
    const dot = name.indexOf('.');
    if (dot >= 0) {
      const d = this.defaults.subsys(name, name.slice(dot + 1));
      if (d) return d.value;
    }
    return this.defaults.generic(name)?.value;
  }

  /** insert_macro (config.cpp), with HTCondor's rule that a new value equal to the default is not stored. */
  insert(name: string, value: string, source: SourceRef, ctx: EvalContext): void {
    const existing = this.findItem(name);
    if (existing) {
      existing.raw = expandSelf(value, name, this, ctx);
      existing.source = source.name;
      existing.line = source.line;
      return;
    }
    let def = this.defaults.generic(name);
    let postPrefix = false;
    if (!def) {
      const dot = name.indexOf('.');
      if (dot >= 0) {
        def = this.defaults.generic(name.slice(dot + 1));
        postPrefix = def !== undefined;
      }
    }
    const defValue = def?.value ?? null;
    const same = sameValue(defValue, value);
    if (same && !postPrefix) return;
    const key = def && def.name === name ? def.name : name;
    this.items.set(name.toUpperCase(), { key, raw: same && defValue !== null ? defValue : value, source: source.name, line: source.line });
  }

  /** Names of configured items, sorted as HTCondor sorts them. */
  itemNames(): string[] {
    return [...this.items.values()].map((i) => i.key).sort(compareNames);
  }
}

function sameValue(a: string | null, b: string | null): boolean {
  if (a === null || b === null) return a === b;
  if (a === b) return true;
  const la = a.toLowerCase();
  return la === b.toLowerCase() && (la === 'true' || la === 'false');
}
