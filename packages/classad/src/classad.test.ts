import { ClassAd, Value, ExprTree, Operation, ClassAdParseError, parseClassAd, parseJsonAd, parseJsonAds, parseExpression, unparse } from './index.js';

describe('ClassAd container', () => {
  test('case-insensitive names that keep their first spelling, insertion order', () => {
    const ad = new ClassAd();
    ad.set('Memory', 1024n).set('cpus', 2).set('MEMORY', 2048n);
    expect([...ad.keys()]).toEqual(['Memory', 'cpus']);
    expect(ad.get('memory')).toBe(2048n);
    expect(ad.has('CPUS')).toBe(true);
    expect(ad.size).toBe(2);
    expect(ad.delete('Cpus')).toBe(true);
    expect(ad.has('cpus')).toBe(false);
    expect(ad.get('nope')).toBeUndefined();
  });

  test('JS values map to ClassAd literals and back', () => {
    const ad = new ClassAd({ i: 1, r: 1.5, s: 'x', b: true, u: null, l: [1, 'a'], n: { x: 1n } });
    expect(ad.get('i')).toBe(1n);
    expect(ad.get('r')).toBe(1.5);
    expect(ad.get('u')).toBe(Value.Undefined);
    expect(ad.get('l')).toEqual([1n, 'a']);
    expect((ad.get('n') as ClassAd).get('x')).toBe(1n);
    expect(ad.printOld()).toBe('i = 1\nr = 1.5\ns = "x"\nb = true\nu = undefined\nl = { 1,"a" }\nn = [ x = 1 ]\n');
  });

  test('non-literal expressions come back as ExprTree', () => {
    const ad = new ClassAd();
    ad.insertFromWire('Requirements = TARGET.Memory > 1024');
    const r = ad.get('requirements');
    expect(r).toBeInstanceOf(ExprTree);
    expect((r as Operation).toString()).toBe('TARGET.Memory > 1024');
    expect(ad.lookup('Requirements')).toBe(r);
  });

  test('int64 extremes survive wire -> printOld -> JSON -> parse', () => {
    const ad = new ClassAd();
    ad.insertFromWire('Max = 9223372036854775807');
    ad.insertFromWire('Min = -9223372036854775808');
    expect(ad.get('Max')).toBe(9223372036854775807n);
    const back = parseJsonAd(ad.printJson());
    expect(back.get('max')).toBe(9223372036854775807n);
    expect(back.get('min')).toBe(-9223372036854775808n);
    const again = new ClassAd();
    for (const line of ad.printOld().split('\n').filter((l) => l)) again.insertFromWire(line);
    expect(again.get('Min')).toBe(-9223372036854775808n);
  });

  test('lazy wire values parse on first access and report errors then', () => {
    const ad = new ClassAd();
    ad.insertFromWire('A = 1 + 2', { lazy: true });
    ad.insertFromWire('Bad = (1', { lazy: true });
    expect(ad.rawText('A')).toBe('1 + 2');
    expect(ad.get('A')?.toString()).toBe('1 + 2');
    expect(ad.rawText('A')).toBeUndefined();
    expect(() => ad.get('Bad')).toThrow(ClassAdParseError);
    expect(() => ad.insertFromWire('Bad = (1')).toThrow(ClassAdParseError);
  });
});

describe('JSON form (ClassAdJsonUnParser)', () => {
  test('literals direct, undefined null, expressions quoted, nested structures', () => {
    const ad = parseClassAd('[ a = 1; b = 2.0; c = "q\\"\\n"; d = undefined; e = error; f = x + 1; g = {1, [h = 2]}; n = real("NaN") ]');
    expect(ad.printJson()).toBe(
      '{\n  "a": 1,\n  "b": 2.0,\n  "c": "q\\"\\n",\n  "d": null,\n  "e": "\\/Expr(error)\\/",\n  "f": "\\/Expr(x + 1)\\/",\n' +
        '  "g": [\n    1,\n    {\n      "h": 2\n    }\n  ],\n  "n": "\\/Expr(real(\\"NaN\\"))\\/"\n}',
    );
    expect(new ClassAd().printJson()).toBe('{\n}');
  });

  test('reading JSON back gives an equal ad', () => {
    const src = parseClassAd('[ a = 1; b = 2.5; s = "x"; l = {1, "y", {}}; n = [m = true]; e = a + b; u = undefined ]');
    const back = parseJsonAd(src.printJson());
    expect(unparse(back)).toBe(unparse(src));
    expect(unparse(parseJsonAd(src.printJson(true)))).toBe(unparse(src));
  });

  test('condor_status -json arrays and stray commas', () => {
    const ads = parseJsonAds('[\n{ "a": 1,, "b": "\\/Expr(a * 2)\\/" },\n{ "c": null }\n]');
    expect(ads).toHaveLength(2);
    expect((ads[0] as ClassAd).get('b')?.toString()).toBe('a * 2');
    expect((ads[1] as ClassAd).get('c')).toBe(Value.Undefined);
    expect(() => parseJsonAd('{ "a": 01 }')).toThrow(ClassAdParseError);
    expect(parseExpression('x').toString()).toBe('x');
  });
});

describe('wire helpers', () => {
  test('wireLines are what putClassAd sends and read back identically', () => {
    const ad = new ClassAd('[A = 1; S = "x\\"y"; N = [b = 2.5]; E = TARGET.x =?= undefined]');
    const lines = ad.wireLines();
    expect(lines).toEqual(['A = 1', 'S = "x\\"y"', 'N = [ b = 2.5 ]', 'E = TARGET.x =?= undefined']);
    const back = new ClassAd();
    for (const l of lines) back.insertFromWire(l);
    expect(back.toString()).toBe(ad.toString());
  });
});

describe('duplicates in wire ads resolve like C++ Insert (later value, first spelling and position)', () => {
  const lines = ['A = 1', 'B = 10', 'a = 2', 'C = 20', 'A = 3', 'b = 11'];
  test.each([0, 1, 2, 3, 4, 5, 6, 8])('after %i lookups of other names', (warm) => {
    const ad = new ClassAd();
    for (const l of lines) ad.insertFromWire(l, { lazy: warm % 2 === 0 });
    for (let i = 0; i < warm; i++) ad.get('zz' + i);
    expect(ad.get('a')).toBe(3n);
    expect(ad.get('B')).toBe(11n);
    expect(ad.has('c')).toBe(true);
    expect([...ad.keys()]).toEqual(['A', 'B', 'C']);
    expect(ad.size).toBe(3);
    expect(ad.printOld()).toBe('A = 3\nB = 11\nC = 20\n');
  });
});
