/**
 * Public evaluation API: `evaluate`, `simplify`, user functions (`register`, Python `classad.register`)
 * and the pluggable `userMap` mapper. Loading this module also connects `ExprTree#eval`/`simplify`
 * to the evaluator (see expr-bridge.ts); classad.ts imports it, so it is loaded with the ClassAd class.
 */
import { ExprTree, Literal, ExprList } from '../ast.js';
import { ClassAd, valueToExpr } from '../classad.js';
import type { ClassAdValue, ClassAdInput } from '../classad.js';
import { bridge } from '../expr-bridge.js';
import { ClassAdEvaluationError, ClassAdValueError } from '../errors.js';
import { unparse } from '../unparse.js';
import { evaluateIn, evaluate as evalNode, registerFunction, EvalState, EvalResult } from './evaluator.js';
import { evaluateWithTarget } from './match.js';
import { evalValueToJs } from './to-js.js';
import { ListValue, EvalValue } from './value.js';
import { adoptNested } from '../classad.js';
import { Value } from '../values.js';

function run(expr: ExprTree, scope: ClassAd | null, target: ClassAd | null): EvalResult {
  const my = scope ?? (target ? new ClassAd() : null);
  if (my) adoptNested(expr, my);
  return target && my ? evaluateWithTarget(expr, my, target) : evaluateIn(expr, my);
}

/**
 * Evaluate an expression in `scope` (optionally against `target`, as in matchmaking) and return the JS
 * value (Python `ExprTree.eval`). Throws ClassAdEvaluationError where C++ evaluation fails.
 */
export function evaluate(expr: ExprTree, scope: ClassAd | null = null, target: ClassAd | null = null): ClassAdValue {
  const r = run(expr, scope, target);
  if (!r.ok) throw new ClassAdEvaluationError(`unable to evaluate ${unparse(expr)}`);
  return evalValueToJs(r.value);
}

function valueTree(v: EvalValue): ExprTree {
  if (v instanceof ClassAd) return v;
  if (v instanceof ListValue) return new ExprList(v.exprs);
  return new Literal(v);
}

/** Evaluate and return the result as an expression (Python `ExprTree.simplify`). */
export function simplify(expr: ExprTree, scope: ClassAd | null = null, target: ClassAd | null = null): ExprTree {
  const r = run(expr, scope, target);
  if (!r.ok) throw new ClassAdEvaluationError(`unable to evaluate ${unparse(expr)}`);
  return valueTree(r.value);
}

bridge.impl = { evaluate, simplify };

/**
 * Register a JS function as a ClassAd function (Python `classad.register`). It receives its arguments
 * evaluated, as JS values (as `ClassAd#eval` returns them), and returns a ClassAdInput (a JS value or an
 * ExprTree, which is then evaluated). A thrown error makes the call evaluate to ERROR. Names are
 * case-insensitive; a user function replaces a builtin of the same name.
 */
export function register(name: string, fn: (...args: ClassAdValue[]) => ClassAdInput): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new ClassAdValueError(`not a function name: ${name}`);
  registerFunction(
    name,
    (_n, args, state: EvalState) => {
      const vals = args.map((a) => evalValueToJs(evalNode(a, state)));
      let out: ClassAdInput;
      try {
        out = fn(...vals);
      } catch {
        return Value.Error;
      }
      const t = valueToExpr(out);
      return evalNode(t, state);
    },
    true,
  );
}

/** The mapping behind `userMap(mapName, input)`: a list of outputs, or undefined when there is no mapping. */
export type UserMapper = (mapName: string, input: string) => readonly string[] | string | undefined;
let userMapper: UserMapper | null = null;
/** Install the mapping `userMap()` consults (HTCondor reads CLASSAD_USER_MAPFILE_*; a client supplies its own). */
export function setUserMapper(m: UserMapper | null): void {
  userMapper = m;
}
/** @internal */
export function getUserMapper(): UserMapper | null {
  return userMapper;
}
