/**
 * Builtins on lists and types (C++ fnCall.cpp: isType, testMember, size, sumAvg, minMax, listCompare).
 * Ported from HTCondor 23.9.6, keeping the C++ argument checks and UNDEFINED/ERROR rules.
 */
import { OpKind } from '../ast.js';
import { ClassAd } from '../classad.js';
import { Value } from '../values.js';
import { EvalValue, ListValue, UNDEF, ERR, typeOf, VT, isNumber } from './value.js';
import { doOperation } from './operators.js';
import type { OperandsOut } from './operators.js';
import { registerFunction, BuiltinFn } from './evaluator.js';
import { byteLength } from './convert.js';
import { evalArg, evalElem } from './args.js';


const isType: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  const t = typeOf(a);
  switch (name.toLowerCase()) {
    case 'isundefined':
      return t === VT.Undefined;
    case 'iserror':
      return t === VT.Error;
    case 'isinteger':
      return t === VT.Integer;
    case 'isstring':
      return t === VT.String;
    case 'isreal':
      return t === VT.Real;
    case 'isboolean':
      return t === VT.Boolean;
    case 'isclassad':
      return t === VT.ClassAd;
    case 'islist':
      return t === VT.List;
    case 'isabstime':
      return t === VT.AbsTime;
    case 'isreltime':
      return t === VT.RelTime;
  }
  return ERR;
};


const testMember: BuiltinFn = (name, args, state) => {
  const useIS = name.toLowerCase() === 'identicalmember';
  if (args.length !== 2) return ERR;
  const a0 = evalArg(args, 0, state);
  const a1 = evalArg(args, 1, state);
  if (a1 === Value.Undefined || (!useIS && a0 === Value.Undefined)) return UNDEF;
  if (!(a1 instanceof ListValue) || a0 instanceof ListValue || a0 instanceof ClassAd) return ERR;
  if (!useIS && a0 === Value.Error) return ERR;
  let x0: EvalValue = a0;
  for (const e of a1.exprs) {
    const c = evalElem(e, state);
    const io: OperandsOut = { v1: c, v2: x0 };
    const r = doOperation(useIS ? OpKind.MetaEqual : OpKind.Equal, c, x0, UNDEF, true, true, false, state, io).v;
    x0 = io.v2;
    if (r === true) return true;
  }
  return false;
};

const size: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const a = evalArg(args, 0, state);
  if (a === Value.Undefined) return UNDEF;
  if (a instanceof ListValue) return BigInt(a.exprs.length);
  if (a instanceof ClassAd) return BigInt(a.size);
  if (typeof a === 'string') return BigInt(byteLength(a));
  return ERR;
};

const sumAvg: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const lv = evalArg(args, 0, state);
  if (lv === Value.Undefined) return UNDEF;
  if (!(lv instanceof ListValue)) return ERR;
  const onlySum = name.toLowerCase() === 'sum';
  let result: EvalValue = 0n;
  let len = 0;
  let first = true;
  for (const e of lv.exprs) {
    len++;
    const v = evalElem(e, state);
    if (v === Value.Undefined) {
      len--;
      continue;
    }
    if (!isNumber(v)) return ERR;
    if (first) {
      result = v;
      first = false;
    } else {
      result = doOperation(OpKind.Addition, result, v, UNDEF, true, true, false).v;
    }
  }
  if (onlySum) return result;
  // C++ sets UNDEFINED for an empty list and then overwrites it with the (zero) sum
  if (len > 0) return doOperation(OpKind.Division, result, len, UNDEF, true, true, false).v;
  return result;
};

const minMax: BuiltinFn = (name, args, state) => {
  if (args.length !== 1) return ERR;
  const lv = evalArg(args, 0, state);
  if (lv === Value.Undefined) return UNDEF;
  if (!(lv instanceof ListValue)) return ERR;
  const op = (name[1] ?? '').toLowerCase() === 'i' ? OpKind.LessThan : OpKind.GreaterThan;
  let result: EvalValue = UNDEF;
  let first = true;
  for (const e of lv.exprs) {
    const v = evalElem(e, state);
    if (v === Value.Undefined) continue;
    if (!isNumber(v)) return ERR;
    if (first) {
      result = v;
      first = false;
    } else {
      // the comparison promotes both operands in place (an int result becomes real next to a real)
      const io: OperandsOut = { v1: v, v2: result };
      const r = doOperation(op, v, result, UNDEF, true, true, false, state, io).v;
      result = io.v2;
      if (r === true) result = io.v1;
    }
  }
  return result;
};

const COMPARE_OPS: Record<string, OpKind> = {
  '<': OpKind.LessThan,
  '<=': OpKind.LessOrEqual,
  '!=': OpKind.NotEqual,
  '==': OpKind.Equal,
  '>': OpKind.GreaterThan,
  '>=': OpKind.GreaterOrEqual,
  is: OpKind.MetaEqual,
  isnt: OpKind.MetaNotEqual,
};

const listCompare: BuiltinFn = (name, args, state) => {
  if (args.length !== 3) return ERR;
  const sv = evalArg(args, 0, state);
  if (sv === Value.Undefined) return UNDEF;
  if (typeof sv !== 'string') return ERR;
  const op = Object.prototype.hasOwnProperty.call(COMPARE_OPS, sv) ? COMPARE_OPS[sv] : undefined;
  if (op === undefined) return ERR;
  const lv = evalArg(args, 1, state);
  if (lv === Value.Undefined) return UNDEF;
  if (!(lv instanceof ListValue)) return ERR;
  let cv = evalArg(args, 2, state);
  const needAll = name.toLowerCase() !== 'anycompare';
  for (const e of lv.exprs) {
    const v = evalElem(e, state);
    const io: OperandsOut = { v1: v, v2: cv };
    const r = doOperation(op, v, cv, UNDEF, true, true, false, state, io).v;
    cv = io.v2;
    if (typeof r !== 'boolean') {
      if (r === Value.Undefined) {
        if (needAll) return false;
      } else {
        return ERR;
      }
      return needAll;
    } else if (r) {
      if (!needAll) return true;
    } else if (needAll) return false;
  }
  return needAll;
};

/** Register this group of builtins. */
export function registerListsFunctions(): void {
  registerFunction('isundefined', isType);
  registerFunction('iserror', isType);
  registerFunction('isstring', isType);
  registerFunction('isinteger', isType);
  registerFunction('isreal', isType);
  registerFunction('islist', isType);
  registerFunction('isclassad', isType);
  registerFunction('isboolean', isType);
  registerFunction('isabstime', isType);
  registerFunction('isreltime', isType);
  registerFunction('member', testMember);
  registerFunction('identicalmember', testMember);
  registerFunction('size', size);
  registerFunction('sum', sumAvg);
  registerFunction('avg', sumAvg);
  registerFunction('min', minMax);
  registerFunction('max', minMax);
  registerFunction('anycompare', listCompare);
  registerFunction('allcompare', listCompare);
}
