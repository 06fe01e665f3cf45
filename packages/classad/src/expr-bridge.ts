/**
 * Late binding between `ExprTree` (ast.ts) and the evaluator. ast.ts cannot import the evaluator
 * statically: the evaluator imports the ClassAd class, which extends ExprTree, and an import cycle
 * would then evaluate `class ClassAd extends ExprTree` before ExprTree exists. The evaluator module
 * installs itself here when loaded; it is always loaded with the parser and the ClassAd class.
 */
import type { ExprTree } from './ast.js';
import type { ClassAd, ClassAdValue } from './classad.js';

export interface EvalBridge {
  evaluate(expr: ExprTree, scope: ClassAd | null, target: ClassAd | null): ClassAdValue;
  simplify(expr: ExprTree, scope: ClassAd | null, target: ClassAd | null): ExprTree;
}

export const bridge: { impl: EvalBridge | null } = { impl: null };

/**
 * The ad an expression was looked up from (`ClassAd#lookup`), so that `expr.eval()` without a scope
 * evaluates it where it lives, as Python's `ad.lookup("x").eval()` does.
 */
export const exprHome = new WeakMap<ExprTree, ClassAd>();
