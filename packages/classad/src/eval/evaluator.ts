/**
 * The evaluator: a port of C++ `ExprTree::Evaluate` for every node kind, with the scoping rules of
 * `AttributeReference::FindExpr` and `ClassAd::LookupInScope` (attrrefs.cpp, classad.cpp):
 * unscoped names are looked up in the current ad, then its lexical parents up to the root; the special
 * names `toplevel`/`root`, `self`, `parent` (and with old semantics `my` and `CurrentTime`) are
 * resolved by the lookup itself; `.name` starts at the root; `expr.name` selects in an ad (or maps over a
 * list); with old ClassAd semantics an unscoped name that is not found falls back to the
 * "alternate scope" (the other ad in matchmaking).
 *
 * C++ `Evaluate` returns false on hard failures (recursion limit); here they throw EvalFailure, which
 * the callers that ignore that status in C++ catch.
 */
import { ExprTree, Literal, AttributeReference, Operation, FunctionCall, ExprList, OpKind, NodeKind } from '../ast.js';
import { ClassAd, foldName } from '../classad.js';
import { Value, RelTime } from '../values.js';
import { getOldClassAdSemantics } from '../lexer.js';
import { EvalValue, ListValue, UNDEF, ERR, boolEquiv } from './value.js';
import { doOperation } from './operators.js';
// the builtin modules import this one; registration happens on first lookup (run time), so the cycle is safe
import { registerCoreFunctions } from './builtins-core.js';
import { registerCondorFunctions } from './builtins-condor.js';
import { registerEnvFunctions } from './builtins-env.js';

/** Maximum attribute-reference depth, C++ MAX_CLASSAD_RECURSION. */
export const MAX_RECURSION = 400;

/** Thrown when C++ `Evaluate` would return false. */
export class EvalFailure extends Error {}

/** C++ `EvalState`. */
export class EvalState {
  rootAd: ClassAd | null = null;
  curAd: ClassAd | null = null;
  depth = MAX_RECURSION;
  /** C++ flattenAndInline */
  flattenAndInline = false;

  /** C++ `SetScopes`: the current ad and, as root, its outermost lexical parent (null on a cycle). */
  setScopes(ad: ClassAd | null): void {
    this.curAd = ad;
    if (!ad) {
      this.rootAd = null;
      return;
    }
    let root: ClassAd | null = ad;
    let p = ad.parentScope;
    while (p) {
      if (p === ad) {
        root = null;
        break;
      }
      root = p;
      p = p.parentScope;
    }
    this.rootAd = root;
  }
}

/** Signature of a builtin: evaluates its own arguments (some are lazy) in `state`. */
export type BuiltinFn = (name: string, args: readonly ExprTree[], state: EvalState) => EvalValue;

const builtins = new Map<string, BuiltinFn>();
let builtinsReady = false;
function ensureBuiltins(): void {
  if (builtinsReady) return;
  builtinsReady = true;
  registerCoreFunctions();
  registerEnvFunctions();
  registerCondorFunctions();
}
/** Register a function under a case-insensitive name (first registration wins, as in C++, unless `replace`). */
export function registerFunction(name: string, fn: BuiltinFn, replace = false): void {
  ensureBuiltins();
  const k = name.toLowerCase();
  if (replace || !builtins.has(k)) builtins.set(k, fn);
}
export function lookupFunction(name: string): BuiltinFn | undefined {
  ensureBuiltins();
  return builtins.get(name.toLowerCase());
}

/** The alternate scope used by old-semantics matchmaking (C++ `ClassAd::alternateScope`). */
const alternateScope = new WeakMap<ClassAd, ClassAd>();
export function getAlternateScope(ad: ClassAd): ClassAd | undefined {
  return alternateScope.get(ad);
}
export function setAlternateScope(ad: ClassAd, alt: ClassAd | null): void {
  if (alt) alternateScope.set(ad, alt);
  else alternateScope.delete(ad);
}

const EVAL_OK = 0,
  EVAL_UNDEF = 1,
  EVAL_ERROR = 2,
  EVAL_FAIL = 3;

const SPECIAL = new Set(['toplevel', 'root', 'self', 'parent']);
function isSpecialName(lower: string): boolean {
  return SPECIAL.has(lower) || (getOldClassAdSemantics() && (lower === 'my' || lower === 'currenttime'));
}

const CURRENT_TIME_EXPR = new FunctionCall('time', []);

interface Found {
  rc: number;
  tree: ExprTree | null;
}

/** C++ `ClassAd::LookupInScope`: walks up lexical parents; sets state.curAd to the ad where found. */
export function lookupInScope(start: ClassAd, name: string, state: EvalState, folded?: string): Found {
  const lower = folded ?? foldName(name);
  let current: ClassAd | null = start;
  while (current) {
    state.curAd = current;
    const e = current.lookupFolded(lower);
    if (e) return { rc: EVAL_OK, tree: e };
    const superScope: ClassAd | null = state.rootAd === current ? null : current.parentScope;
    if (!isSpecialName(lower)) {
      current = superScope;
      if (current === start) return { rc: EVAL_UNDEF, tree: null };
    } else if (lower === 'toplevel' || lower === 'root') {
      if (!state.rootAd) return { rc: EVAL_FAIL, tree: null };
      return { rc: EVAL_OK, tree: state.rootAd };
    } else if (lower === 'self' || lower === 'my') {
      return state.curAd ? { rc: EVAL_OK, tree: state.curAd } : { rc: EVAL_UNDEF, tree: null };
    } else if (lower === 'parent') {
      return superScope ? { rc: EVAL_OK, tree: superScope } : { rc: EVAL_UNDEF, tree: null };
    } else {
      return { rc: EVAL_OK, tree: CURRENT_TIME_EXPR };
    }
  }
  return { rc: EVAL_UNDEF, tree: null };
}

/**
 * C++ `AttributeReference::Deref` (FindExpr without evaluating the result). Like C++ it leaves
 * `state.curAd` where the lookup ended, which callers such as `unresolved()` and
 * `evalInEachContext()` then use. Returns the expression when found (EVAL_OK), else null.
 */
export function derefAttr(ref: AttributeReference, state: EvalState): ExprTree | null {
  let f: Found;
  try {
    f = findExpr(ref, state);
  } catch (e) {
    if (e instanceof EvalFailure) return null;
    throw e;
  }
  return f.rc === EVAL_OK ? f.tree : null;
}

/** C++ `AttributeReference::FindExpr`. */
function findExpr(ref: AttributeReference, state: EvalState): Found {
  let current: ClassAd | null;
  if (ref.expr === null) {
    current = ref.absolute ? state.rootAd : state.curAd;
    if (ref.absolute && current === null) return { rc: EVAL_FAIL, tree: null };
  } else {
    const v = evaluate(ref.expr, state);
    if (v === Value.Undefined) return { rc: EVAL_UNDEF, tree: null };
    if (v === Value.Error) return { rc: EVAL_ERROR, tree: null };
    if (v instanceof ListValue) {
      // `list.attr` maps the selection over the list, each element evaluated in a fresh state
      const items: ExprTree[] = [];
      for (const e of v.exprs) {
        const tstate = new EvalState();
        tstate.depth = state.depth;
        tstate.setScopes(state.curAd);
        const r = evaluate(new AttributeReference(e, ref.name, false), tstate);
        items.push(valueToTree(r));
      }
      return { rc: EVAL_OK, tree: new ListNodeWithScope(items) };
    }
    if (!(v instanceof ClassAd)) return { rc: EVAL_ERROR, tree: null };
    current = v;
  }
  if (!current) return { rc: EVAL_UNDEF, tree: null };
  let key = ref.folded;
  if (key === undefined) key = ref.folded = foldName(ref.name);
  let f = lookupInScope(current, ref.name, state, key);
  if (ref.expr === null && !ref.absolute && f.rc === EVAL_UNDEF) {
    const alt = alternateScope.get(current);
    if (alt) f = lookupInScope(alt, ref.name, state, key);
  }
  return f;
}

/** A list built during evaluation (C++ sets its parent scope to null). */
class ListNodeWithScope extends ExprList {}

/** Turn a value back into an expression (C++ `Literal::MakeLiteral` / the list or ad itself). */
export function valueToTree(v: EvalValue): ExprTree {
  if (v instanceof ClassAd) return v;
  if (v instanceof ListValue) return new ExprList(v.exprs);
  return new Literal(v);
}

function evalAttrRef(ref: AttributeReference, state: EvalState): EvalValue {
  const cur = state.curAd;
  const f = findExpr(ref, state);
  switch (f.rc) {
    case EVAL_FAIL:
      throw new EvalFailure('attribute lookup failed');
    case EVAL_ERROR:
      state.curAd = cur;
      return ERR;
    case EVAL_UNDEF:
      state.curAd = cur;
      return UNDEF;
  }
  if (state.depth <= 0) {
    state.curAd = cur;
    throw new EvalFailure('recursion limit');
  }
  state.depth--;
  try {
    const tree = f.tree as ExprTree;
    if (tree instanceof ListNodeWithScope) return new ListValue(tree.exprs, null);
    return evaluate(tree, state);
  } finally {
    state.depth++;
    state.curAd = cur;
  }
}

function evalOperation(o: Operation, state: EvalState): EvalValue {
  const op = o.op;
  if (op === OpKind.Parentheses) return evaluate(o.a, state);
  const v1 = evaluate(o.a, state);
  // short circuits (C++ Operation::shortCircuit)
  if (op === OpKind.LogicalOr) {
    if (boolEquiv(v1) === true) return true;
  } else if (op === OpKind.LogicalAnd) {
    if (boolEquiv(v1) === false) return false;
  } else if (op === OpKind.Ternary) {
    const b = boolEquiv(v1);
    if (b !== undefined) {
      if (b) {
        if (o.b) return evaluate(o.b, state);
      } else {
        if (o.b) return evaluate(o.c as ExprTree, state);
        return evaluate(o.a, state);
      }
    }
  }
  const hasB = o.b !== null;
  const hasC = o.c !== null;
  const v2 = hasB ? evaluate(o.b as ExprTree, state) : UNDEF;
  const v3 = hasC ? evaluate(o.c as ExprTree, state) : UNDEF;
  return doOperation(op, v1, v2, v3, true, hasB, hasC, state).v;
}

/** Evaluate an expression in a state (C++ `ExprTree::Evaluate`). */
export function evaluate(t: ExprTree, state: EvalState): EvalValue {
  switch (t.kind) {
    case NodeKind.Literal: {
      const v = (t as Literal).value;
      // C++ ReltimeLiteral::_Evaluate sets a REAL value (the seconds), not a relative time
      return v instanceof RelTime ? v.secs : v;
    }
    case NodeKind.AttrRef:
      return evalAttrRef(t as AttributeReference, state);
    case NodeKind.Op:
      return evalOperation(t as Operation, state);
    case NodeKind.FnCall: {
      const f = t as FunctionCall;
      const fn = lookupFunction(f.name);
      if (!fn) return ERR;
      return fn(f.name, f.args, state);
    }
    case NodeKind.ClassAd:
      return t as ClassAd;
    default:
      return new ListValue((t as ExprList).exprs, state.curAd);
  }
}

/** C++ `ExprList::GetValueAt`: evaluate element `i` in the list's scope; failures become ERROR. */
export function listElement(list: ListValue, i: number, state?: EvalState): EvalValue {
  const st = state ?? new EvalState();
  if (!state) st.setScopes(list.scope);
  if (st.depth <= 0) return ERR;
  st.depth--;
  const saved = st.curAd;
  st.curAd = list.scope;
  try {
    return evaluate(list.exprs[i] as ExprTree, st);
  } catch (e) {
    if (e instanceof EvalFailure) return ERR;
    throw e;
  } finally {
    st.curAd = saved;
    st.depth++;
  }
}

/** C++ `ClassAd::EvaluateAttr` on a nested ad (used by `ad["name"]`). */
export function evaluateAttrOf(ad: ClassAd, name: string): { found: boolean; ok: boolean; v: EvalValue } {
  if (!ad.lookup(name)) return { found: false, ok: true, v: UNDEF };
  const st = new EvalState();
  st.setScopes(ad);
  const f = lookupInScope(ad, name, st);
  if (f.rc !== EVAL_OK) return { found: true, ok: f.rc !== EVAL_FAIL, v: f.rc === EVAL_UNDEF ? UNDEF : ERR };
  try {
    return { found: true, ok: true, v: evaluate(f.tree as ExprTree, st) };
  } catch (e) {
    if (e instanceof EvalFailure) return { found: true, ok: false, v: ERR };
    throw e;
  }
}


/** Result of a top-level evaluation: `ok` is false where C++ `Evaluate` returns false. */
export interface EvalResult {
  ok: boolean;
  value: EvalValue;
}

/** Evaluate `expr` with `scope` as the current ad (C++ `ClassAd::EvaluateExpr`). */
export function evaluateIn(expr: ExprTree, scope: ClassAd | null): EvalResult {
  const st = new EvalState();
  st.setScopes(scope);
  try {
    return { ok: true, value: evaluate(expr, st) };
  } catch (e) {
    if (e instanceof EvalFailure) return { ok: false, value: ERR };
    throw e;
  }
}

/** C++ `ClassAd::EvaluateAttr`: look the name up in scope (with parents) and evaluate it. */
export function evaluateAttr(ad: ClassAd, name: string): EvalResult {
  const st = new EvalState();
  st.setScopes(ad);
  const f = lookupInScope(ad, name, st);
  if (f.rc === EVAL_UNDEF) return { ok: true, value: UNDEF };
  if (f.rc === EVAL_ERROR) return { ok: true, value: ERR };
  if (f.rc === EVAL_FAIL) return { ok: false, value: ERR };
  try {
    return { ok: true, value: evaluate(f.tree as ExprTree, st) };
  } catch (e) {
    if (e instanceof EvalFailure) return { ok: false, value: ERR };
    throw e;
  }
}
