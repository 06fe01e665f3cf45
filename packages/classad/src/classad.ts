/**
 * The ClassAd container: an ordered, case-insensitive map from attribute names to expressions.
 * It is also an expression node (a nested ad `[a = 1]` is a ClassAd), as in C++ libclassad.
 *
 * Names are matched case-insensitively and keep the spelling of their first insertion (like C++'s
 * `attrList.emplace`, which keeps the existing key when a value is replaced). Iteration follows
 * insertion order (C++ iterates in hash order, so only the set of attributes is comparable with it).
 *
 * Values inserted from the wire may be kept as text and parsed on first access ("lazy"), which makes
 * receiving an ad cheap when only a few attributes are read.
 */
import { ExprTree, NodeKind, Literal, ExprList, Operation, FunctionCall, AttributeReference } from './ast.js';
import { AbsTime, RelTime, Value, INT64_MAX, INT64_MIN } from './values.js';
import type { UndefinedValue, ErrorValue } from './values.js';
import { ClassAdParseError, ClassAdValueError, ClassAdEvaluationError } from './errors.js';
// the evaluator modules import this one; the cycle is only used at run time
import { evaluateAttr } from './eval/evaluator.js';
import { evalValueToJs } from './eval/to-js.js';
import { leftMatchesRight, symmetricMatch, leftRankValue } from './eval/match.js';
import { externalRefs, internalRefs } from './eval/refs.js';
import { flattenExpr } from './eval/flatten.js';
// eval/api.js also connects ExprTree#eval to the evaluator when it loads; using one of its bindings here
// keeps bundlers (the package is "sideEffects": false) from dropping it
import { evaluate as evaluateApi } from './eval/api.js';
import { unparse } from './unparse.js';
import { exprHome } from './expr-bridge.js';
import { unparseJson } from './json.js';
import { splitOldAttribute } from './wire-line.js';
// parser.ts imports this module too; the cycle is safe because both sides only call each other at run time
import { parseOldValue, parseExpression as parseExpressionText, parseClassAd as parseClassAdText } from './parser.js';

/** A JS value as returned by `ClassAd#get` / accepted by `ClassAd#set`. */
export type ClassAdValue =
  | bigint
  | number
  | string
  | boolean
  | AbsTime
  | RelTime
  | UndefinedValue
  | ErrorValue
  | ClassAd
  | ExprTree
  | readonly ClassAdValue[];

/** Values `set` accepts in addition to ClassAdValue: plain objects become nested ads, null/undefined become UNDEFINED. */
export type ClassAdInput = ClassAdValue | null | undefined | { readonly [name: string]: ClassAdInput } | readonly ClassAdInput[];

/**
 * Case folding for names (ASCII, as C++ strcasecmp). A name without upper-case letters is its own key,
 * which avoids allocating a new string for it.
 */
export function foldName(name: string): string {
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) return isAsciiString(name) ? name.toLowerCase() : asciiLowerSlow(name);
  }
  return name;
}

function isAsciiString(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 127) return false;
  return true;
}

/** Lower-case only A-Z (non-ASCII letters are distinct, as with C strcasecmp on bytes). */
function asciiLowerSlow(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    out += c >= 65 && c <= 90 ? String.fromCharCode(c + 32) : s[i];
  }
  return out;
}

/** Whether `name` folds to `key` (which is already folded), without allocating. */
function sameFolded(name: string, key: string): boolean {
  for (let i = 0; i < name.length; i++) {
    let c = name.charCodeAt(i);
    if (c >= 65 && c <= 90) c += 32;
    if (c !== key.charCodeAt(i)) return false;
  }
  return true;
}

/** An ordered, case-insensitive attribute map; also the ClassAd expression node. */
export class ClassAd extends ExprTree implements Iterable<[string, ClassAdValue]> {
  readonly kind = NodeKind.ClassAd;
  /*
   * Storage: parallel arrays in insertion order. A value is an ExprTree, or a string holding the
   * unparsed old-syntax text of a lazily inserted wire value, or null for a deleted slot. The
   * name -> slot index is built on first need, so appending wire lines costs no hashing; building it
   * resolves duplicates the way C++ Insert does (the later value replaces the earlier one in place).
   */
  #names: string[] = [];
  #vals: (ExprTree | string | null)[] = [];
  #index: Map<string, number> | null = new Map();
  /** lookups answered by scanning while the index is not built (a few reads of a fresh wire ad) */
  #scans = 0;
  #count = 0;
  /** the ad this one is nested in (C++ parentScope), used by `parent` references during evaluation */
  parentScope: ClassAd | null = null;

  /**
   * Build an ad from new-syntax text (`"[a = 1; b = 2]"`, as Python `ClassAd(str)`), a plain object, or
   * an iterable of [name, value] pairs.
   */
  constructor(init?: string | Iterable<readonly [string, ClassAdInput]> | { readonly [name: string]: ClassAdInput }) {
    super();
    if (typeof init === 'string') {
      for (const [k, e] of parseClassAdText(init).exprEntries()) this.insert(k, e);
      return;
    }
    if (init) {
      const pairs: Iterable<readonly [string, ClassAdInput]> =
        Symbol.iterator in init
          ? (init as Iterable<readonly [string, ClassAdInput]>)
          : Object.entries(init as { readonly [name: string]: ClassAdInput });
      for (const [k, v] of pairs) this.set(k, v);
    }
  }

  #ensureIndex(): Map<string, number> {
    let idx = this.#index;
    if (idx) return idx;
    idx = new Map();
    const names = this.#names,
      vals = this.#vals;
    let count = 0;
    for (let i = 0; i < names.length; i++) {
      if (vals[i] === null) continue;
      const k = foldName(names[i] as string);
      const j = idx.get(k);
      if (j === undefined) {
        idx.set(k, i);
        count++;
      } else {
        vals[j] = vals[i] as ExprTree | string;
        vals[i] = null;
      }
    }
    this.#count = count;
    this.#index = idx;
    return idx;
  }

  #slot(name: string): number {
    return this.#slotFolded(foldName(name));
  }

  /**
   * Slot of a folded name. While an ad filled from the wire has no index yet, the first few lookups scan
   * the names (duplicates resolved as the index would: the last value at the first position) instead of
   * paying for the whole index: reading three attributes of a fresh 200-attribute ad costs three scans.
   */
  #slotFolded(key: string): number {
    if (this.#index === null && this.#scans < 4) {
      this.#scans++;
      const names = this.#names,
        vals = this.#vals,
        n = key.length;
      let first = -1,
        last = -1,
        count = 0;
      for (let i = 0; i < names.length; i++) {
        const nm = names[i] as string;
        if (nm.length === n && vals[i] !== null && sameFolded(nm, key)) {
          if (first < 0) first = i;
          last = i;
          count++;
        }
      }
      if (count > 1) {
        // resolve the duplicates now, as the index would: the last value at the first position
        vals[first] = vals[last] as ExprTree | string;
        for (let i = first + 1; i <= last; i++) {
          const nm = names[i] as string;
          if (nm.length === n && vals[i] !== null && sameFolded(nm, key)) vals[i] = null;
        }
      }
      return first;
    }
    const i = this.#ensureIndex().get(key);
    return i === undefined ? -1 : i;
  }

  /** Number of attributes. */
  get size(): number {
    this.#ensureIndex();
    return this.#count;
  }

  /** Whether the attribute exists (case-insensitive). */
  has(name: string): boolean {
    return this.#slot(name) >= 0;
  }

  /** Remove an attribute; returns whether it existed. */
  delete(name: string): boolean {
    const idx = this.#ensureIndex();
    const k = foldName(name);
    const i = idx.get(k);
    if (i === undefined) return false;
    idx.delete(k);
    this.#vals[i] = null;
    this.#count--;
    // compact when mostly holes, so iteration stays proportional to the size
    if (this.#names.length > 32 && this.#count * 2 < this.#names.length) this.#compact();
    return true;
  }

  #compact(): void {
    const names: string[] = [];
    const vals: (ExprTree | string)[] = [];
    for (let i = 0; i < this.#names.length; i++) {
      const v = this.#vals[i];
      if (v === null || v === undefined) continue;
      names.push(this.#names[i] as string);
      vals.push(v);
    }
    this.#names = names;
    this.#vals = vals;
    this.#index = null;
  }

  /** Remove every attribute. */
  clear(): void {
    this.#names = [];
    this.#vals = [];
    this.#index = new Map();
    this.#count = 0;
    this.#scans = 0;
  }

  /** The expression of an attribute, or undefined when absent. Throws ClassAdParseError if a lazily kept value does not parse. */
  lookup(name: string): ExprTree | undefined {
    const i = this.#slot(name);
    if (i < 0) return undefined;
    const e = this.#exprAt(i);
    // remember where it came from: `ad.lookup(x).eval()` evaluates in this ad
    if (e.kind !== NodeKind.Literal) exprHome.set(e, this);
    return e;
  }

  /** @internal Lookup by an already folded (lower-case) name: the evaluator's hot path. */
  lookupFolded(key: string): ExprTree | undefined {
    const i = this.#slotFolded(key);
    return i < 0 ? undefined : this.#exprAt(i);
  }

  #exprAt(i: number): ExprTree {
    const v = this.#vals[i] as ExprTree | string;
    if (typeof v !== 'string') return v;
    const expr = parseOldValue(v);
    this.#vals[i] = expr;
    adoptNested(expr, this);
    return expr;
  }

  /**
   * The value of an attribute as a JS value: literals become bigint (integers), number (reals), string,
   * boolean, AbsTime, RelTime, `Value.Undefined` or `Value.Error`; lists become arrays; nested ads are
   * ClassAd objects; any other expression is returned as its ExprTree (not evaluated).
   * Returns `undefined` when the attribute does not exist.
   */
  get(name: string): ClassAdValue | undefined;
  /** As `get`, with a default for a missing attribute (Python `dict.get`). */
  get<D>(name: string, dflt: D): ClassAdValue | D;
  get<D>(name: string, dflt?: D): ClassAdValue | D | undefined {
    const expr = this.lookup(name);
    return expr === undefined ? dflt : exprToValue(expr);
  }

  /** The value of `name`, first setting it to `dflt` when it is missing (Python `setdefault`). */
  setdefault(name: string, dflt: ClassAdInput): ClassAdValue {
    if (!this.has(name)) this.set(name, dflt);
    return this.get(name) as ClassAdValue;
  }

  /** Set an attribute from a JS value or an ExprTree (see ClassAdInput); replaces an existing value in place. */
  set(name: string, value: ClassAdInput): this {
    this.insert(name, valueToExpr(value));
    return this;
  }

  #put(name: string, v: ExprTree | string): void {
    const idx = this.#ensureIndex();
    const k = foldName(name);
    const i = idx.get(k);
    if (i !== undefined) {
      this.#vals[i] = v;
      return;
    }
    idx.set(k, this.#names.length);
    this.#names.push(name);
    this.#vals.push(v);
    this.#count++;
  }

  /** Insert an expression (C++ ClassAd::Insert): an existing attribute keeps its position and spelling. */
  insert(name: string, expr: ExprTree): void {
    if (name.length === 0) throw new ClassAdValueError('attribute name is empty');
    this.#append(name, expr);
    adoptNested(expr, this);
  }

  /**
   * @internal Append the unparsed old-syntax text of a value; it is parsed on first access. Appending
   * skips the name index (a duplicate is resolved when the index is next needed).
   */
  insertRaw(name: string, raw: string): void {
    this.#append(name, raw);
  }

  /** Append without touching the name index while the ad is being filled from the wire. */
  #append(name: string, v: ExprTree | string): void {
    if (this.#index !== null) {
      if (this.#index.size !== 0 || this.#names.length !== 0) {
        this.#put(name, v);
        return;
      }
      // an empty ad switches to append mode; the index is built on first lookup
      this.#index = null;
    }
    this.#names.push(name);
    this.#vals.push(v);
  }

  /** @internal The raw text of a lazily kept attribute, if it has not been parsed yet. */
  rawText(name: string): string | undefined {
    const i = this.#slot(name);
    const v = i < 0 ? undefined : this.#vals[i];
    return typeof v === 'string' ? v : undefined;
  }

  /**
   * Insert one wire / long-form line `Name = expr` (old syntax), as C++ `InsertLongFormAttrValue`:
   * split at the first `=`, parse the rest as one old-syntax expression (trailing text after a complete
   * expression is ignored, as in C++). With `lazy`, the value is kept as text and parsed on first access
   * (a parse error then surfaces as ClassAdParseError from that access). Throws ClassAdParseError for a
   * line without `=` or with an empty name, and (unless lazy) for a value that does not parse.
   */
  insertFromWire(line: string, options?: { lazy?: boolean }): void {
    const split = splitOldAttribute(line);
    if (split === null) throw new ClassAdParseError(`not an attribute assignment: ${JSON.stringify(line.slice(0, 80))}`);
    if (options !== undefined && options.lazy) {
      this.#append(split.name, split.rhs);
      return;
    }
    const expr = parseOldValue(split.rhs);
    this.#append(split.name, expr);
    adoptNested(expr, this);
  }

  /**
   * @internal `insertFromWire` on the line `text[start, end)` without slicing the line first (bulk
   * readers such as parseOldAds). Same splitting rules as C++ SplitLongFormAttrValue.
   */
  insertWireRange(text: string, start: number, end: number, lazy: boolean): void {
    let i = start;
    for (;;) {
      const c = text.charCodeAt(i);
      if (i < end && (c === 32 || (c >= 9 && c <= 13))) i++;
      else break;
    }
    const eq = text.indexOf('=', i);
    if (eq < 0 || eq >= end) throw new ClassAdParseError(`not an attribute assignment: ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))}`);
    let e = eq;
    while (e > i && text.charCodeAt(e - 1) === 32) e--;
    if (e === i) throw new ClassAdParseError(`not an attribute assignment: ${JSON.stringify(text.slice(start, Math.min(end, start + 80)))}`);
    let r = eq + 1;
    while (r < end && text.charCodeAt(r) === 32) r++;
    const name = text.slice(i, e);
    const rhs = text.slice(r, end);
    if (lazy) {
      this.#append(name, rhs);
      return;
    }
    const expr = parseOldValue(rhs);
    this.#append(name, expr);
    adoptNested(expr, this);
  }

  /** Parse every pending lazily kept value now; throws ClassAdParseError for the first that fails. */
  parseAll(): void {
    this.#ensureIndex();
    for (let i = 0; i < this.#vals.length; i++) if (this.#vals[i] !== null) this.#exprAt(i);
  }

  /** [slot, name] of live attributes, in order. */
  *#slots(): IterableIterator<number> {
    this.#ensureIndex();
    for (let i = 0; i < this.#vals.length; i++) if (this.#vals[i] !== null) yield i;
  }

  /**
   * Old ClassAd form, one `Name = value` line per attribute, each ending in a newline
   * (Python `printOld`; C++ `ClassAdUnParser` with `SetOldClassAd(true)`).
   */
  printOld(): string {
    return unparse(this, { old: true });
  }

  /**
   * The attribute lines `putClassAd` sends (`Name = value`, value in old syntax, C++
   * `ClassAdUnParser::SetOldClassAd(true, true)`), in this ad's order.
   */
  wireLines(): string[] {
    const out: string[] = [];
    for (const i of this.#slots()) {
      const v = this.#vals[i] as ExprTree | string;
      // A value still held as the old-syntax text it arrived in goes back out as that text, unparsed.
      out.push(this.#names[i] + ' = ' + (typeof v === 'string' ? v : unparse(v, { old: true, oldValue: true })));
    }
    return out;
  }

  /** JSON form (Python `printJson`; C++ `ClassAdJsonUnParser`), indented; `oneline` for the compact variant. */
  printJson(oneline = false): string {
    return unparseJson(this, oneline);
  }

  /** The JSON form as a plain JS object, for `JSON.stringify` (integers beyond 2^53 lose precision; use printJson for exact text). */
  override toJSON(): unknown {
    return JSON.parse(unparseJson(this, true));
  }

  /** New-syntax form as Python's `str(ClassAd)` prints it (C++ `PrettyPrint`). Use `unparse(ad)` for the compact form. */
  override toString(): string {
    return unparse(this, { pretty: true });
  }

  /**
   * Evaluate an attribute (Python `ClassAd.eval`): the result as a JS value (lists as arrays of
   * evaluated elements, nested ads as ClassAd). A missing attribute evaluates to `Value.Undefined`.
   * Throws ClassAdEvaluationError where C++ evaluation fails (e.g. the recursion limit on `a = a`).
   */
  override eval(name: string): ClassAdValue;
  /** Evaluate this ad as an expression (it evaluates to itself), as `ExprTree#eval`. */
  override eval(scope?: ClassAd | null, target?: ClassAd | null): ClassAdValue;
  override eval(name?: string | ClassAd | null, target?: ClassAd | null): ClassAdValue {
    if (typeof name !== 'string') return super.eval(name, target);
    const r = evaluateAttr(this, name);
    if (!r.ok) throw new ClassAdEvaluationError(`unable to evaluate ${name}`);
    return evalValueToJs(r.value);
  }

  /**
   * Evaluate an expression (an ExprTree, or new-syntax text) in this ad, optionally against a TARGET ad
   * as in matchmaking. Throws ClassAdEvaluationError where C++ evaluation fails.
   */
  evaluate(expr: ExprTree | string, target?: ClassAd): ClassAdValue {
    const t = typeof expr === 'string' ? parseExpressionText(expr) : expr;
    return evaluateApi(t, this, target ?? null);
  }

  /** Whether `other`'s Requirements evaluate to true with this ad as TARGET (Python `matches`). */
  matches(other: ClassAd): boolean {
    return leftMatchesRight(this, other);
  }

  /**
   * This ad's Rank evaluated with `other` as TARGET (what the negotiator and startd compute): the
   * value as a JS value (a number, bigint, or UNDEFINED/ERROR when Rank is missing or not numeric).
   */
  rank(other: ClassAd): ClassAdValue {
    return leftRankValue(this, other);
  }

  /** Whether both ads' Requirements are satisfied (Python `symmetricMatch`). */
  symmetricMatch(other: ClassAd): boolean {
    return symmetricMatch(this, other);
  }

  /** Attributes `expr` refers to that this ad does not define (Python `externalRefs`; full names like `TARGET.Memory`). */
  externalRefs(expr: ExprTree | string): string[] {
    const r = externalRefs(this, typeof expr === 'string' ? parseExpressionText(expr) : expr, true);
    if (!r.ok) throw new ClassAdEvaluationError('unable to determine external references');
    return r.refs;
  }

  /** Attributes `expr` refers to that this ad defines (Python `internalRefs`). */
  internalRefs(expr: ExprTree | string): string[] {
    const r = internalRefs(this, typeof expr === 'string' ? parseExpressionText(expr) : expr, true);
    if (!r.ok) throw new ClassAdEvaluationError('unable to determine internal references');
    return r.refs;
  }

  /**
   * Partial evaluation (Python `flatten`): references to attributes of this ad are replaced by their
   * values and constant sub-expressions folded; undefined references stay. Returns an ExprTree, or the
   * value when the whole expression folded to one.
   */
  flatten(expr: ExprTree | string): ExprTree | ClassAdValue {
    const t = typeof expr === 'string' ? parseExpressionText(expr) : expr;
    const r = flattenExpr(this, t);
    if (!r.ok) throw new ClassAdEvaluationError(`unable to flatten ${unparse(t)}`);
    return r.tree ?? evalValueToJs(r.value);
  }

  /** Attribute names, in insertion order, as first spelled. */
  *keys(): IterableIterator<string> {
    for (const i of this.#slots()) yield this.#names[i] as string;
  }

  /** Attribute values (as `get` returns them), in insertion order. */
  *values(): IterableIterator<ClassAdValue> {
    for (const i of this.#slots()) yield exprToValue(this.#exprAt(i));
  }

  /** [name, value] pairs (values as `get` returns them), in insertion order. */
  *entries(): IterableIterator<[string, ClassAdValue]> {
    for (const i of this.#slots()) yield [this.#names[i] as string, exprToValue(this.#exprAt(i))];
  }

  /** [name, expression] pairs, in insertion order. */
  *exprEntries(): IterableIterator<[string, ExprTree]> {
    for (const i of this.#slots()) yield [this.#names[i] as string, this.#exprAt(i)];
  }

  [Symbol.iterator](): IterableIterator<[string, ClassAdValue]> {
    return this.entries();
  }

  /** Calls `fn` for each attribute, like Map#forEach. */
  forEach(fn: (value: ClassAdValue, name: string, ad: this) => void): void {
    for (const [k, v] of this.entries()) fn(v, k, this);
  }

  /** Copy every attribute of `other` (or of a plain object / pair list) into this ad. */
  update(other: ClassAd | Iterable<readonly [string, ClassAdInput]> | { readonly [name: string]: ClassAdInput }): void {
    if (other instanceof ClassAd) {
      for (const [k, e] of other.exprEntries()) this.insert(k, e);
      return;
    }
    const src = new ClassAd(other);
    for (const [k, e] of src.exprEntries()) this.insert(k, e);
  }
}

/**
 * C++ `ExprTree::SetParentScope` as done by `ClassAd::Insert`: nested ad literals anywhere in the
 * expression get `ad` as their lexical parent (what `parent` refers to inside them).
 */
export function adoptNested(expr: ExprTree, ad: ClassAd): void {
  switch (expr.kind) {
    case NodeKind.ClassAd:
      (expr as ClassAd).parentScope = ad;
      return;
    case NodeKind.Op: {
      const o = expr as Operation;
      adoptNested(o.a, ad);
      if (o.b) adoptNested(o.b, ad);
      if (o.c) adoptNested(o.c, ad);
      return;
    }
    case NodeKind.FnCall:
      for (const a of (expr as FunctionCall).args) adoptNested(a, ad);
      return;
    case NodeKind.ExprList:
      for (const a of (expr as ExprList).exprs) adoptNested(a, ad);
      return;
    case NodeKind.AttrRef: {
      const r = expr as AttributeReference;
      if (r.expr) adoptNested(r.expr, ad);
      return;
    }
  }
}

/** Convert an expression to the JS value `ClassAd#get` returns. */
export function exprToValue(expr: ExprTree): ClassAdValue {
  if (expr instanceof Literal) return expr.value;
  if (expr instanceof ClassAd) return expr;
  if (expr instanceof ExprList) return expr.exprs.map(exprToValue);
  return expr;
}

/** Convert a JS value to an expression (see ClassAdInput). Safe-integer numbers become integers, other numbers reals. */
export function valueToExpr(v: ClassAdInput): ExprTree {
  switch (typeof v) {
    case 'bigint':
      if (v > INT64_MAX || v < INT64_MIN) throw new ClassAdValueError(`integer ${v} does not fit in 64 bits`);
      return new Literal(v);
    case 'number':
      return new Literal(Number.isSafeInteger(v) && !Object.is(v, -0) ? BigInt(v) : v);
    case 'string':
    case 'boolean':
      return new Literal(v);
    case 'symbol':
      if (v === Value.Undefined || v === Value.Error) return new Literal(v);
      break;
    case 'undefined':
      return new Literal(Value.Undefined);
    case 'object':
      if (v === null) return new Literal(Value.Undefined);
      if (v instanceof ExprTree) return v;
      if (v instanceof AbsTime || v instanceof RelTime) return new Literal(v);
      if (Array.isArray(v)) return new ExprList((v as readonly ClassAdInput[]).map(valueToExpr));
      return new ClassAd(v as { readonly [name: string]: ClassAdInput });
  }
  throw new ClassAdValueError(`cannot convert ${typeof v} to a ClassAd value`);
}
