import { parseExpression, parseOldValue, unparse, unparseOld, formatG16, formatE15, unparseReal, unparseString, Literal } from './index.js';

describe('real formatting (glibc printf)', () => {
  test('%.16G against values whose expansion is known', () => {
    expect(formatG16(0.1)).toBe('0.1');
    expect(formatG16(1e16)).toBe('1E+16');
    expect(formatG16(123456789012345680)).toBe('1.234567890123457E+17');
    expect(formatG16(1e-5)).toBe('1E-05');
    expect(formatG16(0.0001)).toBe('0.0001');
    expect(formatG16(2.5)).toBe('2.5');
    expect(formatG16(-3)).toBe('-3');
    expect(formatG16(1 / 3)).toBe('0.3333333333333333');
  });
  test('%1.15E has at least two exponent digits', () => {
    expect(formatE15(2.5)).toBe('2.500000000000000E+00');
    expect(formatE15(-1e-300)).toBe('-1.000000000000000E-300');
    expect(formatE15(1 / 3)).toBe('3.333333333333333E-01');
  });
  test('exact decimal ties round half to even like glibc', () => {
    // 2^50 + 0.5 = 1125899906842624.5 exactly: 17 significant digits, a tie at 16
    expect(formatG16(2 ** 50 + 0.5)).toBe('1125899906842624');
    // 2^50 + 1.5: the tie rounds up to the even 6
    expect(formatG16(2 ** 50 + 1.5)).toBe('1125899906842626');
  });
  test('UnparseReal special cases', () => {
    expect(unparseReal(0, false)).toBe('0.0');
    expect(unparseReal(-0, true)).toBe('-0.0');
    expect(unparseReal(NaN, true)).toBe('real("NaN")');
    expect(unparseReal(-Infinity, false)).toBe('real("-INF")');
    expect(unparseReal(100, true)).toBe('100.0');
    expect(unparseReal(1e20, true)).toBe('1E+20');
  });
});

describe('ClassAdUnParser', () => {
  test('operators keep the C++ spacing, unary ones with a leading space', () => {
    expect(parseExpression('!a').toString()).toBe(' !a');
    expect(parseExpression('a&&b||c').toString()).toBe('a && b || c');
    expect(parseExpression('f( 1 ,2 )').toString()).toBe('f(1,2)');
    expect(parseExpression('{1,2}').toString()).toBe('{ 1,2 }');
    expect(unparse(parseExpression('[a=1;b=2]'))).toBe('[ a = 1; b = 2 ]');
  });
  test('new-syntax strings escape control and non-ASCII bytes; old syntax only the quote', () => {
    const lit = new Literal('é\n"\\');
    expect(lit.toString()).toBe('"\\303\\251\\n\\"\\\\"');
    expect(unparseOld(lit)).toBe('"é\n\\"\\"');
    expect(unparseString("it's", "'", false)).toBe("'it\\'s'");
  });
  test('attribute names that are not identifiers or are reserved words are quoted', () => {
    expect(parseExpression("'a b'").toString()).toBe("'a b'");
    expect(parseExpression("'true'").toString()).toBe("'true'");
    expect(parseExpression("'x1'").toString()).toBe('x1');
  });
  test('old-syntax round trip of wire values', () => {
    for (const s of ['(TARGET.Arch == "X86_64") && (TARGET.OpSys == "LINUX")', '"C:\\dir\\"', '2.5', '{ "a",1 }', '[ x = 1; y = "z" ]']) {
      expect(unparseOld(parseOldValue(s))).toBe(s);
    }
  });
});
