/** Conversion of evaluation results to the JS values of the public API. */
import type { ClassAdValue } from '../classad.js';
import { EvalValue, ListValue } from './value.js';
import { listElement } from './evaluator.js';

/** Evaluated value to JS: lists become arrays of their evaluated elements (in the list's scope). */
export function evalValueToJs(v: EvalValue): ClassAdValue {
  if (v instanceof ListValue) {
    const out: ClassAdValue[] = [];
    for (let i = 0; i < v.exprs.length; i++) out.push(evalValueToJs(listElement(v, i)));
    return out;
  }
  return v;
}
