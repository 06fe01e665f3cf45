/**
 * The built-in defaults table (param_info.in), indexed the way HTCondor looks it up: case-insensitive names,
 * per-subsystem tables found by the text before the first '.', metaknob categories found by the text before ':'.
 */
import { toBytes } from './bytes.js';
import {
  METAKNOBS,
  PARAM_DEFAULTS,
  PARAM_DEFAULTS_VERSION,
  SUBSYSTEM_DEFAULTS,
  type ParamTypeName,
} from './generated/param-defaults.js';

export interface DefaultEntry {
  /** The name as param_info.in spells it. */
  readonly name: string;
  /** Raw value, or null when the table knows the name but gives it no default. */
  readonly value: string | null;
  readonly type: ParamTypeName;
}

/** A defaults table; tests and the browser build may substitute their own. */
export interface DefaultsTable {
  readonly version: string;
  generic(name: string): DefaultEntry | undefined;
  /** Look `name` up in the table of the subsystem named by the text of `subsys` before any '.'. */
  subsys(subsys: string, name: string): { readonly name: string; readonly value: string | null } | undefined;
  /** Metaknob category by the text of `category` before any ':'. */
  metaknobs(category: string): ReadonlyMap<string, string> | undefined;
  /** All generic names, sorted as condor_config_val -dump sorts them. */
  names(): readonly string[];
}

const beforeChar = (s: string, ch: string): string => {
  const i = s.indexOf(ch);
  return (i < 0 ? s : s.slice(0, i)).toUpperCase();
};

/** Builds a DefaultsTable from plain data (the generated one by default). */
export function makeDefaultsTable(
  entries: readonly (readonly [string, string | null, ParamTypeName])[] = PARAM_DEFAULTS,
  subsystems: Readonly<Record<string, Readonly<Record<string, string | null>>>> = SUBSYSTEM_DEFAULTS,
  metaknobs: Readonly<Record<string, Readonly<Record<string, string>>>> = METAKNOBS,
  version: string = PARAM_DEFAULTS_VERSION,
): DefaultsTable {
  const generic = new Map<string, DefaultEntry>();
  for (const [name, value, type] of entries) generic.set(name.toUpperCase(), { name, value: value === null ? null : toBytes(value), type });
  const subs = new Map<string, Map<string, { name: string; value: string | null }>>();
  for (const [sub, table] of Object.entries(subsystems)) {
    const m = new Map<string, { name: string; value: string | null }>();
    for (const [k, v] of Object.entries(table)) m.set(k.toUpperCase(), { name: k, value: v === null ? null : toBytes(v) });
    subs.set(sub.toUpperCase(), m);
  }
  const metas = new Map<string, Map<string, string>>();
  for (const [cat, table] of Object.entries(metaknobs)) {
    const m = new Map<string, string>();
    for (const [k, v] of Object.entries(table)) m.set(k.toUpperCase(), toBytes(v));
    metas.set(cat.toUpperCase(), m);
  }
  const sorted = [...generic.values()].map((e) => e.name).sort(compareNames);
  return {
    version,
    generic: (name) => generic.get(name.toUpperCase()),
    subsys: (subsys, name) => subs.get(beforeChar(subsys, '.'))?.get(name.toUpperCase()),
    metaknobs: (category) => metas.get(beforeChar(category, ':')),
    names: () => sorted,
  };
}

/** HTCondor sorts its tables with strcasecmp, i.e. by lower-cased bytes. */
export function compareNames(a: string, b: string): number {
  const x = a.toLowerCase();
  const y = b.toLowerCase();
  return x < y ? -1 : x > y ? 1 : 0;
}

let builtin: DefaultsTable | undefined;
/** The table generated from HTCondor 23.9.6's param_info.in. */
export function builtinDefaults(): DefaultsTable {
  return (builtin ??= makeDefaultsTable());
}
