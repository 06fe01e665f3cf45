/**
 * Finding the next `$(NAME)`, `$(NAME:default)`, `$ENV(..)`, `$INT(..)`... in a string, exactly as
 * next_config_macro (config.cpp) does, including which characters a body may hold and how a failed candidate
 * makes the scan resume inside it (so `$(A$(B))` finds `$(B)` first).
 */

export const MacroId = {
  Normal: -1,
  Env: 1,
  RandomChoice: 2,
  RandomInteger: 3,
  Choice: 4,
  Substr: 5,
  Int: 6,
  Real: 7,
  String: 8,
  Eval: 9,
  Basename: 10,
  Dirname: 11,
  Filename: 12,
} as const;
export type MacroId = (typeof MacroId)[keyof typeof MacroId];

export interface MacroPos {
  readonly id: MacroId;
  /** Index of the '$'. */
  readonly dollar: number;
  /** Index of the first body character (after '('). */
  readonly body: number;
  /** Index of the default text (after the first ':'), or 0 when there is none. */
  readonly defval: number;
  /** Index just after the closing ')'. */
  readonly right: number;
}

type BodyMode = 'anything' | 'idcolon' | 'meta';
export type PrefixKind = 'config' | 'meta';
/** Returns true to skip a candidate (e.g. $(DOLLAR) in the main pass). */
export type SkipBody = (id: MacroId, body: string) => boolean;

const SPECIAL: Readonly<Record<string, MacroId>> = {
  $ENV: MacroId.Env,
  $RANDOM_CHOICE: MacroId.RandomChoice,
  $RANDOM_INTEGER: MacroId.RandomInteger,
  $CHOICE: MacroId.Choice,
  $SUBSTR: MacroId.Substr,
  $INT: MacroId.Int,
  $REAL: MacroId.Real,
  $STRING: MacroId.String,
  $EVAL: MacroId.Eval,
  $BASENAME: MacroId.Basename,
  $DIRNAME: MacroId.Dirname,
};

/** condor_isidchar: the characters of a param name. */
export const isIdChar = (c: string): boolean => /^[A-Za-z0-9_./]$/.test(c);
const isAlnumUnderscore = (c: string | undefined): boolean => c !== undefined && /^[A-Za-z0-9_]$/.test(c);
const COLON_DEF_EXTRA = '$ ,\\:';

function checkPrefix(kind: PrefixKind, prefix: string): { id: MacroId; mode: BodyMode } | undefined {
  if (kind === 'meta') return prefix.length === 1 ? { id: MacroId.Normal, mode: 'meta' } : undefined;
  if (prefix.length === 1) return { id: MacroId.Normal, mode: 'idcolon' };
  if (prefix[1] === '$') return undefined; // $$(...) belongs to the ClassAd matchmaker, not to configuration
  if (prefix[1] === 'F' && /^[pnxdqabfwu]*$/i.test(prefix.slice(2))) return { id: MacroId.Filename, mode: 'anything' };
  const id = SPECIAL[prefix];
  if (id === undefined) return undefined;
  return { id, mode: id === MacroId.Env ? 'idcolon' : 'anything' };
}

export function nextMacro(value: string, searchPos: number, kind: PrefixKind, skip: SkipBody): MacroPos | undefined {
  let t = searchPos;
  const len = value.length;
  outer: for (;;) {
    let dollar = -1;
    let prefixLen = 0;
    let found: { id: MacroId; mode: BodyMode } | undefined;
    for (;;) {
      const d = value.indexOf('$', t);
      if (d < 0) return undefined;
      let p = d + 1;
      if (value[p] === '$') p++;
      while (isAlnumUnderscore(value[p])) p++;
      if (value[p] === '(') {
        found = checkPrefix(kind, value.slice(d, p));
        if (found) {
          dollar = d;
          prefixLen = p - d;
          break;
        }
      }
      t = p;
    }
    const body = dollar + prefixLen + 1;
    let v = body;
    let afterColon = 0;
    if (found.mode === 'anything') {
      while (v < len && value[v] !== ')') v++;
    } else {
      const meta = found.mode === 'meta';
      while (v < len && value[v] !== ')') {
        const c = value[v++]!;
        if (c === ':' && !afterColon) {
          afterColon = v - body;
          continue;
        } else if (afterColon) {
          if (c === '(') {
            const close = value.indexOf(')', v);
            if (close >= 0) {
              v = close + 1;
              continue;
            }
          } else if (meta || COLON_DEF_EXTRA.includes(c)) {
            continue;
          }
        }
        if (meta ? !/^[0-9?#+]$/.test(c) : !isIdChar(c)) {
          t = body;
          continue outer;
        }
      }
    }
    if (value[v] === ')') {
      if (skip(found.id, value.slice(body, v))) {
        t = v;
        continue outer;
      }
      return { id: found.id, dollar, body, defval: afterColon ? body + afterColon : 0, right: v + 1 };
    }
    t = body;
  }
}

/** StringTokenIterator + split(): tokens between any of `delims`, empty tokens skipped; trimmed unless noTrim. */
export function splitTokens(s: string, delims = ', \t\r\n', noTrim = false): string[] {
  const out: string[] = [];
  const isDelim = (c: string): boolean => delims.includes(c);
  const isSp = (c: string): boolean => /\s/.test(c);
  let i = 0;
  while (i < s.length) {
    while (i < s.length && (isDelim(s[i]!) || (!noTrim && isSp(s[i]!)))) i++;
    const start = i;
    let end = i;
    while (i < s.length && !isDelim(s[i]!)) {
      if (noTrim || !isSp(s[i]!)) end = i;
      i++;
    }
    if (i <= start) break;
    out.push(s.slice(start, end + 1));
  }
  return out;
}
