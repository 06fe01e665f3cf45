/**
 * Matchmaking, a port of C++ `MatchClassAd` (matchClassad.cpp): the two ads become LEFT and RIGHT of a
 * match ad whose contexts define `my`, `target`, `other`; with old ClassAd semantics each ad's
 * unresolved unscoped references fall back to the other ad (alternateScope).
 */
import { ClassAd } from '../classad.js';
import { ExprTree, Literal } from '../ast.js';
import { Value } from '../values.js';
import { parseClassAd } from '../parser.js';
import { getOldClassAdSemantics } from '../lexer.js';
import { boolEquiv } from './value.js';
import { evalValueToJs } from './to-js.js';
import type { ClassAdValue } from '../classad.js';
import { evaluateIn, EvalResult, getAlternateScope, setAlternateScope } from './evaluator.js';
import { registerMatchRoot } from './builtins-condor.js';

const MATCH_TEMPLATE =
  '[symmetricMatch = RIGHT.requirements && LEFT.requirements ;' +
  'leftMatchesRight = RIGHT.requirements ;' +
  'rightMatchesLeft = LEFT.requirements ;' +
  'leftRankValue = LEFT.rank ;' +
  'rightRankValue = RIGHT.rank]';

interface MatchAd {
  m: ClassAd;
  lCtx: ClassAd;
  rCtx: ClassAd;
}

/** Match ads are built once and reused (C++ keeps a static one too); a stack allows nested use. */
const pool: MatchAd[] = [];
let template: ClassAd | null = null;
const NOTHING = new Literal(Value.Undefined);

function acquire(): MatchAd {
  const p = pool.pop();
  if (p) return p;
  template ??= parseClassAd(MATCH_TEMPLATE);
  const m = new ClassAd();
  for (const [k, e] of template.exprEntries()) m.insert(k, e);
  const lCtx = parseClassAd('[other=.RIGHT;target=.RIGHT;my=.LEFT;ad=.LEFT]');
  const rCtx = parseClassAd('[other=.LEFT;target=.LEFT;my=.RIGHT;ad=.RIGHT]');
  m.insert('lCtx', lCtx);
  m.insert('rCtx', rCtx);
  return { m, lCtx, rCtx };
}

/**
 * Run `fn` with `left` and `right` installed in a match ad, then restore both ads' scopes.
 * `fn` receives the match ad (evaluate its attributes, or expressions with `left` as scope).
 */
export function withMatchAd<T>(left: ClassAd, right: ClassAd, fn: (match: ClassAd) => T): T {
  const ma = acquire();
  const { m, lCtx, rCtx } = ma;
  const lParent = left.parentScope,
    rParent = right.parentScope;
  const lAlt = getAlternateScope(left),
    rAlt = getAlternateScope(right);
  const old = getOldClassAdSemantics();
  try {
    m.insert('LEFT', left);
    lCtx.parentScope = m;
    left.parentScope = lCtx;
    m.insert('RIGHT', right);
    rCtx.parentScope = m;
    right.parentScope = rCtx;
    if (old) {
      setAlternateScope(left, right);
      setAlternateScope(right, left);
    }
    registerMatchRoot({ root: m, left, right });
    return fn(m);
  } finally {
    left.parentScope = lParent;
    right.parentScope = rParent;
    setAlternateScope(left, lAlt ?? null);
    setAlternateScope(right, rAlt ?? null);
    // do not keep the caller's ads alive through the pool
    m.insert('LEFT', NOTHING);
    m.insert('RIGHT', NOTHING);
    pool.push(ma);
  }
}

/** C++ `MatchClassAd::EvalMatchExpr`: true only for a true boolean-equivalent result. */
function matchValue(r: EvalResult): boolean {
  if (!r.ok) return false;
  return boolEquiv(r.value) === true;
}

function evalMatchAttr(m: ClassAd, name: string): EvalResult {
  return evaluateIn(m.lookup(name) as ExprTree, m);
}

/** Both ads' Requirements are satisfied (C++ `symmetricMatch`). */
export function symmetricMatch(left: ClassAd, right: ClassAd): boolean {
  return withMatchAd(left, right, (m) => matchValue(evalMatchAttr(m, 'symmetricMatch')));
}
/** RIGHT's Requirements evaluate to true (C++ `leftMatchesRight`). */
export function leftMatchesRight(left: ClassAd, right: ClassAd): boolean {
  return withMatchAd(left, right, (m) => matchValue(evalMatchAttr(m, 'leftMatchesRight')));
}
/** LEFT's Requirements evaluate to true (C++ `rightMatchesLeft`). */
export function rightMatchesLeft(left: ClassAd, right: ClassAd): boolean {
  return withMatchAd(left, right, (m) => matchValue(evalMatchAttr(m, 'rightMatchesLeft')));
}
/** LEFT's Rank evaluated against RIGHT (C++ `leftRankValue`), as a JS value. */
export function leftRankValue(left: ClassAd, right: ClassAd): ClassAdValue {
  return withMatchAd(left, right, (m) => evalValueToJs(evalMatchAttr(m, 'leftRankValue').value));
}

/** Evaluate `expr` with MY = `my` and TARGET = `target` (the way HTCondor evaluates a constraint against a pair). */
export function evaluateWithTarget(expr: ExprTree, my: ClassAd, target: ClassAd): EvalResult {
  return withMatchAd(my, target, () => evaluateIn(expr, my));
}
