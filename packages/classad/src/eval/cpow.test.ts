import { cpow } from './cpow.js';

describe('cpow: C99 pow special cases and correct rounding', () => {
  test('special cases follow C, not Math.pow', () => {
    expect(cpow(1, NaN)).toBe(1); // Math.pow gives NaN
    expect(cpow(-1, Infinity)).toBe(1); // Math.pow gives NaN
    expect(cpow(NaN, 0)).toBe(1);
    expect(cpow(-8, 1 / 3)).toBeNaN();
    expect(cpow(-2, 3)).toBe(-8);
    expect(cpow(-2, 2)).toBe(4);
    expect(cpow(0, -1)).toBe(Infinity);
    expect(cpow(10, 309)).toBe(Infinity);
  });
  test('exact and correctly rounded results', () => {
    expect(cpow(2, 10)).toBe(1024);
    expect(cpow(10, 22)).toBe(1e22);
    expect(cpow(3, 2)).toBe(9);
    expect(cpow(2, 0.5)).toBe(Math.SQRT2);
    // the correctly rounded value of 10^2.5 is 316.22776601683796 (Math.pow may give ...795)
    expect(cpow(10, 2.5)).toBe(316.22776601683796);
    expect(cpow(50.788748264312744, 6.827394962310791)).toBe(442535892319.9691);
  });
});
