/**
 * Hand-written character-code lexer, a port of C++ libclassad `Lexer` (src/classad/lexer.cpp, 23.9.6).
 * It works on JS strings with charCodeAt and never runs a regular expression per token.
 *
 * Faithfully reproduced quirks (they decide what the daemons accept):
 * - `-` directly followed by a digit lexes as part of a number literal unless the previous token can end an
 *   operand (so `3 * -1` holds the literal -1 while `a -1` is a subtraction);
 * - integer literals are read in base 10 whatever their prefix (`0x1F` is 0, `017` is 17) and silently
 *   become 0 when they overflow int64; with old ClassAd semantics a leading `0` (e.g. `017`) is a token error;
 * - `1.` and `1e` are token errors; `..` is one selection token;
 * - new-syntax strings process C escapes and concatenate adjacent literals; old-syntax strings keep
 *   backslashes except before a quote that is not the last character of the line.
 */
import { INT64_MAX, INT64_MIN } from './values.js';

/** Token types, as C++ `Lexer::TokenType`. */
export const Tok = {
  Error: 0,
  End: 1,
  Integer: 2,
  Real: 3,
  Boolean: 4,
  String: 5,
  Undefined: 6,
  ErrorValue: 7,
  Identifier: 8,
  Selection: 9,
  Multiply: 10,
  Divide: 11,
  Modulus: 12,
  Plus: 13,
  Minus: 14,
  BitAnd: 15,
  BitOr: 16,
  BitNot: 17,
  BitXor: 18,
  LeftShift: 19,
  RightShift: 20,
  URightShift: 21,
  LogicalAnd: 22,
  LogicalOr: 23,
  LogicalNot: 24,
  Less: 25,
  LessEq: 26,
  Greater: 27,
  GreaterEq: 28,
  Equal: 29,
  NotEqual: 30,
  MetaEqual: 31,
  MetaNotEqual: 32,
  BoundTo: 33,
  QMark: 34,
  Colon: 35,
  Semicolon: 36,
  Comma: 37,
  OpenBox: 38,
  CloseBox: 39,
  OpenParen: 40,
  CloseParen: 41,
  OpenBrace: 42,
  CloseBrace: 43,
} as const;
export type Tok = (typeof Tok)[keyof typeof Tok];

const TOKEN_NAMES: readonly string[] = Object.keys(Tok);
/** Human-readable token name for error messages. */
export function tokName(t: Tok): string {
  return TOKEN_NAMES[t] ?? 'unknown';
}

// Character codes used below.
const C_TAB = 9,
  C_NL = 10,
  C_CR = 13,
  C_SP = 32,
  C_BANG = 33,
  C_DQ = 34,
  C_PCT = 37,
  C_AMP = 38,
  C_SQ = 39,
  C_LP = 40,
  C_RP = 41,
  C_STAR = 42,
  C_PLUS = 43,
  C_COMMA = 44,
  C_MINUS = 45,
  C_DOT = 46,
  C_SLASH = 47,
  C_0 = 48,
  C_7 = 55,
  C_9 = 57,
  C_COLON = 58,
  C_SEMI = 59,
  C_LT = 60,
  C_EQ = 61,
  C_GT = 62,
  C_QM = 63,
  C_A = 65,
  C_E = 69,
  C_F = 70,
  C_X = 88,
  C_Z = 90,
  C_LB = 91,
  C_BSL = 92,
  C_RB = 93,
  C_CARET = 94,
  C_US = 95,
  C_a = 97,
  C_e = 101,
  C_f = 102,
  C_x = 120,
  C_z = 122,
  C_LC = 123,
  C_BAR = 124,
  C_RC = 125,
  C_TILDE = 126;

/** C `isspace` in the C locale. */
export function isSpace(c: number): boolean {
  return c === C_SP || (c >= C_TAB && c <= C_CR);
}
function isDigit(c: number): boolean {
  return c >= C_0 && c <= C_9;
}
function isAlpha(c: number): boolean {
  return (c >= C_a && c <= C_z) || (c >= C_A && c <= C_Z);
}
function isXDigit(c: number): boolean {
  return isDigit(c) || (c >= C_a && c <= C_f) || (c >= C_A && c <= C_F);
}

/** Global switch equivalent to C++ `_useOldClassAdSemantics` (HTCondor turns it on; see compat_classad.cpp). */
let oldSemantics = true;
/** Turn HTCondor's "old ClassAd semantics" on or off (default on, as in every HTCondor daemon and tool). */
export function setOldClassAdSemantics(on: boolean): void {
  oldSemantics = on;
}
/** Whether old ClassAd semantics are active. */
export function getOldClassAdSemantics(): boolean {
  return oldSemantics;
}

/** C++ `std::from_chars(..., 10)` on the lexeme: a base-10 prefix; out of int64 range leaves 0. */
function integerFromLexeme(text: string): bigint {
  let end = text.charCodeAt(0) === C_MINUS ? 1 : 0;
  while (end < text.length && isDigit(text.charCodeAt(end))) end++;
  const digits = end === text.length ? text : text.slice(0, end);
  // Up to 15 digits always fit a double exactly: the cheap path.
  if (digits.length <= 15) return BigInt(Number(digits));
  const v = BigInt(digits);
  return v > INT64_MAX || v < INT64_MIN ? 0n : v;
}

/** C `strtod` on the lexeme: the longest valid prefix, 0 if none. */
function realFromLexeme(text: string): number {
  const v = Number(text);
  if (!Number.isNaN(v)) return v;
  const m = /^[-+]?(?:\d+\.?\d*|\.\d+)(?:[eE][-+]?\d+)?/.exec(text);
  return m ? Number(m[0]) : 0;
}

const utf8Decoder = new TextDecoder('utf-8');
const utf8Encoder = new TextEncoder();

/**
 * C++ `convert_escapes` (util.cpp) for new-syntax strings. Returns null when the result would contain NUL
 * (`\0`), which the C++ lexer reports as a token error. Octal escapes denote bytes; when any is >= 0x80
 * the bytes are decoded as UTF-8 so that `"\303\251"` is "é".
 */
export function convertEscapes(text: string): string | null {
  if (text.indexOf('\\') < 0) return text;
  const n = text.length;
  let out = '';
  let bytes: number[] | null = null; // set when a high octal byte appears
  const emit = (s: string): void => {
    if (bytes) for (const b of utf8Encoder.encode(s)) bytes.push(b);
    else out += s;
  };
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c === C_BSL && i < n - 1) {
      i++;
      c = text.charCodeAt(i);
      switch (c) {
        case 97 /* a */:
          c = 7;
          break;
        case 98 /* b */:
          c = 8;
          break;
        case 102 /* f */:
          c = 12;
          break;
        case 110 /* n */:
          c = 10;
          break;
        case 114 /* r */:
          c = 13;
          break;
        case 116 /* t */:
          c = 9;
          break;
        case 118 /* v */:
          c = 11;
          break;
        default:
          if (c >= C_0 && c <= C_7) {
            let num = c - C_0;
            if (i + 1 < n) {
              const d = text.charCodeAt(i + 1);
              if (d >= C_0 && d <= C_7) {
                i++;
                num = (num << 3) + d - C_0;
                if (num < 0x20 && i + 1 < n) {
                  const d2 = text.charCodeAt(i + 1);
                  if (d2 >= C_0 && d2 <= C_7) {
                    i++;
                    num = (num << 3) + d2 - C_0;
                  }
                }
              }
            }
            num &= 0xff;
            if (num === 0) return null;
            if (num >= 0x80) {
              if (!bytes) {
                bytes = Array.from(utf8Encoder.encode(out));
                out = '';
              }
              bytes.push(num);
              continue;
            }
            c = num;
          }
        // any other escaped character (\" \' \? \\ or unknown) stands for itself
      }
      emit(String.fromCharCode(c));
      continue;
    }
    // copy a run of plain characters at once
    let j = i + 1;
    while (j < n && text.charCodeAt(j) !== C_BSL) j++;
    if (j === n - 1 && text.charCodeAt(j) === C_BSL) j = n; // a terminating backslash is literal
    emit(text.slice(i, j));
    i = j - 1;
  }
  return bytes ? utf8Decoder.decode(new Uint8Array(bytes)) : out;
}

/**
 * C++ `convert_escapes_json`: JSON escapes; any other escaped character stands for itself (so `\/` is `/`).
 * Returns null for `\u0000` or a malformed `\u`. Unlike C++ (whose non-ASCII `\u` conversion is broken),
 * `\uXXXX` yields the Unicode character, surrogate pairs included.
 */
export function convertEscapesJson(text: string): string | null {
  if (text.indexOf('\\') < 0) return text;
  const n = text.length;
  let out = '';
  let run = 0;
  for (let i = 0; i < n; i++) {
    if (text.charCodeAt(i) !== C_BSL || i === n - 1) continue;
    out += text.slice(run, i);
    i++;
    const c = text.charCodeAt(i);
    switch (c) {
      case 98:
        out += '\b';
        break;
      case 102:
        out += '\f';
        break;
      case 110:
        out += '\n';
        break;
      case 114:
        out += '\r';
        break;
      case 116:
        out += '\t';
        break;
      case 117 /* u */: {
        if (i + 4 >= n) return null;
        const hex = text.slice(i + 1, i + 5);
        if (!/^[0-9a-fA-F]{4}$/.test(hex)) return null;
        const v = parseInt(hex, 16);
        if (v === 0) return null;
        out += String.fromCharCode(v);
        i += 4;
        break;
      }
      default:
        out += text[i];
    }
    run = i + 1;
  }
  return out + text.slice(run);
}

/**
 * The lexer. `peek()` returns the type of the next token without consuming it; `consume()` consumes it.
 * The token's payload is in `str` (identifiers, strings), `int`, `real` or `bool`.
 */
export class Lexer {
  readonly src: string;
  pos: number;
  /** end of input: the text length, or the first NUL once the lexer has reached it */
  end: number;
  readonly old: boolean;
  /** JSON mode (C++ `SetJsonLex`): `null` is UNDEFINED, JSON string escapes, `\/Expr(...)\/` detection */
  readonly json: boolean;
  /** JSON mode: the last string token was written as `"\/...\/"` (a quoted expression candidate) */
  quotedExpr = false;
  /** the type of the most recently lexed token (decides whether `-` may start a number) */
  type: Tok = Tok.End;
  consumed = true;
  str = '';
  int = 0n;
  real = 0;
  bool = false;
  /** start offset of the current token, for error messages */
  tokStart = 0;

  constructor(src: string, old: boolean, start = 0, json = false) {
    this.json = json;
    this.src = src;
    this.pos = start;
    // a NUL ends C input; `end` shrinks to the first NUL the lexer reaches (no up-front scan, so lexing
    // one ad of a large text costs only that ad)
    this.end = src.length;
    this.old = old;
  }

  private code(i: number): number {
    if (i >= this.end) return -1;
    const c = this.src.charCodeAt(i);
    if (c === 0) {
      this.end = i;
      return -1;
    }
    return c;
  }

  peek(): Tok {
    if (!this.consumed) return this.type;
    this.consumed = false;
    this.type = this.lex();
    return this.type;
  }

  consume(): Tok {
    if (this.consumed) this.peek();
    this.consumed = true;
    return this.type;
  }

  private lex(): Tok {
    const src = this.src;
    let p = this.pos;
    // skip white space and comments
    for (;;) {
      const c = this.code(p);
      if (c < 0) {
        this.pos = p;
        this.tokStart = p;
        return Tok.End;
      }
      if (isSpace(c)) {
        p++;
        continue;
      }
      if (c === C_SLASH) {
        const c2 = this.code(p + 1);
        if (c2 === C_SLASH) {
          p += 2;
          let d = this.code(p);
          while (d > 0 && d !== C_NL) d = this.code(++p);
          continue;
        }
        if (c2 === C_STAR) {
          // the '*' of "/*" cannot close the comment ("/*/" is still open); a NUL before the close is EOF
          const close = src.indexOf('*/', p + 2);
          let bad = close < 0;
          for (let k = p + 2; !bad && k <= close + 1; k++) if (src.charCodeAt(k) === 0) bad = true;
          if (bad) {
            this.pos = src.length;
            this.tokStart = p;
            return Tok.Error;
          }
          p = close + 2;
          continue;
        }
        this.tokStart = p;
        this.pos = p + 1;
        return Tok.Divide;
      }
      break;
    }
    this.tokStart = p;
    this.pos = p;
    const c = src.charCodeAt(p);
    if (c === C_MINUS) {
      switch (this.type) {
        case Tok.Integer:
        case Tok.Real:
        case Tok.Boolean:
        case Tok.String:
        case Tok.Undefined:
        case Tok.ErrorValue:
        case Tok.Identifier:
        case Tok.Selection:
        case Tok.CloseBox:
        case Tok.CloseParen:
        case Tok.CloseBrace:
          return this.lexPunct();
        default:
          return this.lexNumber();
      }
    }
    if (isDigit(c) || c === C_DOT) return this.lexNumber();
    if (isAlpha(c) || c === C_US) return this.lexAlpha();
    if (c === C_DQ || c === C_SQ) return this.old && !this.json ? this.lexStringOld(c) : this.lexString(c);
    return this.lexPunct();
  }

  private lexNumber(): Tok {
    const start = this.pos;
    let p = start;
    let och = this.code(p);
    p++;
    let c = this.code(p);
    const NONE = 0,
      INTEGER = 1,
      REAL = 2;
    let numberType = NONE;
    if (och === C_MINUS) {
      if (isDigit(c)) {
        och = c;
        p++;
        c = this.code(p);
      } else if (c === C_DOT && isDigit(this.code(p + 1))) {
        // a negative real such as -.5
      } else {
        this.pos = start + 1;
        return Tok.Minus;
      }
    }
    if (och === C_0) {
      if (c === C_x || c === C_X) {
        numberType = INTEGER;
        p++;
        c = this.code(p);
        if (!isXDigit(c)) {
          this.pos = p;
          return Tok.Error;
        }
        while (isXDigit(c)) c = this.code(++p);
      } else {
        numberType = INTEGER;
        while (isDigit(c)) {
          if (c > C_7) numberType = REAL;
          c = this.code(++p);
        }
        if (c === C_DOT || c === C_e || c === C_E) {
          numberType = REAL;
        } else if (numberType === REAL) {
          this.pos = p;
          return Tok.Error;
        }
      }
    } else if (isDigit(och)) {
      while (isDigit(c)) c = this.code(++p);
      numberType = c === C_DOT || c === C_e || c === C_E ? REAL : INTEGER;
    }
    if (och === C_DOT || c === C_DOT) {
      if (c === C_DOT) c = this.code(++p);
      if (isDigit(c)) {
        numberType = REAL;
        while (isDigit(c)) c = this.code(++p);
      } else {
        this.pos = p;
        if (numberType !== NONE) return Tok.Error;
        return Tok.Selection;
      }
    }
    if (numberType === REAL && (c === C_e || c === C_E)) {
      c = this.code(++p);
      if (c === C_PLUS || c === C_MINUS) c = this.code(++p);
      if (!isDigit(c)) {
        this.pos = p;
        return Tok.Error;
      }
      while (isDigit(c)) c = this.code(++p);
    }
    this.pos = p;
    const text = this.src.slice(start, p);
    if (numberType === INTEGER) {
      if ((oldSemantics || this.json) && text.charCodeAt(0) === C_0 && text.length > 1) return Tok.Error;
      this.int = integerFromLexeme(text);
      return Tok.Integer;
    }
    this.real = realFromLexeme(text);
    return Tok.Real;
  }

  private lexAlpha(): Tok {
    const src = this.src;
    const start = this.pos;
    let p = start;
    let c = this.code(p);
    while (isAlpha(c)) c = this.code(++p);
    if (isDigit(c) || c === C_US) {
      c = this.code(++p);
      while (isAlpha(c) || isDigit(c) || c === C_US) c = this.code(++p);
      this.pos = p;
      this.str = src.slice(start, p);
      return Tok.Identifier;
    }
    this.pos = p;
    const len = p - start;
    const word = src.slice(start, p);
    // reserved words are all letters, 2..9 long and start with t, f, u, e, i or n (JSON null): only then lower-case
    const first = src.charCodeAt(start) | 0x20;
    if (len >= 2 && len <= 9 && (first === 116 || first === 102 || first === 117 || first === 101 || first === 105 || first === 110)) {
      switch (word.toLowerCase()) {
        case 'true':
          this.bool = true;
          return Tok.Boolean;
        case 'false':
          this.bool = false;
          return Tok.Boolean;
        case 'undefined':
          if (this.json) break;
          return Tok.Undefined;
        case 'null':
          if (!this.json) break;
          return Tok.Undefined;
        case 'error':
          return Tok.ErrorValue;
        case 'is':
          return Tok.MetaEqual;
        case 'isnt':
          return Tok.MetaNotEqual;
      }
    }
    this.str = word;
    return Tok.Identifier;
  }

  /** New-syntax string or quoted attribute name (`delim` is `"` or `'`). */
  private lexString(delim: number): Tok {
    const src = this.src;
    let p = this.pos + 1;
    let segStart = p;
    let raw = '';
    for (;;) {
      let odd = false;
      let oldCh = 0;
      let c = this.code(p);
      while (c > 0 && (c !== delim || (oldCh === C_BSL && odd))) {
        odd = !odd && c === C_BSL;
        oldCh = c;
        c = this.code(++p);
      }
      if (c !== delim) {
        this.pos = p;
        return Tok.Error;
      }
      raw += src.slice(segStart, p);
      // adjacent literals with the same delimiter concatenate (white space between them is dropped)
      let q = p + 1;
      while (isSpace(this.code(q))) q++;
      if (this.code(q) === delim) {
        p = q + 1;
        segStart = p;
        continue;
      }
      this.pos = q;
      break;
    }
    let s: string | null;
    if (this.json) {
      const n = raw.length;
      this.quotedExpr = n >= 4 && raw.startsWith('\\/') && raw.endsWith('\\/');
      s = convertEscapesJson(raw);
    } else {
      s = convertEscapes(raw);
    }
    if (s === null) return Tok.Error;
    this.str = s;
    return delim === C_DQ ? Tok.String : Tok.Identifier;
  }

  /** Old-syntax string: backslash is literal except before a quote that is not at the end of the line. */
  private lexStringOld(delim: number): Tok {
    const src = this.src;
    let p = this.pos + 1;
    let segStart = p;
    let raw = '';
    for (;;) {
      let oldCh = 0;
      let c = this.code(p);
      while (c > 0 && c !== delim) {
        oldCh = c;
        c = this.code(++p);
      }
      if (c !== delim) {
        this.pos = p;
        return Tok.Error;
      }
      if (oldCh !== C_BSL) {
        raw += src.slice(segStart, p);
        this.pos = p + 1;
        break;
      }
      const next = this.code(p + 1);
      if (next > 0 && next !== C_NL) {
        // \" inside the string: a literal quote; the backslash is dropped
        raw += src.slice(segStart, p - 1) + String.fromCharCode(delim);
        p = p + 1;
        segStart = p;
        continue;
      }
      // the string ends with a backslash
      raw += src.slice(segStart, p);
      this.pos = next === C_NL ? p + 2 : p + 1;
      break;
    }
    this.str = raw;
    return delim === C_DQ ? Tok.String : Tok.Identifier;
  }

  private lexPunct(): Tok {
    const p = this.pos;
    const c = this.code(p);
    this.pos = p + 1;
    switch (c) {
      case C_DOT:
        return Tok.Selection;
      case C_STAR:
        return Tok.Multiply;
      case C_SLASH:
        return Tok.Divide;
      case C_PCT:
        return Tok.Modulus;
      case C_PLUS:
        return Tok.Plus;
      case C_MINUS:
        return Tok.Minus;
      case C_TILDE:
        return Tok.BitNot;
      case C_CARET:
        return Tok.BitXor;
      case C_QM:
        return Tok.QMark;
      case C_COLON:
        return Tok.Colon;
      case C_SEMI:
        return Tok.Semicolon;
      case C_COMMA:
        return Tok.Comma;
      case C_LB:
        return Tok.OpenBox;
      case C_RB:
        return Tok.CloseBox;
      case C_LP:
        return Tok.OpenParen;
      case C_RP:
        return Tok.CloseParen;
      case C_LC:
        return Tok.OpenBrace;
      case C_RC:
        return Tok.CloseBrace;
      case C_AMP:
        if (this.code(p + 1) === C_AMP) {
          this.pos = p + 2;
          return Tok.LogicalAnd;
        }
        return Tok.BitAnd;
      case C_BAR:
        if (this.code(p + 1) === C_BAR) {
          this.pos = p + 2;
          return Tok.LogicalOr;
        }
        return Tok.BitOr;
      case C_LT: {
        const c2 = this.code(p + 1);
        if (c2 === C_EQ) {
          this.pos = p + 2;
          return Tok.LessEq;
        }
        if (c2 === C_LT) {
          this.pos = p + 2;
          return Tok.LeftShift;
        }
        return Tok.Less;
      }
      case C_GT: {
        const c2 = this.code(p + 1);
        if (c2 === C_EQ) {
          this.pos = p + 2;
          return Tok.GreaterEq;
        }
        if (c2 === C_GT) {
          if (this.code(p + 2) === C_GT) {
            this.pos = p + 3;
            return Tok.URightShift;
          }
          this.pos = p + 2;
          return Tok.RightShift;
        }
        return Tok.Greater;
      }
      case C_EQ: {
        const c2 = this.code(p + 1);
        if (c2 === C_EQ) {
          this.pos = p + 2;
          return Tok.Equal;
        }
        if (c2 === C_QM) {
          if (this.code(p + 2) !== C_EQ) {
            this.pos = p + 2;
            return Tok.Error;
          }
          this.pos = p + 3;
          return Tok.MetaEqual;
        }
        if (c2 === C_BANG && this.code(p + 2) === C_EQ) {
          this.pos = p + 3;
          return Tok.MetaNotEqual;
        }
        return Tok.BoundTo;
      }
      case C_BANG:
        if (this.code(p + 1) === C_EQ) {
          this.pos = p + 2;
          return Tok.NotEqual;
        }
        return Tok.LogicalNot;
      default:
        return Tok.Error;
    }
  }
}
