/**
 * Recursive-descent parser, a port of C++ `ClassAdParser` (src/classad/source.cpp, 23.9.6).
 *
 * The sub-parsers return the tree or null, as the C++ ones return false, so that the C++ behaviour on
 * malformed input is kept exactly (including its oddities, e.g. a failed middle operand of `?:` followed by
 * `:` yields the `a ?: b` form, and trailing text after a top-level `a ? b : c` is not checked).
 * Public entry points turn a null into a ClassAdParseError.
 */
import { ExprTree, Literal, AttributeReference, Operation, FunctionCall, ExprList, OpKind } from './ast.js';
import { ClassAd } from './classad.js';
import { Lexer, Tok, tokName, getOldClassAdSemantics, isSpace } from './lexer.js';
import { Value } from './values.js';
import { ClassAdParseError } from './errors.js';
import { splitOldAttribute } from './wire-line.js';
import { parseAbsTimeString, parseRelTimeString } from './time-literals.js';

/** Nesting limit of parseExpression, as the C++ parser (it returns false beyond 1000). */
const MAX_DEPTH = 1000;

class Parser {
  readonly lx: Lexer;
  depth = 0;
  error = '';

  constructor(src: string, old: boolean, start = 0) {
    this.lx = new Lexer(src, old, start);
  }

  fail(msg: string): null {
    if (!this.error) this.error = msg;
    return null;
  }

  parseExpression(full: boolean): ExprTree | null {
    if (++this.depth > MAX_DEPTH) {
      this.depth--;
      return this.fail('expression nested too deeply');
    }
    try {
      const lx = this.lx;
      const tree = this.parseLogicalOr();
      if (tree === null) return null;
      if (lx.peek() === Tok.QMark) {
        lx.consume();
        let middle: ExprTree | null = null;
        if (lx.peek() === Tok.Colon) {
          lx.consume();
        } else {
          middle = this.parseExpression(false);
          const tt = lx.consume();
          if (tt !== Tok.Colon) return this.fail(`expected Colon, but got ${tokName(tt)}`);
        }
        const right = this.parseExpression(false);
        if (right === null) return null;
        return new Operation(OpKind.Ternary, tree, middle, right);
      }
      if (full) {
        const tt = lx.consume();
        if (tt !== Tok.End) return this.fail(`expected end of input on full parse, but got ${tokName(tt)}`);
      }
      return tree;
    } finally {
      this.depth--;
    }
  }

  parseLogicalOr(): ExprTree | null {
    let tree = this.parseLogicalAnd();
    if (tree === null) return null;
    while (this.lx.peek() === Tok.LogicalOr) {
      this.lx.consume();
      const r = this.parseLogicalAnd();
      if (r === null) return null;
      tree = new Operation(OpKind.LogicalOr, tree, r);
    }
    return tree;
  }

  parseLogicalAnd(): ExprTree | null {
    let tree = this.parseInclusiveOr();
    if (tree === null) return null;
    while (this.lx.peek() === Tok.LogicalAnd) {
      this.lx.consume();
      const r = this.parseInclusiveOr();
      if (r === null) return null;
      tree = new Operation(OpKind.LogicalAnd, tree, r);
    }
    return tree;
  }

  parseInclusiveOr(): ExprTree | null {
    let tree = this.parseExclusiveOr();
    if (tree === null) return null;
    while (this.lx.peek() === Tok.BitOr) {
      this.lx.consume();
      const r = this.parseExclusiveOr();
      if (r === null) return null;
      tree = new Operation(OpKind.BitwiseOr, tree, r);
    }
    return tree;
  }

  parseExclusiveOr(): ExprTree | null {
    let tree = this.parseAnd();
    if (tree === null) return null;
    while (this.lx.peek() === Tok.BitXor) {
      this.lx.consume();
      const r = this.parseAnd();
      if (r === null) return null;
      tree = new Operation(OpKind.BitwiseXor, tree, r);
    }
    return tree;
  }

  parseAnd(): ExprTree | null {
    let tree = this.parseEquality();
    if (tree === null) return null;
    while (this.lx.peek() === Tok.BitAnd) {
      this.lx.consume();
      const r = this.parseEquality();
      if (r === null) return null;
      tree = new Operation(OpKind.BitwiseAnd, tree, r);
    }
    return tree;
  }

  parseEquality(): ExprTree | null {
    let tree = this.parseRelational();
    if (tree === null) return null;
    for (;;) {
      const tt = this.lx.peek();
      let op: OpKind;
      if (tt === Tok.Equal) op = OpKind.Equal;
      else if (tt === Tok.NotEqual) op = OpKind.NotEqual;
      else if (tt === Tok.MetaEqual) op = OpKind.MetaEqual;
      else if (tt === Tok.MetaNotEqual) op = OpKind.MetaNotEqual;
      else return tree;
      this.lx.consume();
      const r = this.parseRelational();
      if (r === null) return null;
      tree = new Operation(op, tree, r);
    }
  }

  parseRelational(): ExprTree | null {
    let tree = this.parseShift();
    if (tree === null) return null;
    for (;;) {
      const tt = this.lx.peek();
      let op: OpKind;
      if (tt === Tok.Less) op = OpKind.LessThan;
      else if (tt === Tok.LessEq) op = OpKind.LessOrEqual;
      else if (tt === Tok.Greater) op = OpKind.GreaterThan;
      else if (tt === Tok.GreaterEq) op = OpKind.GreaterOrEqual;
      else return tree;
      this.lx.consume();
      const r = this.parseShift();
      if (r === null) return null;
      tree = new Operation(op, tree, r);
    }
  }

  parseShift(): ExprTree | null {
    let tree = this.parseAdditive();
    if (tree === null) return null;
    for (;;) {
      const tt = this.lx.peek();
      let op: OpKind;
      if (tt === Tok.LeftShift) op = OpKind.LeftShift;
      else if (tt === Tok.RightShift) op = OpKind.RightShift;
      else if (tt === Tok.URightShift) op = OpKind.URightShift;
      else return tree;
      this.lx.consume();
      const r = this.parseAdditive();
      if (r === null) return null;
      tree = new Operation(op, tree, r);
    }
  }

  parseAdditive(): ExprTree | null {
    let tree = this.parseMultiplicative();
    if (tree === null) return null;
    for (;;) {
      const tt = this.lx.peek();
      if (tt !== Tok.Plus && tt !== Tok.Minus) return tree;
      this.lx.consume();
      const r = this.parseMultiplicative();
      if (r === null) return null;
      tree = new Operation(tt === Tok.Plus ? OpKind.Addition : OpKind.Subtraction, tree, r);
    }
  }

  parseMultiplicative(): ExprTree | null {
    let tree = this.parseUnary();
    if (tree === null) return null;
    for (;;) {
      const tt = this.lx.peek();
      let op: OpKind;
      if (tt === Tok.Multiply) op = OpKind.Multiplication;
      else if (tt === Tok.Divide) op = OpKind.Division;
      else if (tt === Tok.Modulus) op = OpKind.Modulus;
      else return tree;
      this.lx.consume();
      const r = this.parseUnary();
      if (r === null) return null;
      tree = new Operation(op, tree, r);
    }
  }

  parseUnary(): ExprTree | null {
    const tt = this.lx.peek();
    let op: OpKind;
    if (tt === Tok.Minus) op = OpKind.UnaryMinus;
    else if (tt === Tok.Plus) op = OpKind.UnaryPlus;
    else if (tt === Tok.BitNot) op = OpKind.BitwiseNot;
    else if (tt === Tok.LogicalNot) op = OpKind.LogicalNot;
    else return this.parsePostfix();
    this.lx.consume();
    const m = this.parseUnary();
    if (m === null) return null;
    return new Operation(op, m);
  }

  parsePostfix(): ExprTree | null {
    let tree = this.parsePrimary();
    if (tree === null) return null;
    const lx = this.lx;
    for (;;) {
      const tt = lx.peek();
      if (tt === Tok.OpenBox) {
        lx.consume();
        const r = this.parseExpression(false);
        if (r === null) return null;
        if (lx.consume() !== Tok.CloseBox) return this.fail('expected CloseBox');
        tree = new Operation(OpKind.Subscript, tree, r);
      } else if (tt === Tok.Selection) {
        lx.consume();
        const t2 = lx.consume();
        if (t2 !== Tok.Identifier) return this.fail(`second argument of selector must be an identifier (got ${tokName(t2)})`);
        tree = new AttributeReference(tree, lx.str, false);
      } else {
        return tree;
      }
    }
  }

  parsePrimary(): ExprTree | null {
    const lx = this.lx;
    const tt = lx.peek();
    switch (tt) {
      case Tok.Identifier: {
        const name = lx.str;
        lx.consume();
        if (lx.peek() === Tok.OpenParen) {
          const args = this.parseArgumentList();
          if (args === null) return null;
          // absTime("...") and relTime("...") of a string literal are evaluated at parse time;
          // a string C++ cannot convert makes the parse fail
          if (args.length === 1) {
            const a = args[0];
            if (a instanceof Literal && typeof a.value === 'string') {
              const lower = name.toLowerCase();
              if (lower === 'abstime') {
                const t = parseAbsTimeString(a.value);
                return t ? new Literal(t) : this.fail(`invalid absolute time ${JSON.stringify(a.value)}`);
              }
              if (lower === 'reltime') {
                const t = parseRelTimeString(a.value);
                return t ? new Literal(t) : this.fail(`invalid relative time ${JSON.stringify(a.value)}`);
              }
            }
          }
          return new FunctionCall(name, args);
        }
        return new AttributeReference(null, name, false);
      }
      case Tok.Selection: {
        lx.consume();
        const t2 = lx.consume();
        if (t2 === Tok.Identifier) return new AttributeReference(null, lx.str, true);
        return this.fail(`need identifier in selection expression (got ${tokName(t2)})`);
      }
      case Tok.OpenParen: {
        lx.consume();
        const inner = this.parseExpression(false);
        if (inner === null) return null;
        const t2 = lx.consume();
        if (t2 !== Tok.CloseParen) return this.fail(`expected CloseParen, but got ${tokName(t2)}`);
        return new Operation(OpKind.Parentheses, inner);
      }
      case Tok.OpenBox:
        return this.parseClassAd(false);
      case Tok.OpenBrace:
        return this.parseExprList();
      case Tok.Undefined:
        lx.consume();
        return new Literal(Value.Undefined);
      case Tok.ErrorValue:
        lx.consume();
        return new Literal(Value.Error);
      case Tok.Boolean:
        lx.consume();
        return new Literal(lx.bool);
      case Tok.Integer:
        lx.consume();
        return new Literal(lx.int);
      case Tok.Real:
        lx.consume();
        return new Literal(lx.real);
      case Tok.String:
        lx.consume();
        return new Literal(lx.str);
      default:
        return this.fail(`unexpected ${tokName(tt)}`);
    }
  }

  parseArgumentList(): ExprTree[] | null {
    const lx = this.lx;
    if (lx.consume() !== Tok.OpenParen) return this.fail('expected OpenParen');
    const args: ExprTree[] = [];
    let tt = lx.peek();
    while (tt !== Tok.CloseParen) {
      const t = this.parseExpression(false);
      if (t === null) return null;
      args.push(t);
      tt = lx.peek();
      // C++ does not re-peek after the separator, so `f(1,)` is an error
      if (tt === Tok.Comma || (tt === Tok.Semicolon && getOldClassAdSemantics())) {
        lx.consume();
      } else if (tt !== Tok.CloseParen) {
        return this.fail(`expected Comma or CloseParen but got ${tokName(tt)}`);
      }
    }
    lx.consume();
    return args;
  }

  parseClassAd(full: boolean): ClassAd | null {
    const lx = this.lx;
    const ad = new ClassAd();
    if (lx.consume() !== Tok.OpenBox) return this.fail('expected OpenBox');
    let tt = lx.peek();
    while (tt !== Tok.CloseBox) {
      tt = lx.consume();
      // C++ does not re-peek here, so `[;]` is an error while `[a = 1;]` is fine
      if (tt === Tok.Semicolon) continue;
      if (tt !== Tok.Identifier) return this.fail(`while parsing classad: expected Identifier but got ${tokName(tt)}`);
      const name = lx.str;
      tt = lx.consume();
      if (tt !== Tok.BoundTo) return this.fail(`while parsing classad: expected BoundTo but got ${tokName(tt)}`);
      const tree = this.parseExpression(false);
      if (tree === null) return null;
      if (name.length === 0) return this.fail('empty attribute name');
      ad.insert(name, tree);
      tt = lx.peek();
      if (tt !== Tok.Semicolon && tt !== Tok.CloseBox) {
        return this.fail(`while parsing classad: expected Semicolon or CloseBox but got ${tokName(tt)}`);
      }
      while (tt === Tok.Semicolon) {
        lx.consume();
        tt = lx.peek();
      }
    }
    lx.consume();
    if (full) {
      const t2 = lx.consume();
      if (t2 !== Tok.End) return this.fail(`while parsing classad: expected end of input for full parse but got ${tokName(t2)}`);
    }
    return ad;
  }

  parseExprList(): ExprList | null {
    const lx = this.lx;
    if (lx.consume() !== Tok.OpenBrace) return this.fail('expected OpenBrace');
    const exprs: ExprTree[] = [];
    let tt = lx.peek();
    while (tt !== Tok.CloseBrace) {
      const t = this.parseExpression(false);
      if (t === null) return null;
      exprs.push(t);
      tt = lx.peek();
      if (tt === Tok.Comma) {
        // no re-peek, as in C++: `{1,}` is an error
        lx.consume();
      } else if (tt !== Tok.CloseBrace) {
        return this.fail(`while parsing expression list: expected CloseBrace or Comma but got ${tokName(tt)}`);
      }
    }
    lx.consume();
    return new ExprList(exprs);
  }
}

function parseError(p: Parser, what: string, text: string): ClassAdParseError {
  const at = p.lx.tokStart;
  const snippet = text.length > 80 ? text.slice(0, 77) + '...' : text;
  return new ClassAdParseError(`failed to parse ${what}: ${p.error || 'syntax error'} at offset ${at} in ${JSON.stringify(snippet)}`, at);
}

/** Run a parse, converting a JS stack overflow (deeply nested unary operators) into a parse failure. */
function guarded<T>(p: Parser, f: () => T | null): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) return p.fail('expression nested too deeply');
    throw e;
  }
}

/** Options of the expression and ad parsers. */
export interface ParseOptions {
  /** old ClassAd syntax (the wire / `condor_q -l` form): different string escaping. Default false. */
  old?: boolean;
  /** require the whole input to be consumed (C++ `full`). Default true. */
  full?: boolean;
}

/**
 * Parse one expression (C++ `ClassAdParser::ParseExpression`). With `full` (the default) the whole
 * input must be one expression.
 */
export function parseExpression(text: string, options: ParseOptions = {}): ExprTree {
  const p = new Parser(text, options.old ?? false);
  const t = guarded(p, () => p.parseExpression(options.full ?? true));
  if (t === null) throw parseError(p, 'expression', text);
  return t;
}

/** Parse an old-syntax value as the wire does (C++ `ParseExpression(rhs)`, not full: trailing text is ignored). */
export function parseOldValue(text: string): ExprTree {
  const fast = parseSimpleOldValue(text);
  if (fast !== undefined) return fast;
  const p = new Parser(text, true);
  const t = guarded(p, () => p.parseExpression(false));
  if (t === null) throw parseError(p, 'expression', text);
  return t;
}

/**
 * Parse a new-syntax ClassAd `[ a = 1; b = "x" ]` (C++ `ParseClassAd`). With `full` (the default) nothing
 * but white space may follow the closing bracket.
 */
export function parseClassAd(text: string, options: ParseOptions = {}): ClassAd {
  const p = new Parser(text, options.old ?? false);
  const ad = guarded(p, () => p.parseClassAd(options.full ?? true));
  if (ad === null) throw parseError(p, 'ClassAd', text);
  return ad;
}

/**
 * Parse the next new-syntax ClassAd starting at `offset`; returns the ad and the offset just after it
 * (C++ `ParseClassAd(buffer, offset)`), or null when only white space remains.
 */
export function parseClassAdAt(text: string, offset: number): { ad: ClassAd; end: number } | null {
  let i = offset;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  if (i >= text.length) return null;
  const p = new Parser(text, false, i);
  const ad = guarded(p, () => p.parseClassAd(false));
  if (ad === null) throw parseError(p, 'ClassAd', text.slice(i));
  // the parser has peeked nothing past ']' (it consumed the bracket last)
  return { ad, end: p.lx.pos };
}

/** Parse one wire line `Name = expr` (old syntax) as C++ `InsertLongFormAttrValue` does. */
export function parseOldAttribute(line: string): { name: string; expr: ExprTree } {
  const split = splitOldAttribute(line);
  if (split === null) throw new ClassAdParseError(`not an attribute assignment: ${JSON.stringify(line.slice(0, 80))}`);
  return { name: split.name, expr: parseOldValue(split.rhs) };
}

const SMALL_INTS: (Literal | undefined)[] = [];
const TRUE_LITERAL = new Literal(true);
const FALSE_LITERAL = new Literal(false);

/**
 * Fast path for the most common wire values: plain integers, simple strings and booleans. Returns
 * undefined when the full parser is needed. Every accepted form parses identically with the full parser.
 */
function parseSimpleOldValue(text: string): ExprTree | undefined {
  const n = text.length;
  if (n === 0) return undefined;
  let c = text.charCodeAt(0);
  if (c === 34 /* " */) {
    // a string with no quote before its end: backslashes are literal in old syntax (one scan; a NUL
    // ends C input, so leave that case to the full lexer)
    let close = 1;
    for (; close < n; close++) {
      const d = text.charCodeAt(close);
      if (d === 34 || d === 0) break;
    }
    if (close >= n || text.charCodeAt(close) === 0 || text.charCodeAt(close - 1) === 92 /* \ */) return undefined;
    for (let i = close + 1; i < n; i++) if (!isSpace(text.charCodeAt(i))) return undefined;
    return new Literal(text.slice(1, close));
  }
  let i = 0;
  if (c === 45 /* - */) {
    if (n === 1) return undefined;
    i = 1;
    c = text.charCodeAt(1);
  }
  if (c >= 48 && c <= 57) {
    // digits only, at most 15 of them, no leading zero unless alone
    let j = i;
    while (j < n && (c = text.charCodeAt(j)) >= 48 && c <= 57) j++;
    const digits = j - i;
    if (digits > 15 || (text.charCodeAt(i) === 48 && digits > 1)) return undefined;
    for (let k = j; k < n; k++) if (!isSpace(text.charCodeAt(k))) return undefined;
    if (digits <= 3 && i === 0) {
      // small non-negative integers are shared (literal nodes are immutable)
      const v = Number(text.slice(0, j));
      return SMALL_INTS[v] ?? (SMALL_INTS[v] = new Literal(BigInt(v)));
    }
    return new Literal(BigInt(Number(text.slice(0, j))));
  }
  if (n <= 6) {
    const w = text.trimEnd().toLowerCase();
    if (w === 'true') return TRUE_LITERAL;
    if (w === 'false') return FALSE_LITERAL;
  }
  return undefined;
}

