import {
  parseExpression,
  parseOldAttribute,
  parseClassAd,
  ClassAdParseError,
  ClassAdException,
  Literal,
  Operation,
  OpKind,
  AttributeReference,
  FunctionCall,
  ExprList,
  ClassAd,
  Value,
  unparseOld,
  isPrivateAttribute,
  isPrivateAttributeV2,
} from './index.js';

describe('lexer and parser (C++ source.cpp / lexer.cpp behaviour)', () => {
  test('precedence: * binds tighter than +, && tighter than ||', () => {
    const t = parseExpression('a + b * 3 || c && d') as Operation;
    expect(t.op).toBe(OpKind.LogicalOr);
    const l = t.a as Operation;
    expect(l.op).toBe(OpKind.Addition);
    expect((l.b as Operation).op).toBe(OpKind.Multiplication);
    expect((t.b as Operation).op).toBe(OpKind.LogicalAnd);
  });

  test('a minus after an operator starts a negative literal; after an operand it is subtraction', () => {
    const neg = parseExpression('3 * -1') as Operation;
    expect(neg.b).toBeInstanceOf(Literal);
    expect((neg.b as Literal).value).toBe(-1n);
    const sub = parseExpression('a -1') as Operation;
    expect(sub.op).toBe(OpKind.Subtraction);
    const unary = parseExpression('- 1') as Operation;
    expect(unary.op).toBe(OpKind.UnaryMinus);
  });

  test('64-bit integers are exact; overflowing literals become 0 (C++ from_chars)', () => {
    expect((parseExpression('9223372036854775807') as Literal).value).toBe(9223372036854775807n);
    expect((parseExpression('-9223372036854775808') as Literal).value).toBe(-9223372036854775808n);
    expect((parseExpression('9223372036854775808') as Literal).value).toBe(0n);
  });

  test('old semantics reject leading-zero integers; 1. and 1e are token errors', () => {
    for (const bad of ['017', '0x1F', '1.', '1e', '1.e5', '00']) {
      expect(() => parseExpression(bad)).toThrow(ClassAdParseError);
    }
    expect((parseExpression('0') as Literal).value).toBe(0n);
    expect((parseExpression('0.5') as Literal).value).toBe(0.5);
    expect((parseExpression('.5') as Literal).value).toBe(0.5);
    expect((parseExpression('1e3') as Literal).value).toBe(1000);
  });

  test('reals and integers stay distinct', () => {
    expect((parseExpression('1.0') as Literal).value).toBe(1);
    expect(typeof (parseExpression('1') as Literal).value).toBe('bigint');
    expect(typeof (parseExpression('1.0') as Literal).value).toBe('number');
  });

  test('keywords are case-insensitive; is/isnt are the meta operators', () => {
    expect((parseExpression('TRUE') as Literal).value).toBe(true);
    expect((parseExpression('Undefined') as Literal).value).toBe(Value.Undefined);
    expect((parseExpression('ERROR') as Literal).value).toBe(Value.Error);
    expect((parseExpression('a IS b') as Operation).op).toBe(OpKind.MetaEqual);
    expect((parseExpression('a =!= b') as Operation).op).toBe(OpKind.MetaNotEqual);
  });

  test('scoped references and selection', () => {
    const t = parseExpression('TARGET.Memory') as AttributeReference;
    expect(t.name).toBe('Memory');
    expect((t.expr as AttributeReference).name).toBe('TARGET');
    const abs = parseExpression('.x') as AttributeReference;
    expect(abs.absolute).toBe(true);
    const sub = parseExpression('x[1]') as Operation;
    expect(sub.op).toBe(OpKind.Subscript);
  });

  test('new-syntax strings: escapes, octal bytes as UTF-8, adjacent literals concatenate', () => {
    expect((parseExpression('"a\\tb\\"c"') as Literal).value).toBe('a\tb"c');
    expect((parseExpression('"\\303\\251"') as Literal).value).toBe('é');
    expect((parseExpression('"ab" "cd"') as Literal).value).toBe('abcd');
    expect(() => parseExpression('"a\\0b"')).toThrow(ClassAdParseError);
    expect(() => parseExpression('"unterminated')).toThrow(ClassAdParseError);
  });

  test('old-syntax strings keep backslashes except before an inner quote', () => {
    const one = parseOldAttribute('A = "C:\\temp\\x"');
    expect((one.expr as Literal).value).toBe('C:\\temp\\x');
    const q = parseOldAttribute('A = "say \\"hi\\" now"');
    expect((q.expr as Literal).value).toBe('say "hi" now');
    const trailing = parseOldAttribute('A = "ends with\\"');
    expect((trailing.expr as Literal).value).toBe('ends with\\');
  });

  test('function calls, lists, nested ads, ; as argument separator under old semantics', () => {
    const f = parseExpression('strcat("a"; "b")') as FunctionCall;
    expect(f.name).toBe('strcat');
    expect(f.args).toHaveLength(2);
    const l = parseExpression('{1, {2}, [a = 3]}') as ExprList;
    expect(l.exprs).toHaveLength(3);
    expect(l.exprs[2]).toBeInstanceOf(ClassAd);
  });

  test('ternary forms and the unchecked tail after a top-level ternary (C++ quirk)', () => {
    expect((parseExpression('a ? b : c') as Operation).op).toBe(OpKind.Ternary);
    const elvis = parseExpression('a ?: c') as Operation;
    expect(elvis.b).toBeNull();
    expect(() => parseExpression('1 + 2 3')).toThrow(ClassAdParseError);
    expect(parseExpression('1 ? 2 : 3 4').toString()).toBe('1 ? 2 : 3');
  });

  test('comments are white space', () => {
    expect(parseExpression('1 /* two */ + // three\n 4').toString()).toBe('1 + 4');
    expect(() => parseExpression('1 /* open')).toThrow(ClassAdParseError);
  });

  test('parseOldAttribute splits at the first = and ignores trailing text like C++ (non-full parse)', () => {
    const r = parseOldAttribute('  Foo   = a == b');
    expect(r.name).toBe('Foo');
    expect((r.expr as Operation).op).toBe(OpKind.Equal);
    expect((parseOldAttribute('X = 1 2').expr as Literal).value).toBe(1n);
    expect(() => parseOldAttribute('no equals sign')).toThrow(ClassAdParseError);
    expect(() => parseOldAttribute(' = 1')).toThrow(ClassAdParseError);
    expect(() => parseOldAttribute('X = ')).toThrow(ClassAdParseError);
    expect(() => parseOldAttribute('X = (1')).toThrow(ClassAdException);
  });

  test('new-syntax ads: duplicates keep the first spelling and position; [;] is an error', () => {
    const ad = parseClassAd('[ a = 1; B = 2; A = 3 ]');
    expect([...ad.keys()]).toEqual(['a', 'B']);
    expect(ad.get('a')).toBe(3n);
    expect(() => parseClassAd('[;]')).toThrow(ClassAdParseError);
    expect(parseClassAd('[ a = 1;; ]').size).toBe(1);
    expect(() => parseClassAd('[ a = 1 ] x')).toThrow(ClassAdParseError);
  });

  test('deep nesting fails with ClassAdParseError instead of overflowing the stack', () => {
    expect(() => parseExpression('('.repeat(5000) + '1' + ')'.repeat(5000))).toThrow(ClassAdParseError);
    expect(() => parseExpression('!'.repeat(200000) + 'a')).toThrow(ClassAdParseError);
  });

  test('the old unparser writes =?= for meta-equal', () => {
    expect(unparseOld(parseExpression('a is b'))).toBe('a =?= b');
  });
});

describe('private attributes', () => {
  test('V1 list and V2 prefix', () => {
    expect(isPrivateAttribute('ClaimId')).toBe(true);
    expect(isPrivateAttribute('claimidlist')).toBe(true);
    expect(isPrivateAttributeV2('_CONDOR_PRIVfoo')).toBe(true);
    expect(isPrivateAttribute('ClaimIdx')).toBe(false);
  });
});
