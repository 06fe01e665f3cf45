/**
 * @internal Test support (not exported from the package): runs one differential-testing case against
 * this implementation and returns the result in the shape the C++ oracle (test/oracle/oracle.cpp)
 * prints, so that the recorded answers can be compared field by field.
 */
import { ExprTree, ExprList } from './ast.js';
import { ClassAd, adoptNested } from './classad.js';
import { parseExpression, parseOldValue, parseClassAd } from './parser.js';
import { parseJsonAd } from './json-parse.js';
import { unparse, unparseOld } from './unparse.js';
import { unparseJson } from './json.js';
import { ClassAdParseError } from './errors.js';
import { evaluateIn, EvalResult } from './eval/evaluator.js';
import { evaluateWithTarget, symmetricMatch, leftMatchesRight, rightMatchesLeft, withMatchAd } from './eval/match.js';
import { flattenExpr } from './eval/flatten.js';
import { externalRefs, internalRefs } from './eval/refs.js';
import { EvalValue, ListValue, typeOf, VT } from './eval/value.js';
import { Literal } from './ast.js';
import { setOldClassAdSemantics } from './lexer.js';
import { unparseXml, parseXmlAds } from './xml.js';

export type OracleResult = Record<string, unknown>;

const TYPE_NAMES: Record<number, string> = {
  [VT.Undefined]: 'undefined',
  [VT.Error]: 'error',
  [VT.Boolean]: 'boolean',
  [VT.Integer]: 'integer',
  [VT.Real]: 'real',
  [VT.String]: 'string',
  [VT.AbsTime]: 'abstime',
  [VT.RelTime]: 'reltime',
  [VT.ClassAd]: 'classad',
  [VT.List]: 'list',
};

function valueTree(v: EvalValue): ExprTree {
  if (v instanceof ClassAd) return v;
  if (v instanceof ListValue) return new ExprList(v.exprs);
  return new Literal(v);
}

function valueFields(r: EvalResult): OracleResult {
  const t = valueTree(r.value);
  return { ok: r.ok, type: TYPE_NAMES[typeOf(r.value)], value: unparse(t), old: unparseOld(t) };
}

function tryParse<T>(f: () => T): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof ClassAdParseError) return null;
    throw e;
  }
}

/** C++ `leftRankValue` of the match ad, unparsed (`rightRankValue` is the same with the sides swapped). */
function rankText(left: ClassAd, right: ClassAd): string {
  return unparse(withMatchAd(left, right, (m) => valueTree(evaluateIn(m.lookup('leftRankValue') as ExprTree, m).value)));
}

/** Run a case: `cmd` and its arguments exactly as in the corpus (`strict_<cmd>`: old semantics off). */
export function runCase(cmd: string, args: readonly string[]): OracleResult {
  if (cmd.startsWith('strict_')) {
    setOldClassAdSemantics(false);
    try {
      return runCase(cmd.slice(7), args);
    } finally {
      setOldClassAdSemantics(true);
    }
  }
  const a = (i: number): string => args[i] as string;
  switch (cmd) {
    case 'parse': {
      const t = tryParse(() => (a(0) === 'old' ? parseOldValue(a(1)) : parseExpression(a(1))));
      if (!t) return { ok: false };
      return { ok: true, new: unparse(t), old: unparseOld(t) };
    }
    case 'eval': {
      const t = tryParse(() => parseExpression(a(0)));
      if (!t) return { ok: false };
      const my = args.length > 1 ? tryParse(() => parseClassAd(a(1))) : new ClassAd();
      const target = args.length > 2 ? tryParse(() => parseClassAd(a(2))) : null;
      if (!my || (args.length > 2 && !target)) return { ok: false, badad: true };
      adoptNested(t, my);
      const r = target ? evaluateWithTarget(t, my, target) : evaluateIn(t, my);
      return valueFields(r);
    }
    case 'ad': {
      const ad = tryParse(() => parseClassAd(a(0)));
      if (!ad) return { ok: false };
      return { ok: true, new: unparse(ad), old: unparse(ad, { old: true }), json: unparseJson(ad) };
    }
    case 'json': {
      const ad = tryParse(() => parseJsonAd(a(0)));
      if (!ad) return { ok: false };
      return { ok: true, new: unparse(ad) };
    }
    case 'match': {
      const l = tryParse(() => parseClassAd(a(0)));
      const r = tryParse(() => parseClassAd(a(1)));
      if (!l || !r) return { ok: false };
      return {
        ok: true,
        symmetric: symmetricMatch(l, r),
        leftMatchesRight: leftMatchesRight(l, r),
        rightMatchesLeft: rightMatchesLeft(l, r),
        leftRank: rankText(l, r),
        rightRank: rankText(r, l),
      };
    }
    case 'flatten':
    case 'refs': {
      const t = tryParse(() => parseExpression(a(0)));
      const ad = tryParse(() => parseClassAd(a(1)));
      if (!t || !ad) return { ok: false };
      if (cmd === 'flatten') {
        const f = flattenExpr(ad, t);
        if (f.tree) return { ok: f.ok, expr: unparse(f.tree) };
        return valueFields({ ok: f.ok, value: f.value });
      }
      return { ok: true, external: externalRefs(ad, t).refs, internal: internalRefs(ad, t).refs };
    }
    case 'xml': {
      const ad = tryParse(() => parseClassAd(a(0)));
      if (!ad) return { ok: false };
      return { ok: true, xml: unparseXml(ad) };
    }
    case 'xmlparse': {
      const ads = tryParse(() => parseXmlAds(a(0)));
      const ad = ads ? ads[0] : undefined;
      if (!ad) return { ok: false };
      return { ok: true, new: unparse(ad) };
    }
    case 'wire': {
      const ad = tryParse(() => {
        const out = new ClassAd();
        for (const line of a(0).split('\n')) if (line.length) out.insertFromWire(line);
        return out;
      });
      if (!ad) return { ok: false };
      return { ok: true, new: unparse(ad), old: unparse(ad, { old: true }), json: unparseJson(ad), xml: unparseXml(ad) };
    }
  }
  return { ok: false, unknown: true };
}
