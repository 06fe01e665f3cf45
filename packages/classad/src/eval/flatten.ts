/**
 * Partial evaluation, a port of C++ `ExprTree::Flatten` and the node `_Flatten` methods
 * (operators.cpp `_Flatten`/`combine`/`flattenSpecials`, attrrefs.cpp, fnCall.cpp, exprList.cpp,
 * classad.cpp). A flattened node yields either a value (tree null) or a residual tree.
 */
import { ExprTree, Literal, AttributeReference, Operation, FunctionCall, ExprList, OpKind, NodeKind } from '../ast.js';
import { ClassAd } from '../classad.js';
import { RelTime, Value } from '../values.js';
import { EvalValue, ListValue, UNDEF, ERR, boolEquiv } from './value.js';
import { EvalState, EvalFailure, evaluate, lookupInScope, lookupFunction } from './evaluator.js';
import { doOperation } from './operators.js';
import type { OperandsOut } from './operators.js';

interface Flat {
  ok: boolean;
  value: EvalValue;
  tree: ExprTree | null;
  /** operator left pending for an associative parent (C++ `opPtr`) */
  op: number;
}

const NO_OP = 0;

/** A failed flatten; the value is whatever C++ left in its out-parameter (UNDEFINED unless it set ERROR). */
function fail(value: EvalValue = UNDEF): Flat {
  return { ok: false, value, tree: null, op: NO_OP };
}

/** C++ `Literal::MakeLiteral(Value)`: null for lists and ads; relative times lose their fraction. */
function makeLiteral(v: EvalValue): ExprTree | null {
  if (v instanceof ListValue || v instanceof ClassAd) return null;
  if (v instanceof RelTime) return new Literal(new RelTime(Math.trunc(v.secs)));
  return new Literal(v);
}

function opVal(op: OpKind, v1: EvalValue, v2: EvalValue, state: EvalState): EvalValue {
  return doOperation(op, v1, v2, UNDEF, true, true, false, state).v;
}

function flattenAttrRef(r: AttributeReference, state: EvalState): Flat {
  const cur = state.curAd;
  // FindExpr, inlined: we need the found tree without evaluating it
  let start: ClassAd | null;
  let found: { rc: number; tree: ExprTree | null };
  if (r.expr === null) {
    start = r.absolute ? state.rootAd : state.curAd;
    if (r.absolute && start === null) return fail();
  } else {
    const v = evaluate(r.expr, state);
    if (v === Value.Undefined) {
      start = null;
      found = { rc: 1, tree: null };
    } else if (v === Value.Error || !(v instanceof ClassAd || v instanceof ListValue)) {
      state.curAd = cur;
      return { ok: true, value: ERR, tree: null, op: NO_OP };
    } else if (v instanceof ListValue) {
      // list selection: evaluate it like the evaluator does and keep the reference
      state.curAd = cur;
      return { ok: true, value: UNDEF, tree: r, op: NO_OP };
    } else start = v;
  }
  found = start ? lookupInScope(start, r.name, state) : { rc: 1, tree: null };
  if (found.rc === 3) return fail();
  if (found.rc === 2) {
    state.curAd = cur;
    return { ok: true, value: ERR, tree: null, op: NO_OP };
  }
  if (found.rc === 1) {
    if (r.expr && state.flattenAndInline) {
      if (state.depth <= 0) {
        state.curAd = cur;
        return fail(ERR);
      }
      state.depth--;
      const f = flatten(r.expr, state);
      state.depth++;
      if (f.ok && f.tree) {
        state.curAd = cur;
        return { ok: true, value: UNDEF, tree: new AttributeReference(f.tree, r.name, false), op: NO_OP };
      }
    }
    state.curAd = cur;
    return { ok: true, value: UNDEF, tree: r, op: NO_OP };
  }
  const tree = found.tree as ExprTree;
  if (tree.kind === NodeKind.ClassAd) return { ok: true, value: UNDEF, tree: r, op: NO_OP };
  if (state.depth <= 0) {
    state.curAd = cur;
    return fail(ERR);
  }
  state.depth--;
  const f = flatten(tree, state);
  state.depth++;
  if (f.tree) {
    if (state.flattenAndInline) return { ok: f.ok, value: f.value, tree: f.tree, op: NO_OP };
    state.curAd = cur;
    return { ok: f.ok, value: UNDEF, tree: r, op: NO_OP };
  }
  state.curAd = cur;
  return { ok: f.ok, value: f.value, tree: null, op: NO_OP };
}

function mkOp(op: OpKind, a: ExprTree, b: ExprTree | null = null, c: ExprTree | null = null): Operation {
  return new Operation(op, a, b, c);
}

function flattenSpecials(o: Operation, state: EvalState): Flat {
  const op = o.op;
  if (op === OpKind.Parentheses || op === OpKind.UnaryPlus || op === OpKind.UnaryMinus || op === OpKind.LogicalNot || op === OpKind.BitwiseNot) {
    const f1 = flatten(o.a, state);
    if (!f1.ok) return fail();
    if (f1.tree) return { ok: true, value: UNDEF, tree: mkOp(op, f1.tree), op: NO_OP };
    if (op === OpKind.Parentheses) return { ok: true, value: f1.value, tree: null, op: NO_OP };
    return { ok: true, value: doOperation(op, f1.value, UNDEF, UNDEF, true, false, false, state).v, tree: null, op: NO_OP };
  }
  if (op === OpKind.Ternary) {
    const f1 = flatten(o.a, state);
    if (!f1.ok) return fail();
    if (!f1.tree && f1.value !== Value.Undefined) {
      const b = boolEquiv(f1.value);
      if (b === undefined) return { ok: true, value: ERR, tree: null, op: NO_OP };
      if (b) {
        if (o.b) return flatten(o.b, state);
        return fail();
      }
      return flatten(o.c as ExprTree, state);
    }
    let t2: ExprTree | null = null;
    if (o.b) {
      const f2 = flatten(o.b, state);
      if (!f2.ok) return fail();
      t2 = f2.tree ?? makeLiteral(f2.value);
    }
    const f3 = flatten(o.c as ExprTree, state);
    if (!f3.ok) return fail();
    const t3 = f3.tree ?? makeLiteral(f3.value);
    if (!t3) return fail();
    const t1 = f1.tree ?? o.a;
    return { ok: true, value: UNDEF, tree: mkOp(OpKind.Ternary, t1, t2, t3), op: NO_OP };
  }
  // subscript
  const f1 = flatten(o.a, state);
  const f2 = f1.ok ? flatten(o.b as ExprTree, state) : fail();
  if (!f1.ok || !f2.ok) return fail();
  if (!f1.tree && !f2.tree) return { ok: true, value: opVal(op, f1.value, f2.value, state), tree: null, op: NO_OP };
  const c1 = f1.tree ?? makeLiteral(f1.value);
  const c2 = f2.tree ?? makeLiteral(f2.value);
  if (!c1 || !c2) return fail();
  return { ok: true, value: UNDEF, tree: mkOp(op, c1, c2), op: NO_OP };
}

function isNonSplittable(op: OpKind): boolean {
  return (
    (op >= OpKind.LessThan && op <= OpKind.MetaNotEqual) ||
    op === OpKind.Subtraction ||
    op === OpKind.Division ||
    op === OpKind.Modulus ||
    op === OpKind.LeftShift ||
    op === OpKind.RightShift ||
    op === OpKind.URightShift
  );
}

function flattenOperation(o: Operation, state: EvalState, wantOp: boolean): Flat {
  const op = o.op;
  if (isNonSplittable(op)) {
    const f1 = flatten(o.a, state);
    const f2 = f1.ok ? flatten(o.b as ExprTree, state) : fail();
    if (!f1.ok || !f2.ok) return fail();
    if (!f1.tree && !f2.tree) return { ok: true, value: opVal(op, f1.value, f2.value, state), tree: null, op: NO_OP };
    if (f1.tree && f2.tree) return { ok: true, value: UNDEF, tree: mkOp(op, f1.tree, f2.tree), op: NO_OP };
    if (f1.tree) {
      const l = makeLiteral(f2.value);
      return l ? { ok: true, value: UNDEF, tree: mkOp(op, f1.tree, l), op: NO_OP } : { ok: true, value: UNDEF, tree: null, op: NO_OP };
    }
    const l = makeLiteral(f1.value);
    return l ? { ok: true, value: UNDEF, tree: mkOp(op, l, f2.tree as ExprTree), op: NO_OP } : { ok: true, value: UNDEF, tree: null, op: NO_OP };
  }
  if (
    op === OpKind.Ternary ||
    op === OpKind.Subscript ||
    op === OpKind.UnaryPlus ||
    op === OpKind.UnaryMinus ||
    op === OpKind.Parentheses ||
    op === OpKind.LogicalNot ||
    op === OpKind.BitwiseNot
  ) {
    return flattenSpecials(o, state);
  }
  // binary, commutative and associative: + * && || | ^ &
  const f1 = flattenWithOp(o.a, state);
  if (!f1.ok) return fail();
  const f2: Flat = o.b ? flattenWithOp(o.b, state) : { ok: true, value: UNDEF, tree: null, op: NO_OP };
  if (!f2.ok) return fail();
  const c = combine(op, f1, f2, state);
  if (!c) return fail();
  if (!wantOp && c.op !== NO_OP) {
    const l = makeLiteral(c.value);
    if (!l || !c.tree) return fail();
    return { ok: true, value: UNDEF, tree: mkOp(c.op as OpKind, l, c.tree), op: NO_OP };
  }
  return { ok: true, value: c.value, tree: c.tree, op: wantOp ? c.op : NO_OP };
}

/** C++ `Operation::combine`. Returns null on failure. */
function combine(opIn: OpKind, f1: Flat, f2: Flat, state: EvalState): { value: EvalValue; tree: ExprTree | null; op: number } | null {
  const op = opIn;
  const t1 = f1.tree,
    t2 = f2.tree;
  const op1 = f1.op,
    op2 = f2.op;
  let v1 = f1.value,
    v2 = f2.value;
  if ((!t1 || !t2) && (t1 || t2) && (op === OpKind.LogicalOr || op === OpKind.LogicalAnd)) {
    // the operands are passed by reference in C++ and come back converted to booleans
    const io: OperandsOut = { v1: !t1 ? v1 : UNDEF, v2: !t2 ? v2 : UNDEF };
    const val = doOperation(op, io.v1, io.v2, UNDEF, true, true, false, state, io).v;
    if (!t1) v1 = io.v1;
    if (!t2) v2 = io.v2;
    if (typeof val === 'boolean') return { value: val, tree: null, op: NO_OP };
    if (op === OpKind.LogicalAnd && !t1 && v1 === true) return { value: UNDEF, tree: t2, op: NO_OP };
    if (op === OpKind.LogicalAnd && !t2 && v2 === true) return { value: UNDEF, tree: t1, op: NO_OP };
  }
  if (!t1 && !t2) return { value: opVal(op, v1, v2, state), tree: null, op: NO_OP };
  if (!t1 && t2 && op2 === NO_OP) return { value: v1, tree: t2, op };
  if (!t2 && t1 && op1 === NO_OP) return { value: v2, tree: t1, op };
  if (t1 && op1 === NO_OP && t2 && op2 === NO_OP) return { value: UNDEF, tree: mkOp(op, t1, t2), op: NO_OP };
  if ((op1 !== NO_OP || op2 !== NO_OP) && op !== op1 && op !== op2) {
    let n1: ExprTree | null, n2: ExprTree | null;
    if (op1 !== NO_OP) {
      const l = makeLiteral(v1);
      n1 = l && t1 ? mkOp(op1 as OpKind, l, t1) : null;
    } else n1 = t1 ?? makeLiteral(v1);
    if (op2 !== NO_OP) {
      const l = makeLiteral(v2);
      n2 = l && t2 ? mkOp(op2 as OpKind, l, t2) : null;
    } else n2 = t2 ?? makeLiteral(v2);
    if (!n1 || !n2) return null;
    return { value: UNDEF, tree: mkOp(op, n1, n2), op: NO_OP };
  }
  if (op === op1 && op === op2) {
    return { value: opVal(op, v1, v2, state), tree: mkOp(op, t1 as ExprTree, t2 as ExprTree), op };
  }
  if (op === op1) {
    if (!t2) return { value: opVal(op, v1, v2, state), tree: t1, op };
    return { value: v1, tree: mkOp(op, t1 as ExprTree, t2), op };
  }
  if (op === op2) {
    if (!t1) return { value: opVal(op, v1, v2, state), tree: t2, op };
    return { value: v2, tree: mkOp(op, t1, t2 as ExprTree), op };
  }
  return null;
}

function flattenFnCall(f: FunctionCall, state: EvalState): Flat {
  const fn = lookupFunction(f.name);
  if (!fn) return { ok: true, value: ERR, tree: null, op: NO_OP };
  const args: ExprTree[] = [];
  let fold = true;
  for (const a of f.args) {
    const fa = flatten(a, state);
    if (fa.ok) {
      if (fa.tree) {
        args.push(fa.tree);
        fold = false;
        continue;
      }
      const l = makeLiteral(fa.value);
      if (l) {
        args.push(l);
        continue;
      }
    }
    return { ok: false, value: ERR, tree: null, op: NO_OP };
  }
  if (fold) return { ok: true, value: fn(f.name, f.args, state), tree: null, op: NO_OP };
  return { ok: true, value: UNDEF, tree: new FunctionCall(f.name, args), op: NO_OP };
}

function flattenClassAd(ad: ClassAd, state: EvalState): Flat {
  const out = new ClassAd();
  const old = state.curAd;
  state.curAd = ad;
  try {
    for (const [k, e] of ad.exprEntries()) {
      const f = flatten(e, state);
      if (!f.ok) return fail();
      const t = f.tree ?? makeLiteral(f.value);
      if (!t) return fail();
      out.insert(k, t);
    }
  } finally {
    state.curAd = old;
  }
  return { ok: true, value: UNDEF, tree: out, op: NO_OP };
}

function flattenList(l: ExprList, state: EvalState): Flat {
  const xs: ExprTree[] = [];
  for (const e of l.exprs) {
    const f = flatten(e, state);
    if (!f.ok) return fail();
    const t = f.tree ?? makeLiteral(f.value);
    if (!t) return fail();
    xs.push(t);
  }
  return { ok: true, value: UNDEF, tree: new ExprList(xs), op: NO_OP };
}

function flattenWithOp(t: ExprTree, state: EvalState): Flat {
  if (t.kind === NodeKind.Op) return flattenOperation(t as Operation, state, true);
  return flatten(t, state);
}

/** C++ `ExprTree::Flatten` (no pending operator). */
export function flatten(t: ExprTree, state: EvalState): Flat {
  try {
    switch (t.kind) {
      case NodeKind.Literal:
        return { ok: true, value: (t as Literal).value, tree: null, op: NO_OP };
      case NodeKind.AttrRef:
        return flattenAttrRef(t as AttributeReference, state);
      case NodeKind.Op:
        return flattenOperation(t as Operation, state, false);
      case NodeKind.FnCall:
        return flattenFnCall(t as FunctionCall, state);
      case NodeKind.ClassAd:
        return flattenClassAd(t as ClassAd, state);
      default:
        return flattenList(t as ExprList, state);
    }
  } catch (e) {
    if (e instanceof EvalFailure) return fail();
    throw e;
  }
}

/** C++ `ClassAd::Flatten(tree, val, fexpr)`. */
export function flattenExpr(ad: ClassAd, t: ExprTree, inline = false): { ok: boolean; value: EvalValue; tree: ExprTree | null } {
  const st = new EvalState();
  st.setScopes(ad);
  st.flattenAndInline = inline;
  const f = flatten(t, st);
  return { ok: f.ok, value: f.value, tree: f.tree };
}
