/**
 * The JSON form of ClassAds, as C++ `ClassAdJsonUnParser` (jsonSink.cpp) writes it and
 * `ClassAdJsonParser` (jsonSource.cpp) reads it: integers, reals, booleans and strings map directly,
 * UNDEFINED is `null`, lists are arrays, nested ads objects, and every other expression (ERROR,
 * NaN/INF reals, times, operators, references, calls) is the string `"\/Expr(<new-syntax expr>)\/"`.
 */
import { Literal } from './ast.js';
import type { ExprTree, ExprList } from './ast.js';
import type { ClassAd } from './classad.js';
import { Value, RelTime } from './values.js';
import { unparse, unparseLiteralValue } from './unparse.js';
import { g16WithPoint } from './real-format.js';

/** C++ `UnparseAuxEscapeString`: JSON escapes; other control characters as `\u00XX`; non-ASCII raw. */
export function jsonEscape(s: string): string {
  let plain = true;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 32 || c === 34 || c === 92) {
      plain = false;
      break;
    }
  }
  if (plain) return s;
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    switch (c) {
      case 34:
        out += '\\"';
        break;
      case 8:
        out += '\\b';
        break;
      case 12:
        out += '\\f';
        break;
      case 10:
        out += '\\n';
        break;
      case 13:
        out += '\\r';
        break;
      case 9:
        out += '\\t';
        break;
      case 92:
        out += '\\\\';
        break;
      default:
        out += c < 32 ? '\\u00' + (c < 16 ? '0' : '') + c.toString(16).toUpperCase() : s[i];
    }
  }
  return out;
}

function quoteExpr(text: string): string {
  return '"\\/Expr(' + jsonEscape(text) + ')\\/"';
}

/** JSON unparser; `oneline` as the C++ constructor flag (default false: indented by 2, one member per line). */
export class JsonUnparser {
  #indent = 0;
  readonly #oneline: boolean;
  out = '';
  constructor(oneline = false) {
    this.#oneline = oneline;
  }

  expr(t: ExprTree): void {
    switch (t.kind) {
      case 0: {
        const v = (t as Literal).value;
        switch (typeof v) {
          case 'bigint':
            this.out += v.toString();
            return;
          case 'number':
            if (v === 0) this.out += Object.is(v, -0) ? '-0.0' : '0.0';
            else if (Number.isNaN(v)) this.out += quoteExpr('real("NaN")');
            else if (v === Infinity) this.out += quoteExpr('real("INF")');
            else if (v === -Infinity) this.out += quoteExpr('real("-INF")');
            else this.out += g16WithPoint(v);
            return;
          case 'string':
            this.out += '"' + jsonEscape(v) + '"';
            return;
          case 'boolean':
            this.out += v ? 'true' : 'false';
            return;
          default:
            if (v === Value.Undefined) this.out += 'null';
            // C++ gets a relative-time literal's value as a REAL (ReltimeLiteral::GetValue)
            else if (v instanceof RelTime) this.expr(new Literal(v.secs));
            else this.out += quoteExpr(unparseLiteralValue(v));
            return;
        }
      }
      case 4:
        this.ad(t as ClassAd);
        return;
      case 5: {
        const xs = (t as ExprList).exprs;
        this.out += '[';
        this.#indent += 2;
        for (let i = 0; i < xs.length; i++) {
          if (i) this.out += ',';
          if (!this.#oneline) this.out += '\n' + ' '.repeat(this.#indent);
          this.expr(xs[i] as ExprTree);
        }
        this.#indent -= 2;
        this.out += this.#oneline ? ']' : '\n' + ' '.repeat(this.#indent) + ']';
        return;
      }
      default:
        this.out += quoteExpr(unparse(t));
    }
  }

  ad(ad: ClassAd): void {
    this.out += '{';
    this.#indent += 2;
    let first = true;
    for (const [name, e] of ad.exprEntries()) {
      if (!first) this.out += ',';
      first = false;
      this.out += this.#oneline ? '"' : '\n' + ' '.repeat(this.#indent) + '"';
      this.out += jsonEscape(name) + '": ';
      this.expr(e);
    }
    this.#indent -= 2;
    this.out += this.#oneline ? '}' : '\n' + ' '.repeat(this.#indent) + '}';
  }
}

/** JSON text of an ad or expression (C++ `ClassAdJsonUnParser`). */
export function unparseJson(t: ExprTree, oneline = false): string {
  const u = new JsonUnparser(oneline);
  u.expr(t);
  return u.out;
}
