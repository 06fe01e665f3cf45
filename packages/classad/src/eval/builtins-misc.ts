/**
 * Conversion, math and control builtins (C++ fnCall.cpp: int, real, string, bool, unparse, unresolved, floor/ceil/round, pow, quantize, random, ifThenElse, eval, interval, debug).
 * Ported from HTCondor 23.9.6, keeping the C++ argument checks and UNDEFINED/ERROR rules.
 */
import { ExprTree, AttributeReference, NodeKind } from '../ast.js';
import { RelTime, Value } from '../values.js';
import { parseExpression } from '../parser.js';
import { unparse } from '../unparse.js';
import { ClassAdParseError } from '../errors.js';
import { EvalValue, ListValue, UNDEF, ERR, toInt32, realToInt } from './value.js';
import { asciiLower } from './operators.js';
import { EvalFailure, evaluate, registerFunction, derefAttr, BuiltinFn } from './evaluator.js';
import { toStringValue, toRealValue, toIntegerValue } from './convert.js';
import { externalRefsIn } from './refs.js';
import { evalArg } from './args.js';
import { cpow } from './cpow.js';

const ev = evaluate;

const convInt: BuiltinFn = (_n, args, state) => (args.length !== 1 ? ERR : toIntegerValue(evalArg(args, 0, state)));
const convReal: BuiltinFn = (_n, args, state) => (args.length !== 1 ? ERR : toRealValue(evalArg(args, 0, state)));
const convString: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const s = toStringValue(evalArg(args, 0, state));
  return s;
};

const convBool: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  switch (typeof a) {
    case 'boolean':
      return a;
    case 'bigint':
      return a !== 0n;
    case 'number':
      return a !== 0;
    case 'string': {
      const l = asciiLower(a);
      if (l === 'false') return false;
      if (l === 'true') return true;
      return UNDEF;
    }
    case 'symbol':
      return a === Value.Undefined ? UNDEF : ERR;
    default:
      if (a instanceof RelTime) return Math.trunc(a.secs) !== 0;
      return ERR;
  }
};

const unparseFn: BuiltinFn = (_n, args, state) => {
  const a = args[0];
  if (args.length !== 1 || !a || a.kind !== NodeKind.AttrRef) return ERR;
  const attr = unparse(a, { pretty: true });
  const t = state.curAd ? state.curAd.lookup(attr) : undefined;
  return t ? unparse(t, { pretty: true }) : '';
};

const hasRefs: BuiltinFn = (_n, args, state) => {
  const a = args[0];
  if (args.length < 1 || args.length > 2 || !a || a.kind !== NodeKind.AttrRef) return ERR;
  const ref = a as AttributeReference;
  // C++ AttributeReference::Deref leaves state.curAd at the ad where the name was found
  const tree = derefAttr(ref, state);
  if (!tree) return UNDEF;
  const scope = state.curAd;
  let re: RegExp | null = null;
  let result: EvalValue = '';
  if (args.length === 2) {
    const p = evalArg(args, 1, state);
    if (typeof p !== 'string') throw new EvalFailure('pattern not a string');
    try {
      re = new RegExp(p, 'i');
    } catch {
      return ERR;
    }
    result = false;
  }
  if (tree && state.curAd && scope) {
    const names = externalRefsIn(tree, scope, state);
    const out: string[] = [];
    for (let attr of names) {
      if (attr.length >= 7 && asciiLower(attr.slice(0, 7)) === 'target.') attr = attr.slice(7);
      if (re) {
        if (attr.length && re.test(attr)) return true;
      } else out.push(attr);
    }
    if (!re) result = out.join(',');
  }
  return result;
};

/** C rint(): round half to even. */
function rint(x: number): number {
  if (!Number.isFinite(x)) return x;
  const f = Math.floor(x);
  const d = x - f;
  if (d > 0.5) return f + 1;
  if (d < 0.5) return f;
  return f % 2 === 0 ? f : f + 1;
}

const doRound: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  if (typeof a === 'bigint') return a;
  const r = toRealValue(a);
  if (typeof r !== 'number') return ERR;
  switch (name.toLowerCase()) {
    case 'floor':
      return realToInt(Math.floor(r));
    case 'ceil':
    case 'ceiling':
      return realToInt(Math.ceil(r));
    case 'round':
      return realToInt(rint(r));
  }
  return ERR;
};

const doMath2: BuiltinFn = (name, args, state) => {
  if (args.length !== 2) return ERR;
  const a = evalArg(args, 0, state);
  let a2 = evalArg(args, 1, state);
  const n = name.toLowerCase();
  if (n === 'pow') {
    if (typeof a === 'bigint' && typeof a2 === 'bigint' && a2 >= 0n) {
      return realToInt(cpow(Number(a), Number(a2)) + 0.5);
    }
    const rv = toRealValue(a),
      rb = toRealValue(a2);
    if (typeof rv !== 'number' || typeof rb !== 'number') return ERR;
    return cpow(rv, rb);
  }
  if (n === 'quantize') {
    const rvv = toRealValue(a);
    if (typeof rvv !== 'number') return ERR;
    const rval = rvv;
    let rbase: number;
    if (a2 instanceof ListValue) {
      let base: EvalValue = 0;
      rbase = 0;
      for (const e of a2.exprs) {
        base = ev(e, state);
        const bv = toRealValue(base);
        if (typeof bv !== 'number') return ERR;
        rbase = bv;
        if (rbase >= rval) return base;
      }
      a2 = base;
    } else {
      const bv = toRealValue(a2);
      if (typeof bv !== 'number') return ERR;
      rbase = bv;
    }
    if (typeof a2 === 'bigint') {
      const ibase = a2;
      if (ibase === 0n) return a;
      if (typeof a === 'bigint') return ((a + ibase - 1n) / ibase) * ibase;
      return Math.ceil(rval / Number(ibase)) * Number(ibase);
    }
    if (rbase >= -1e-8 && rbase <= 1e-8) return a;
    return Math.ceil(rval / rbase) * rbase;
  }
  return ERR;
};

const randomFn: BuiltinFn = (_n, args, state) => {
  if (args.length > 1) return ERR;
  const a: EvalValue = args.length === 0 ? 1 : evalArg(args, 0, state);
  if (typeof a === 'bigint') {
    const m = toInt32(a);
    if (m <= 0) throw new EvalFailure('random bound');
    return BigInt(Math.floor(Math.random() * 2147483648) % m);
  }
  if (typeof a === 'number') {
    if (a <= 0) throw new EvalFailure('random bound');
    return a * Math.random();
  }
  return ERR;
};

const ifThenElse: BuiltinFn = (_n, args, state) => {
  if (args.length !== 3) return ERR;
  const c = evalArg(args, 0, state);
  let b: boolean;
  switch (typeof c) {
    case 'boolean':
      b = c;
      break;
    case 'bigint':
      b = c !== 0n;
      break;
    case 'number':
      b = c !== 0;
      break;
    default:
      return c === Value.Undefined ? UNDEF : ERR;
  }
  return evalArg(args, b ? 1 : 2, state);
};

const evalFn: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  const s = toStringValue(a);
  if (typeof s !== 'string') return ERR;
  if (state.depth <= 0) throw new EvalFailure('recursion limit');
  let expr: ExprTree;
  try {
    expr = parseExpression(s);
  } catch (e) {
    if (e instanceof ClassAdParseError) return ERR;
    throw e;
  }
  state.depth--;
  try {
    return ev(expr, state);
  } finally {
    state.depth++;
  }
};

const interval: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const iv = toIntegerValue(evalArg(args, 0, state));
  if (typeof iv !== 'bigint') return ERR;
  let tot = toInt32(iv);
  const days = Math.trunc(tot / 86400);
  tot %= 86400;
  const hours = Math.trunc(tot / 3600);
  tot %= 3600;
  const min = Math.trunc(tot / 60);
  const secs = tot % 60;
  const p2 = (n: number): string => String(Math.abs(n)).padStart(2, '0');
  if (days !== 0) return `${days}+${p2(hours)}:${p2(min)}:${p2(secs)}`;
  if (hours !== 0) return `${hours}:${p2(min)}:${p2(secs)}`;
  if (min !== 0) return `${min}:${p2(secs)}`;
  return String(secs);
};

const debugFn: BuiltinFn = (_n, args, state) => (args.length !== 1 ? ERR : evalArg(args, 0, state));

/** Register this group of builtins. */
export function registerMiscFunctions(): void {
  registerFunction('int', convInt);
  registerFunction('real', convReal);
  registerFunction('string', convString);
  registerFunction('bool', convBool);
  registerFunction('unparse', unparseFn);
  registerFunction('unresolved', hasRefs);
  registerFunction('floor', doRound);
  registerFunction('ceil', doRound);
  registerFunction('ceiling', doRound);
  registerFunction('round', doRound);
  registerFunction('pow', doMath2);
  registerFunction('quantize', doMath2);
  registerFunction('random', randomFn);
  registerFunction('ifThenElse', ifThenElse);
  registerFunction('interval', interval);
  registerFunction('eval', evalFn);
  registerFunction('debug', debugFn);
}
