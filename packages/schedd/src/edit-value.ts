// What edit() sends: attribute names checked as the schedd's IsValidAttrName does, and values as the old-syntax
// expression text the schedd parses (ParseClassAdRvalExpr). As in the bindings, a string value IS expression text:
// to set the string foo, pass '"foo"'.
import { ClassAd, ExprTree, parseExpression, unparseOld, valueToExpr } from '@htcondor-ts/classad';
import { HTCondorValueError } from '@htcondor-ts/core';
import { HTCondorProtectedAttributeError } from './errors.js';

/** An attribute's new value: expression text, an ExprTree, or a literal. */
export type EditValue = string | ExprTree | number | bigint | boolean;

/**
 * Several attributes at once: a ClassAd, or a plain object of values where `null` deletes the attribute (by job
 * ids only, as in the v1 bindings' edit with an ad).
 */
export type EditAttributes = ClassAd | { readonly [attr: string]: EditValue | null };

const ATTR_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/**
 * The schedd's SYSTEM_SECURE_JOB_ATTRS default (param_info.in): only the schedd may set these. A client edit of one
 * is not refused by 23.9.6 but silently dropped (IGNORE_ATTEMPTS_TO_SET_SECURE_JOB_ATTRS), so we refuse it here,
 * rather than report an edit that did not happen.
 */
export const SECURE_JOB_ATTRS: ReadonlySet<string> = new Set(
  'x509userProxySubject x509UserProxyEmail x509UserProxyVOName x509UserProxyFirstFQAN x509UserProxyFQAN TotalSubmitProcs AuthTokenSubject AuthTokenIssuer AuthTokenGroups AuthTokenId AuthTokenScopes'
    .split(' ')
    .map((a) => a.toLowerCase()),
);

/** SYSTEM_IMMUTABLE_JOB_ATTRS: the schedd refuses changes to these on a committed job (EACCES). */
export const IMMUTABLE_JOB_ATTRS: ReadonlySet<string> = new Set('Owner ClusterId ProcId MyType TargetType User'.split(' ').map((a) => a.toLowerCase()));

export function checkAttrName(attr: string): void {
  if (typeof attr !== 'string' || !ATTR_NAME.test(attr)) {
    throw new HTCondorValueError(`${JSON.stringify(attr)} is not a job attribute name (letters, digits and _, not starting with a digit)`);
  }
  if (SECURE_JOB_ATTRS.has(attr.toLowerCase())) {
    throw new HTCondorProtectedAttributeError(
      `${attr} is a secure job attribute that only the schedd may set; the schedd would silently ignore this edit, so it was not sent`,
      { attribute: attr },
    );
  }
}

/** The wire text of a value; a string is validated as an expression but sent as given (as the bindings do). */
export function valueText(attr: string, value: EditValue): string {
  if (typeof value === 'string') {
    if (value.trim() === '') throw new HTCondorValueError(`the new value of ${attr} is empty: give an expression (a string value needs quotes, e.g. '"foo"')`);
    try {
      // The whole text must be one expression: the schedd's parser (like parseOldValue) would ignore trailing junk.
      parseExpression(value);
    } catch (e) {
      throw new HTCondorValueError(`the new value of ${attr}, ${JSON.stringify(value)}, is not a ClassAd expression (a string value needs quotes, e.g. '"foo"')`, {
        cause: e,
      });
    }
    return value;
  }
  if (value instanceof ExprTree) return unparseOld(value);
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return unparseOld(valueToExpr(value));
  throw new HTCondorValueError(`the new value of ${attr} must be expression text, an ExprTree, a number, a bigint or a boolean`);
}

/** [name, wire text] pairs of a multi-attribute edit, each checked; a null text deletes the attribute. */
export function editPairs(attrs: EditAttributes): Array<[string, string | null]> {
  const out: Array<[string, string | null]> = [];
  if (attrs instanceof ClassAd) {
    for (const name of attrs.keys()) {
      checkAttrName(name);
      out.push([name, unparseOld(attrs.lookup(name)!)]);
    }
  } else {
    for (const [name, v] of Object.entries(attrs)) {
      checkAttrName(name);
      out.push([name, v === null ? null : valueText(name, v)]);
    }
  }
  if (out.length === 0) throw new HTCondorValueError('nothing to edit: the attribute set is empty');
  return out;
}

/** The result of an edit (htcondor.EditResult): how many jobs were edited. */
export class EditResult {
  /** The number of jobs edited. */
  readonly changes: number;
  constructor(changes: number) {
    this.changes = changes;
  }
  valueOf(): number {
    return this.changes;
  }
  toString(): string {
    return `edited ${this.changes} jobs`;
  }
}
