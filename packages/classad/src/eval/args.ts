/** Argument helpers shared by the builtins. */
import type { ExprTree } from '../ast.js';
import type { EvalValue } from './value.js';
import { EvalState, evaluate } from './evaluator.js';

/** Evaluate argument `i` in the current state. */
export function evalArg(args: readonly ExprTree[], i: number, state: EvalState): EvalValue {
  return evaluate(args[i] as ExprTree, state);
}

/** Evaluate a list element in the state (C++ iterates `for (tree : *el) tree->Evaluate(state, ...)`). */
export function evalElem(e: ExprTree, state: EvalState): EvalValue {
  return evaluate(e, state);
}
