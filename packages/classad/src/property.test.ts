import fc from 'fast-check';
import {
  ExprTree,
  Literal,
  AttributeReference,
  Operation,
  FunctionCall,
  ExprList,
  OpKind,
  ClassAd,
  Value,
  parseExpression,
  parseOldValue,
  parseClassAd,
  parseJsonAd,
  parseOldAttribute,
  unparse,
  unparseOld,
  ClassAdParseError,
  parseAds,
  parseOldAds,
} from './index.js';
import { sameAs } from './same-as.js';

// keywords cannot be written unquoted after `.` or as function names (C++ prints them unquoted there too)
const KEYWORDS = new Set(['true', 'false', 'undefined', 'error', 'is', 'isnt']);
const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,8}$/).filter((s) => !KEYWORDS.has(s.toLowerCase()));
const anyName = fc.oneof(identifier, fc.string({ minLength: 1, maxLength: 6, unit: 'binary' }).filter((s) => !s.includes('\0')));

/** Reals that print exactly in 16 significant digits (so that unparse/parse is lossless). */
const niceReal = fc.oneof(
  fc.integer({ min: -1e6, max: 1e6 }).map((n) => n / 8),
  // not NaN or infinities: they unparse as real("NaN") etc., which read back as function calls (as in C++)
  fc.constantFrom(0.1, 1e-300, 2.5e300, 123456.789, -0),
);
const int64 = fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n });
const str = fc.string({ maxLength: 12, unit: 'binary' }).filter((s) => !s.includes('\0'));

const literal: fc.Arbitrary<ExprTree> = fc.oneof(
  int64.map((v) => new Literal(v)),
  niceReal.map((v) => new Literal(v)),
  str.map((v) => new Literal(v)),
  fc.boolean().map((v) => new Literal(v)),
  fc.constantFrom(new Literal(Value.Undefined), new Literal(Value.Error)),
);

const BINARY = [
  OpKind.LessThan, OpKind.LessOrEqual, OpKind.NotEqual, OpKind.Equal, OpKind.GreaterOrEqual, OpKind.GreaterThan,
  OpKind.MetaEqual, OpKind.MetaNotEqual, OpKind.Addition, OpKind.Subtraction, OpKind.Multiplication, OpKind.Division,
  OpKind.Modulus, OpKind.LogicalOr, OpKind.LogicalAnd, OpKind.BitwiseOr, OpKind.BitwiseXor, OpKind.BitwiseAnd,
  OpKind.LeftShift, OpKind.RightShift, OpKind.URightShift,
] as const;
const UNARY = [OpKind.UnaryMinus, OpKind.UnaryPlus, OpKind.LogicalNot, OpKind.BitwiseNot] as const;

/**
 * Expression trees as the parser can produce them. Binary operands are parenthesized where the
 * unparser would otherwise lose the grouping (the C++ unparser prints no parentheses of its own), and a
 * unary minus/plus never applies directly to a number (`-1` lexes as one literal).
 */
const { expr } = fc.letrec<{ expr: ExprTree; primary: ExprTree }>((tie) => ({
  primary: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    literal,
    anyName.map((n) => new AttributeReference(null, n)),
    identifier.map((n) => new AttributeReference(null, n, true)),
    // `0.a` cannot be written (the lexer reads `0.` as a malformed real), so no selection on integers
    fc
      .tuple(tie('primary'), identifier)
      .filter(([e]) => !(e instanceof Literal && typeof e.value === 'bigint'))
      .map(([e, n]) => new AttributeReference(e, n)),
    tie('expr').map((e) => new Operation(OpKind.Parentheses, e)),
    fc.tuple(identifier, fc.array(tie('expr'), { maxLength: 3 })).map(([n, a]) => new FunctionCall(n, a)),
    fc.array(tie('expr'), { maxLength: 3 }).map((a) => new ExprList(a)),
    fc.array(fc.tuple(anyName, tie('expr')), { maxLength: 3 }).map((kv) => {
      const ad = new ClassAd();
      for (const [k, v] of kv) ad.insert(k, v);
      return ad;
    }),
    fc.tuple(tie('primary'), tie('expr')).map(([a, b]) => new Operation(OpKind.Subscript, a, b)),
  ),
  expr: fc.oneof(
    { depthSize: 'small' },
    tie('primary'),
    fc.tuple(fc.constantFrom(...BINARY), tie('primary'), tie('primary')).map(([op, a, b]) => new Operation(op, a, b)),
    fc
      .tuple(fc.constantFrom(...UNARY), tie('primary'))
      // ` -1` lexes as the literal -1, so a unary minus never precedes something written with a leading digit
      .filter(([op, a]) => !(op === OpKind.UnaryMinus && /^[0-9.]/.test(unparse(a))))
      .map(([op, a]) => new Operation(op, a)),
    fc.tuple(tie('primary'), fc.option(tie('primary'), { nil: null }), tie('primary')).map(([a, b, c]) => new Operation(OpKind.Ternary, a, b, c)),
  ),
}));

/** Negative number literals as left operands of a binary operator after another operand would re-lex; wrap them. */
function lexSafe(e: ExprTree): boolean {
  // "a -1" style: a negative literal right after an operand token is read as subtraction by C++ too
  const text = unparse(e);
  return !/[\w)\]}"'] -\d/.test(text.replace(/"(?:[^"\\]|\\.)*"/g, '""'));
}

describe('property: unparse / parse round trips', () => {
  test('new syntax: parse(unparse(e)) is the same tree', () => {
    fc.assert(
      fc.property(expr, (e) => {
        fc.pre(lexSafe(e));
        const back = parseExpression(unparse(e));
        expect(sameAs(back, e)).toBe(true);
      }),
      { numRuns: 1500 },
    );
  });

  test('old syntax: parse(unparseOld(e)) is the same tree (strings not ending in a backslash)', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const text = unparseOld(e);
        fc.pre(lexSafe(e) && !/\\"/.test(text));
        const back = parseOldValue(text);
        expect(sameAs(back, e)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  test('unparse is a fixpoint after one round for any parseable text', () => {
    fc.assert(
      fc.property(expr, (e) => {
        const once = unparse(parseExpression(unparse(e)));
        expect(unparse(parseExpression(once))).toBe(once);
      }),
      { numRuns: 500 },
    );
  });

  test('JSON form of an ad reads back as the same ad', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(identifier, expr), { maxLength: 5 }), (kv) => {
        const ad = new ClassAd();
        for (const [k, v] of kv) ad.insert(k, v);
        fc.pre([...ad.exprEntries()].every(([, v]) => lexSafe(v)));
        const back = parseJsonAd(ad.printJson());
        expect(sameAs(normalizeJson(back), normalizeJson(ad))).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  test('wire lines: parseOldAttribute(name = unparseOld(e)) gives the name and tree back', () => {
    fc.assert(
      fc.property(identifier, expr, (name, e) => {
        const text = unparseOld(e);
        fc.pre(lexSafe(e) && !/[\\\n]/.test(text));
        const r = parseOldAttribute(`${name} = ${text}`);
        expect(r.name).toBe(name);
        expect(sameAs(r.expr, e)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});

/** JSON cannot tell a parenthesized literal from a literal; strip parentheses around literals for comparison. */
function normalizeJson(ad: ClassAd): ClassAd {
  const out = new ClassAd();
  for (const [k, v] of ad.exprEntries()) out.insert(k, parseExpression(unparse(v)));
  return out;
}

describe('property: the parsers fail only with ClassAdParseError, quickly', () => {
  const noisy = fc.string({
    maxLength: 60,
    unit: fc.constantFrom(...'ab1 .,;:?!=<>+-*/%&|^~()[]{}"\'\\\n\t0xe_é#'.split('')),
  });
  const check = (f: () => unknown): void => {
    const t0 = Date.now();
    try {
      f();
    } catch (e) {
      if (!(e instanceof ClassAdParseError)) throw e;
    }
    expect(Date.now() - t0).toBeLessThan(500);
  };

  test('expressions, old values, ads, JSON', () => {
    fc.assert(
      fc.property(noisy, (s) => {
        check(() => parseExpression(s));
        check(() => parseOldValue(s));
        check(() => parseClassAd(s));
        check(() => parseClassAd('[' + s + ']'));
        check(() => parseJsonAd(s));
        check(() => parseJsonAd('{"a": ' + s + '}'));
        check(() => parseOldAttribute(s));
      }),
      // 15,000 runs x 7 parsers = 105,000 fuzzed inputs; FUZZ_RUNS=1000000 for the long run
      { numRuns: Number(process.env.FUZZ_RUNS ?? 15000) },
    );
  });

  test('pathological nesting stays bounded', () => {
    for (const s of ['('.repeat(100000), '['.repeat(100000), '{'.repeat(100000), '-'.repeat(100000) + '1', 'a' + '.a'.repeat(50000), '!'.repeat(100000)]) {
      check(() => parseExpression(s));
      check(() => parseJsonAd('{"a":' + '['.repeat(50000)));
    }
  });
});

describe('property: parsing time grows about linearly', () => {
  // t(8n) must stay well below quadratic growth (64x); generous bounds for noisy machines
  const time = (f: () => void): number => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const t0 = performance.now();
      f();
      best = Math.min(best, performance.now() - t0);
    }
    return best;
  };
  const shapes: Array<[string, (n: number) => () => void]> = [
    ['long sums', (n) => () => parseExpression(Array.from({ length: n }, (_, i) => `a${i}`).join(' + '))],
    ['long strings', (n) => () => parseExpression('"' + 'ab\\\\n'.repeat(n) + '"')],
    ['many ads in one text', (n) => () => void [...parseAds('[a = 1; b = "x"]\n'.repeat(n))]],
    ['many wire lines', (n) => () => void [...parseOldAds(Array.from({ length: n }, (_, i) => `A${i} = ${i} + B`).join('\n'))]],
    ['wide lists', (n) => () => parseExpression('{' + '1,'.repeat(n) + '1}')],
  ];
  for (const [name, make] of shapes) {
    test(name, () => {
      const small = time(make(2000));
      const big = time(make(16000));
      expect(big).toBeLessThan(small * 24 + 50);
    });
  }
});
