/**
 * @htcondor-ts/classad — the ClassAd language as HTCondor 23.9.6's C++ libclassad implements it.
 *
 * Integers are `bigint` (exact int64), reals are `number`; see values.ts.
 */
export { Value, AbsTime, RelTime, INT64_MAX, INT64_MIN } from './values.js';
export type { LiteralValue, UndefinedValue, ErrorValue } from './values.js';
export {
  ClassAdException,
  ClassAdParseError,
  ClassAdEvaluationError,
  ClassAdTypeError,
  ClassAdValueError,
  ClassAdEnumError,
  ClassAdInternalError,
  ClassAdOSError,
} from './errors.js';
export { ExprTree, Literal, AttributeReference, Operation, FunctionCall, ExprList, NodeKind, OpKind } from './ast.js';
export { ClassAd, exprToValue, valueToExpr } from './classad.js';
export type { ClassAdValue, ClassAdInput } from './classad.js';
export { parseExpression, parseOldValue, parseClassAd, parseClassAdAt, parseOldAttribute } from './parser.js';
export type { ParseOptions } from './parser.js';
export { splitOldAttribute } from './wire-line.js';
export { unparse, unparseOld, unparseString, unparseAttrName } from './unparse.js';
export type { UnparseOptions } from './unparse.js';
export { unparseJson, jsonEscape } from './json.js';
export { parseJsonAd, parseJsonAds } from './json-parse.js';
export { setOldClassAdSemantics, getOldClassAdSemantics } from './lexer.js';
export { formatG16, formatE15, unparseReal } from './real-format.js';
export { Parser, parse, parseOne, parseAds, parseNext, parseOld, parseOldAds, quote, unquote } from './parse-api.js';
export { sameAs } from './same-as.js';
export { Attribute, Function, makeLiteral } from './builders.js';
export { evaluate, simplify, register, setUserMapper } from './eval/api.js';
export type { UserMapper } from './eval/api.js';
export { symmetricMatch, leftMatchesRight, rightMatchesLeft, leftRankValue } from './eval/match.js';
export { unparseXml, printXmlDocument, parseXmlAds } from './xml.js';

/** The HTCondor ClassAd library version whose behaviour this package reproduces (Python `classad.version()`). */
export function version(): string {
  return '23.9.6';
}
export { isPrivateAttribute, isPrivateAttributeV1, isPrivateAttributeV2 } from './private-attrs.js';
export { printAds, AdsFormat } from './ad-list-writer.js';
