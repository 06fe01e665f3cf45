/**
 * ClassAd evaluation where configuration needs it ($INT, $REAL, $STRING, $EVAL, typed params): HTCondor parses
 * the text as a new-syntax ClassAd expression and evaluates it in an empty ad; so do we, with
 * @htcondor-ts/classad. Text that does not parse yields undefined (callers then use the text as is).
 */
import {
  ClassAd,
  ClassAdEvaluationError,
  ClassAdParseError,
  unparse as unparseExpr,
  unparseReal,
  Value,
  valueToExpr,
  type ClassAdValue,
} from '@htcondor-ts/classad';
import { fromBytes, toBytes } from './bytes.js';

export type ExprValue =
  | { readonly t: 'int'; readonly v: number }
  | { readonly t: 'real'; readonly v: number }
  | { readonly t: 'string'; readonly v: string }
  | { readonly t: 'bool'; readonly v: boolean }
  | { readonly t: 'undefined' }
  | { readonly t: 'error' }
  /** lists, ads, times: kept for unparsing */
  | { readonly t: 'other'; readonly v: ClassAdValue };

function convert(v: ClassAdValue): ExprValue {
  if (typeof v === 'bigint') return { t: 'int', v: Number(v) };
  if (typeof v === 'number') return { t: 'real', v };
  if (typeof v === 'string') return { t: 'string', v: toBytes(v) };
  if (typeof v === 'boolean') return { t: 'bool', v };
  if (v === Value.Undefined) return { t: 'undefined' };
  if (v === Value.Error) return { t: 'error' };
  return { t: 'other', v };
}

/** Parses and evaluates `text` (ParseClassAdRvalExpr + EvaluateExpr); undefined when it does not parse. */
export function evaluateExpr(text: string): ExprValue | undefined {
  if (text.trim() === '') return undefined;
  try {
    return convert(new ClassAd().evaluate(fromBytes(text)));
  } catch (e) {
    if (e instanceof ClassAdParseError) return undefined;
    if (e instanceof ClassAdEvaluationError) return { t: 'error' };
    throw e;
  }
}

/** ClassAdUnParser's spelling of a value (what $EVAL prints for non-strings). */
export function unparse(v: ExprValue): string {
  switch (v.t) {
    case 'int': return unparseExpr(valueToExpr(BigInt(v.v)));
    // valueToExpr would make an integral number an integer literal; a ClassAd real keeps its real spelling
    case 'real': return unparseReal(v.v, false);
    case 'bool': return unparseExpr(valueToExpr(v.v));
    case 'string': return toBytes(unparseExpr(valueToExpr(fromBytes(v.v))));
    case 'undefined': return 'undefined';
    case 'error': return 'error';
    case 'other': return toBytes(unparseExpr(valueToExpr(v.v)));
  }
}
