/**
 * The conditions of `if` / `elif` (Test_config_if_expression in config.cpp): booleans, numbers,
 * `version <op> x.y[.z]`, `defined NAME`, `defined use CAT[:KNOB]`, with `!` negation. Anything more complex is
 * an error in HTCondor ("complex conditionals are not supported"), and so it is here.
 */
import { expandMacros } from './expand.js';
import type { EvalContext, MacroSet } from './macro-set.js';

const CIFT = { Empty: 0, Number: 1, Bool: 2, Identifier: 3, Macro: 4, Version: 5, Ifdef: 6, Complex: 7 } as const;
type Cift = (typeof CIFT)[keyof typeof CIFT];

const isSpace = (c: string | undefined): boolean => c !== undefined && /^[ \t\n\r\v\f]$/.test(c);

/** matches_literal_ignore_case */
function matchesLiteral(s: string, lit: string, noTrailingToken = true): boolean {
  let i = 0;
  while (isSpace(s[i])) i++;
  for (const ch of lit) {
    const c = s[i++];
    if (c === undefined || String.fromCharCode(c.charCodeAt(0) | 0x20) !== ch) return false;
  }
  if (noTrailingToken) {
    while (isSpace(s[i])) i++;
    return i >= s.length;
  }
  return !/^[A-Za-z0-9]$/.test(s[i] ?? '');
}

const B = { space: 1, digit: 2, alpha: 4, ident: 8, cmp: 0x10, sum: 0x20, logic: 0x40, group: 0x80, money: 0x100, colon: 0x200, other: 0x400, float: 0x1000, macro: 0x2000 } as const;

function characterize(expr: string, keywordCheck: boolean): Cift {
  let p = 0;
  while (isSpace(expr[p])) p++;
  if (p >= expr.length) return CIFT.Empty;
  const begin = expr.slice(p);
  if (expr[p] === '-') p++;
  let set = 0;
  while (p < expr.length) {
    const ch = expr[p++]!;
    const nx = expr[p];
    if (ch >= '0' && ch <= '9') set |= B.digit;
    else if (ch === '.') { if (set === B.digit || nx === undefined || (nx >= '0' && nx <= '9')) set |= B.float; else set |= B.ident; }
    else if (ch === 'e' || ch === 'E') { if ((set & ~B.float) === B.digit) set |= B.float; else set |= B.alpha; }
    else if (ch === '-' || ch === '+') { if (set !== (B.digit | B.float)) set |= B.sum; }
    else if (/[a-zA-Z]/.test(ch)) set |= B.alpha;
    else if (ch === '_' || ch === '/') set |= B.ident;
    else if (ch >= '<' && ch <= '>') set |= B.cmp;
    else if (ch === '!' && nx === '=') set |= B.cmp;
    else if (ch === '$') { set |= B.money; if (nx === '(') set |= B.macro; }
    else if (isSpace(ch)) { if (nx !== undefined && !isSpace(nx)) set |= B.space; }
    else if (ch === '&' || ch === '|') set |= B.logic;
    else if ((ch >= '{' && ch <= '}') || ch === '(' || ch === ')' || ch === '[' || ch === ']') set |= B.group;
    else if (ch === ':') set |= B.colon;
    else set |= B.other;
  }
  switch (set) {
    case 0: return CIFT.Empty;
    case B.digit: case B.digit | B.float: return CIFT.Number;
    case B.alpha:
      if (matchesLiteral(expr, 'false') || matchesLiteral(expr, 'true')) return CIFT.Bool;
      if (keywordCheck) {
        if (matchesLiteral(begin, 'version')) return CIFT.Version;
        if (matchesLiteral(begin, 'defined')) return CIFT.Ifdef;
      }
      return CIFT.Identifier;
    case B.alpha | B.digit: case B.alpha | B.digit | B.float: case B.alpha | B.ident: case B.alpha | B.ident | B.digit:
    case B.alpha | B.ident | B.digit | B.float:
      return CIFT.Identifier;
    case B.alpha | B.space | B.cmp | B.digit: case B.alpha | B.space | B.cmp | B.digit | B.float:
      return keywordCheck && matchesLiteral(begin, 'version', false) ? CIFT.Version : CIFT.Complex;
    case B.alpha | B.space: case B.alpha | B.space | B.colon: case B.alpha | B.space | B.ident:
    case B.alpha | B.space | B.ident | B.colon: case B.alpha | B.space | B.digit: case B.alpha | B.space | B.digit | B.ident:
    case B.alpha | B.space | B.digit | B.float: case B.alpha | B.space | B.digit | B.ident | B.float:
      return keywordCheck && matchesLiteral(begin, 'defined', false) ? CIFT.Ifdef : CIFT.Complex;
  }
  if (set & B.macro && (set & ~(B.money | B.ident | B.alpha | B.digit | B.macro | B.colon)) === 0) return CIFT.Macro;
  return CIFT.Complex;
}

function crufty(expr: string): boolean | undefined {
  if (matchesLiteral(expr, 'yes') || matchesLiteral(expr, 't')) return true;
  if (matchesLiteral(expr, 'no') || matchesLiteral(expr, 'f')) return false;
  return undefined;
}

/** What an `if` needs to know besides the macro table: our version and the metaknob table. */
export interface IfEnvironment {
  /** [major, minor, subminor] of the HTCondor we emulate. */
  readonly version: readonly [number, number, number];
  hasMetaknob(category: string, knob: string | undefined): boolean;
}

export type IfResult = { ok: true; value: boolean } | { ok: false; reason: string };

function evaluateIf(expr: string, set: MacroSet, ctx: EvalContext, env: IfEnvironment): IfResult {
  const ec = characterize(expr, true);
  if (ec === CIFT.Number) { const d = parseFloat(expr); return { ok: true, value: d < 0 || d > 0 }; }
  if (ec === CIFT.Bool) return { ok: true, value: matchesLiteral(expr, 'true') };
  if (ec === CIFT.Identifier) { const c = crufty(expr); if (c !== undefined) return { ok: true, value: c }; }
  if (ec === CIFT.Version) {
    let p = expr.trimStart().slice(7).trimStart();
    let op = 0;
    let orEqual = false;
    const negated = p[0] === '!';
    if (negated) p = p.slice(1);
    if (p[0] !== undefined && p[0] >= '<' && p[0] <= '>') { op = p.charCodeAt(0) - 61; p = p.slice(1); }
    if (p[0] === '=') { orEqual = true; p = p.slice(1); }
    p = p.trimStart();
    // a full "$CondorVersion: x.y.z date $" string is accepted as is (CondorVersionInfo::is_valid)
    const full = /^\$CondorVersion: (\d+)\.(\d+)\.(\d+) /.exec(p);
    if (p[0] === 'v' || p[0] === 'V') p = p.slice(1);
    const m = full ?? /^\s*([-+]?\d+)\.\s*([-+]?\d+)(?:\.\s*([-+]?\d+))?/.exec(p);
    if (!m || Number(m[1]) < 6) return { ok: false, reason: 'the version literal is invalid' };
    const [ma, mi, su] = env.version;
    const mine = ma * 1_000_000 + mi * 1000 + su;
    const theirs = Number(m[1]) * 1_000_000 + Number(m[2]) * 1000 + (m[3] === undefined ? su : Number(m[3]));
    const diff = Math.sign(mine - theirs);
    const result = diff === op || (orEqual && diff === 0);
    return { ok: true, value: negated ? !result : result };
  }
  if (ec === CIFT.Ifdef) {
    const p = expr.trimStart().slice(7).trimStart();
    if (!p) return { ok: true, value: false };
    const ec2 = characterize(p, false);
    if (ec2 === CIFT.Identifier) {
      let v = set.lookup(p, ctx);
      if (v === undefined && crufty(p) !== undefined) v = 'true';
      return { ok: true, value: v !== undefined && v !== '' };
    }
    if (ec2 === CIFT.Number || ec2 === CIFT.Bool) return { ok: true, value: true };
    if (/^use /i.test(p)) {
      const arg = p.slice(4).trimStart();
      const colon = arg.indexOf(':');
      const cat = colon < 0 ? arg : arg.slice(0, colon);
      const knob = colon < 0 || colon + 1 >= arg.length ? undefined : arg.slice(colon + 1);
      const value = env.hasMetaknob(cat, knob);
      if (/[ \t\r]/.test(arg)) return { ok: false, reason: 'defined use meta argument with internal spaces will never match' };
      return { ok: true, value };
    }
    return { ok: false, reason: 'defined argument must be param name, boolean, or number' };
  }
  return { ok: false, reason: ec === CIFT.Complex ? 'complex conditionals are not supported' : 'expression is not a conditional' };
}

/** Test_config_if_expression: expands macros first, `!` negates, an expression that expands to nothing is false. */
export function testIfExpression(exprIn: string, set: MacroSet, ctx: EvalContext, env: IfEnvironment): IfResult {
  let expr = exprIn;
  let expanded = false;
  if (expr.includes('$')) {
    expr = expandMacros(expr, set, ctx).replace(/[ \t\n\r\v\f]+$/, '');
    expanded = true;
  }
  expr = expr.replace(/^[ \t\n\r\v\f]+/, '');
  let inverted = false;
  if (expr[0] === '!') {
    inverted = true;
    expr = expr.slice(1).replace(/^[ \t\n\r\v\f]+/, '');
  }
  const r: IfResult = expanded && !expr ? { ok: true, value: false } : evaluateIf(expr, set, ctx, env);
  return r.ok ? { ok: true, value: inverted ? !r.value : r.value } : r;
}
