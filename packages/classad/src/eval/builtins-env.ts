/**
 * HTCondor's argument and environment functions (compat_classad.cpp): argsToList, listToArgs,
 * envV1ToV2, mergeEnvironment, with the syntaxes of condor_arglist.cpp (`split_args`, `append_arg`)
 * and env.cpp (`MergeFromV1AutoDelim`, `MergeFromV2Raw`, `getDelimitedStringV2Raw`).
 */
import { ExprTree, Literal } from '../ast.js';
import { Value } from '../values.js';
import { EvalValue, ListValue, UNDEF, ERR, toInt32 } from './value.js';
import { EvalState, evaluate, registerFunction, BuiltinFn } from './evaluator.js';
import { strcmp } from './operators.js';

/** condor_arglist.cpp `split_args` (V2 raw syntax); null on an unbalanced quote. */
export function splitArgs(s: string): string[] | null {
  const out: string[] = [];
  let buf = '';
  let token = false;
  let i = 0;
  while (i < s.length) {
    const c = s[i] as string;
    if (c === "'") {
      i++;
      token = true;
      for (;;) {
        if (i >= s.length) return null;
        if (s[i] === "'") {
          if (s[i + 1] === "'") {
            buf += "'";
            i += 2;
          } else break;
        } else buf += s[i++];
      }
      i++;
    } else if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      if (token) {
        token = false;
        out.push(buf);
        buf = '';
      }
    } else {
      token = true;
      buf += c;
      i++;
    }
  }
  if (token) out.push(buf);
  return out;
}

/** condor_arglist.cpp `append_arg` / `join_args`: V2 raw quoting with single quotes. */
export function joinArgs(args: readonly string[]): string {
  let result = '';
  for (const arg of args) {
    if (result.length) result += ' ';
    if (!arg.length) result += "''";
    for (const c of arg) {
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === "'") {
        if (result.length && result[result.length - 1] === "'") result = result.slice(0, -1);
        else result += "'";
        if (c === "'") result += "'";
        result += c + "'";
      } else result += c;
    }
  }
  return result;
}

/** Unix V1 argument syntax: split on white space. */
function splitArgsV1(s: string): string[] {
  return s.split(/[ \t\n\r]+/).filter((x) => x.length);
}

function version(args: readonly ExprTree[], state: EvalState): number | EvalValue {
  if (args.length !== 2) return 2;
  const v = evaluate(args[1] as ExprTree, state);
  if (typeof v !== 'bigint') return ERR;
  const n = toInt32(v);
  return n === 1 || n === 2 ? n : ERR;
}

const argsToList: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1 && args.length !== 2) return ERR;
  const vers = version(args, state);
  if (typeof vers !== 'number') return vers;
  const v = evaluate(args[0] as ExprTree, state);
  if (typeof v !== 'string') return ERR;
  const list = vers === 1 ? splitArgsV1(v) : splitArgs(v);
  if (!list) return ERR;
  return new ListValue(
    list.map((s) => new Literal(s)),
    null,
  );
};

const listToArgs: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1 && args.length !== 2) return ERR;
  const vers = version(args, state);
  if (typeof vers !== 'number') return vers;
  const v = evaluate(args[0] as ExprTree, state);
  if (!(v instanceof ListValue)) return ERR;
  const items: string[] = [];
  for (const e of v.exprs) {
    const x = evaluate(e, state);
    if (typeof x !== 'string') return ERR;
    items.push(x);
  }
  if (vers === 1) {
    if (items.some((x) => /[ \t\r\n]/.test(x))) return ERR;
    return items.join(' ');
  }
  return joinArgs(items);
};

const NO_VALUE = '\u0001\u0002\u0003\u0004\u0005\u0006';

/** env.cpp `SetEnvWithErrorMessage`; false on a malformed entry. */
function setEnv(env: Map<string, string>, entry: string): boolean {
  if (!entry.length) return false;
  const eq = entry.indexOf('=');
  if (eq < 0 && entry.includes('$$')) {
    env.set(entry, NO_VALUE);
    return true;
  }
  if (eq <= 0) return false;
  env.set(entry.slice(0, eq), entry.slice(eq + 1));
  return true;
}

function envToV2(env: Map<string, string>): string {
  const keys = [...env.keys()].sort(strcmp);
  return joinArgs(keys.map((k) => (env.get(k) === NO_VALUE ? k : `${k}=${env.get(k) as string}`)));
}

const PERMITTED_DELIMS = '!#$%&*+,-/:;<>?@^`|~\u001f';

const envV1ToV2: BuiltinFn = (_n, args, state) => {
  if (args.length !== 1) return ERR;
  const v = evaluate(args[0] as ExprTree, state);
  if (v === Value.Undefined) return UNDEF;
  if (typeof v !== 'string') return ERR;
  const env = new Map<string, string>();
  if (v.length) {
    let delim = ';';
    let s = v;
    const ch = s[0] as string;
    if (ch === delim) s = s.slice(1);
    else if (PERMITTED_DELIMS.includes(ch)) {
      delim = ch;
      s = s.slice(1);
    }
    // env.cpp ReadFromDelimitedString: strip leading white space, read to the delimiter or a newline
    let i = 0;
    while (i < s.length) {
      while (i < s.length && (s[i] === ' ' || s[i] === '\t' || s[i] === '\n' || s[i] === '\r')) i++;
      let out = '';
      while (i < s.length) {
        const c = s[i++] as string;
        if (c === '\n' || c === delim) break;
        out += c;
      }
      if (out.length && !setEnv(env, out)) return ERR;
    }
  }
  return envToV2(env);
};

const mergeEnvironment: BuiltinFn = (_n, args, state) => {
  const env = new Map<string, string>();
  for (const a of args) {
    const v = evaluate(a, state);
    if (v === Value.Undefined) continue;
    if (typeof v !== 'string') return ERR;
    const entries = splitArgs(v);
    if (!entries) return ERR;
    for (const e of entries) if (!setEnv(env, e)) return ERR;
  }
  return envToV2(env);
};

export function registerEnvFunctions(): void {
  registerFunction('envV1ToV2', envV1ToV2);
  registerFunction('mergeEnvironment', mergeEnvironment);
  registerFunction('listToArgs', listToArgs);
  registerFunction('argsToList', argsToList);
}
