/**
 * External and internal attribute references of an expression, ports of C++
 * `ClassAd::_GetExternalReferences` and `_GetInternalReferences` (classad.cpp). The result is a
 * case-insensitive set sorted like C++ `References` (strcasecmp order, first spelling kept).
 */
import { ExprTree, Operation, FunctionCall, ExprList, AttributeReference, NodeKind } from '../ast.js';
import { ClassAd } from '../classad.js';
import { Value } from '../values.js';
import { unparse } from '../unparse.js';
import { EvalState, EvalFailure, evaluate, lookupInScope } from './evaluator.js';
import { strcasecmp } from './operators.js';

/** A case-insensitive ordered set of names, like C++ `References`. */
class RefSet {
  #m = new Map<string, string>();
  add(s: string): void {
    const k = s.toLowerCase();
    if (!this.#m.has(k)) this.#m.set(k, s);
  }
  sorted(): string[] {
    return [...this.#m.values()].sort(strcasecmp);
  }
}

function safeEval(t: ExprTree, state: EvalState): { ok: boolean; v: ReturnType<typeof evaluate> } {
  try {
    return { ok: true, v: evaluate(t, state) };
  } catch (e) {
    if (e instanceof EvalFailure) return { ok: false, v: Value.Error };
    throw e;
  }
}

function ext(expr: ExprTree, state: EvalState, refs: RefSet, fullNames: boolean): boolean {
  switch (expr.kind) {
    case NodeKind.Literal:
      return true;
    case NodeKind.AttrRef: {
      const r = expr as AttributeReference;
      let start: ClassAd | null;
      if (r.expr === null) {
        start = r.absolute ? state.rootAd : state.curAd;
        if (r.absolute && start === null) return false;
      } else {
        const { ok, v } = safeEval(r.expr, state);
        if (!ok) return false;
        if (v === Value.Undefined) {
          if (fullNames) {
            refs.add(unparse(r.expr) + '.' + r.name);
            return true;
          }
          if (state.depth <= 0) return false;
          state.depth--;
          const ret = ext(r.expr, state, refs, fullNames);
          state.depth++;
          return ret;
        }
        if (!(v instanceof ClassAd)) return false;
        start = v;
      }
      if (!start) return false;
      const cur = state.curAd;
      const f = lookupInScope(start, r.name, state);
      if (f.rc === 2) return false;
      if (f.rc === 1) {
        refs.add(r.name);
        state.curAd = cur;
        return true;
      }
      if (f.rc === 0) {
        if (state.depth <= 0) {
          state.curAd = cur;
          return false;
        }
        state.depth--;
        const rv = ext(f.tree as ExprTree, state, refs, fullNames);
        state.depth++;
        state.curAd = cur;
        return rv;
      }
      return false;
    }
    case NodeKind.Op: {
      const o = expr as Operation;
      for (const t of [o.a, o.b, o.c]) if (t && !ext(t, state, refs, fullNames)) return false;
      return true;
    }
    case NodeKind.FnCall:
    case NodeKind.ExprList:
    case NodeKind.ClassAd: {
      const kids: ExprTree[] =
        expr.kind === NodeKind.FnCall
          ? [...(expr as FunctionCall).args]
          : expr.kind === NodeKind.ExprList
            ? [...(expr as ExprList).exprs]
            : [...(expr as ClassAd).exprEntries()].map((e) => e[1]);
      for (const k of kids) {
        if (state.depth <= 0) return false;
        state.depth--;
        const ok = ext(k, state, refs, fullNames);
        state.depth++;
        if (!ok) return false;
      }
      return true;
    }
  }
  return false;
}

function int(expr: ExprTree, state: EvalState & { inAttrRefScope?: boolean }, refs: RefSet, fullNames: boolean): boolean {
  switch (expr.kind) {
    case NodeKind.Literal:
      return true;
    case NodeKind.AttrRef: {
      const r = expr as AttributeReference;
      let start: ClassAd | null;
      if (r.expr === null) {
        start = r.absolute ? state.rootAd : state.curAd;
        if (r.absolute && start === null) return false;
      } else {
        const orig = state.inAttrRefScope;
        state.inAttrRefScope = true;
        const rv = int(r.expr, state, refs, fullNames);
        state.inAttrRefScope = orig;
        if (!rv) return false;
        const { ok, v } = safeEval(r.expr, state);
        if (!ok) return false;
        if (v === Value.Undefined) return true;
        if (!(v instanceof ClassAd)) return false;
        start = v;
      }
      if (!start) return false;
      const cur = state.curAd;
      const f = lookupInScope(start, r.name, state);
      if (f.rc === 2) return false;
      if (f.rc === 1) return true;
      if (f.rc === 0) {
        if (state.curAd === state.rootAd && state.curAd && state.curAd.lookup(r.name)) refs.add(r.name);
        if (state.depth <= 0) {
          state.curAd = cur;
          return false;
        }
        state.depth--;
        const rv = int(f.tree as ExprTree, state, refs, fullNames);
        state.depth++;
        state.curAd = cur;
        return rv;
      }
      return false;
    }
    case NodeKind.Op: {
      const o = expr as Operation;
      for (const t of [o.a, o.b, o.c]) if (t && !int(t, state, refs, fullNames)) return false;
      return true;
    }
    case NodeKind.FnCall: {
      for (const a of (expr as FunctionCall).args) if (!int(a, state, refs, fullNames)) return false;
      return true;
    }
    case NodeKind.ClassAd: {
      if (state.inAttrRefScope) return true;
      for (const [, e] of (expr as ClassAd).exprEntries()) {
        if (state.depth <= 0) return false;
        state.depth--;
        const ok = int(e, state, refs, fullNames);
        state.depth++;
        if (!ok) return false;
      }
      return true;
    }
    default: {
      for (const e of (expr as ExprList).exprs) {
        if (state.depth <= 0) return false;
        state.depth--;
        const ok = int(e, state, refs, fullNames);
        state.depth++;
        if (!ok) return false;
      }
      return true;
    }
  }
}

/** Result of a reference walk: `ok` is false where C++ reports failure; `refs` holds what was found anyway. */
export interface RefsResult {
  ok: boolean;
  refs: string[];
}

/** Names `expr` refers to that `ad` does not define (C++ `GetExternalReferences`, this ad as root). */
export function externalRefs(ad: ClassAd, expr: ExprTree, fullNames = true): RefsResult {
  const st = new EvalState();
  st.rootAd = ad;
  st.curAd = ad;
  const refs = new RefSet();
  const ok = ext(expr, st, refs, fullNames);
  return { ok, refs: refs.sorted() };
}

/** C++ `_GetExternalReferences(expr, ad, state, ...)` within an ongoing evaluation (used by `unresolved()`). */
export function externalRefsIn(expr: ExprTree, _ad: ClassAd, state: EvalState): string[] {
  const refs = new RefSet();
  ext(expr, state, refs, true);
  return refs.sorted();
}

/** Names `expr` refers to that `ad` defines (C++ `GetInternalReferences`, this ad as root). */
export function internalRefs(ad: ClassAd, expr: ExprTree, fullNames = true): RefsResult {
  const st = new EvalState() as EvalState & { inAttrRefScope?: boolean };
  st.rootAd = ad;
  st.curAd = ad;
  const refs = new RefSet();
  const ok = int(expr, st, refs, fullNames);
  return { ok, refs: refs.sorted() };
}
