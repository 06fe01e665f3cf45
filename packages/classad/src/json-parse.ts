/**
 * Reader of the JSON ClassAd form, a port of C++ `ClassAdJsonParser` (jsonSource.cpp). It shares the
 * ClassAd lexer in JSON mode, so numbers follow the ClassAd rules (`1` is an integer, `1.0` a real,
 * 64-bit integers exact). Strings written as `"\/Expr(...)\/"` are parsed as new-syntax expressions.
 * Like C++, stray commas between members are tolerated.
 */
import { ExprTree, Literal, ExprList } from './ast.js';
import { ClassAd } from './classad.js';
import { Lexer, Tok, tokName, isSpace } from './lexer.js';
import { Value } from './values.js';
import { ClassAdParseError } from './errors.js';
import { parseExpression } from './parser.js';

class JsonParser {
  readonly lx: Lexer;
  error = '';
  constructor(text: string, start = 0) {
    this.lx = new Lexer(text, false, start, true);
  }
  fail(m: string): null {
    if (!this.error) this.error = m;
    return null;
  }

  value(): ExprTree | null {
    const lx = this.lx;
    const tt = lx.peek();
    switch (tt) {
      case Tok.OpenBrace:
        return this.object(false);
      case Tok.OpenBox:
        return this.list();
      case Tok.Undefined:
        lx.consume();
        return new Literal(Value.Undefined);
      case Tok.Boolean:
        lx.consume();
        return new Literal(lx.bool);
      case Tok.Integer:
        lx.consume();
        return new Literal(lx.int);
      case Tok.Real:
        lx.consume();
        return new Literal(lx.real);
      case Tok.String: {
        const s = lx.str;
        const quoted = lx.quotedExpr;
        lx.consume();
        if (quoted && s.length >= 8 && s.slice(0, 6).toLowerCase() === '/expr(' && s.endsWith(')/')) {
          try {
            return parseExpression(s.slice(6, s.length - 2));
          } catch (e) {
            if (e instanceof ClassAdParseError) return this.fail(e.message);
            throw e;
          }
        }
        return new Literal(s);
      }
      default:
        return this.fail(`unexpected ${tokName(tt)}`);
    }
  }

  object(full: boolean): ClassAd | null {
    const lx = this.lx;
    if (lx.consume() !== Tok.OpenBrace) return this.fail('putative JSON did not begin with open brace');
    const ad = new ClassAd();
    let tt = lx.peek();
    while (tt !== Tok.CloseBrace) {
      tt = lx.consume();
      if (tt === Tok.Comma) continue;
      if (tt !== Tok.String) return this.fail(`expected a member name but got ${tokName(tt)}`);
      const name = lx.str;
      if (lx.consume() !== Tok.Colon) return this.fail('expected a colon');
      const v = this.value();
      if (v === null) return null;
      if (name.length === 0) return this.fail('empty attribute name');
      ad.insert(name, v);
      tt = lx.peek();
      if (tt !== Tok.Comma && tt !== Tok.CloseBrace) return this.fail(`expected a comma or close brace but got ${tokName(tt)}`);
      while (tt === Tok.Comma) {
        lx.consume();
        tt = lx.peek();
      }
    }
    lx.consume();
    if (full && lx.consume() !== Tok.End) return this.fail('trailing text after the JSON object');
    return ad;
  }

  list(): ExprList | null {
    const lx = this.lx;
    lx.consume();
    const xs: ExprTree[] = [];
    let tt = lx.peek();
    while (tt !== Tok.CloseBox) {
      const v = this.value();
      if (v === null) return null;
      xs.push(v);
      tt = lx.peek();
      if (tt === Tok.Comma) {
        lx.consume();
        tt = lx.peek();
      } else if (tt !== Tok.CloseBox) return this.fail(`expected a comma or close bracket but got ${tokName(tt)}`);
    }
    lx.consume();
    return new ExprList(xs);
  }
}

/** Run a parse, turning a JS stack overflow on absurd nesting into a parse failure. */
function guarded<T>(p: JsonParser, f: () => T | null): T | null {
  try {
    return f();
  } catch (e) {
    if (e instanceof RangeError) return p.fail('nested too deeply');
    throw e;
  }
}

/** Parse one JSON ClassAd object; the whole text must be that object. */
export function parseJsonAd(text: string): ClassAd {
  const p = new JsonParser(text);
  const ad = guarded(p, () => p.object(true));
  if (ad === null) throw new ClassAdParseError(`failed to parse JSON ClassAd: ${p.error}`, p.lx.tokStart);
  return ad;
}

/**
 * Parse a JSON ClassAd stream: either one object, a sequence of objects, or an array of objects
 * (the `condor_status -json` form). Returns the ads in order.
 */
export function parseJsonAds(text: string): ClassAd[] {
  let i = 0;
  while (i < text.length && isSpace(text.charCodeAt(i))) i++;
  const p = new JsonParser(text, i);
  const lx = p.lx;
  const ads: ClassAd[] = [];
  const fail = (): ClassAdParseError => new ClassAdParseError(`failed to parse JSON ClassAds: ${p.error || 'syntax error'}`, lx.tokStart);
  if (lx.peek() === Tok.OpenBox) {
    const list = guarded(p, () => p.list());
    if (list === null) throw fail();
    for (const e of list.exprs) {
      if (!(e instanceof ClassAd)) {
        p.fail('array element is not an object');
        throw fail();
      }
      ads.push(e);
    }
    if (lx.consume() !== Tok.End) {
      p.fail('trailing text after the JSON array');
      throw fail();
    }
    return ads;
  }
  while (lx.peek() !== Tok.End) {
    const ad = guarded(p, () => p.object(false));
    if (ad === null) throw fail();
    ads.push(ad);
  }
  return ads;
}
