/**
 * Public API behaviour. Expected strings marked "python" were produced by the official HTCondor 23.9.6
 * Python bindings (`import htcondor, classad`) in the lab chroot.
 */
import {
  ClassAd,
  ExprTree,
  Value,
  Parser,
  parse,
  parseOne,
  parseAds,
  parseNext,
  parseOld,
  parseOldAds,
  parseExpression,
  quote,
  unquote,
  Attribute,
  Function as Fn,
  makeLiteral,
  evaluate,
  register,
  setUserMapper,
  unparseXml,
  parseXmlAds,
  printXmlDocument,
  ClassAdEvaluationError,
  printAds,
  ClassAdParseError,
  ClassAdValueError,
  ClassAdException,
  Literal,
} from './index.js';

const AD = '[a = 1; b = "x\\ny"; c = {1, 2}; d = [e = 1]; f = x + 1]';

describe('printing like the Python bindings', () => {
  const ad = parse(AD);
  test('str(ad) is the PrettyPrint form (python)', () => {
    expect(ad.toString()).toBe(
      '\n    [\n        a = 1; \n        b = "x\\ny"; \n        c = \n           {\n              1,\n              2\n           }; \n        d = \n            [\n                e = 1\n            ]; \n        f = x + 1\n    ]',
    );
  });
  test('printOld (python)', () => {
    expect(ad.printOld()).toBe('a = 1\nb = "x\ny"\nc = { 1,2 }\nd = [ e = 1 ]\nf = x + 1\n');
  });
  test('printJson (python)', () => {
    expect(ad.printJson()).toBe('{\n  "a": 1,\n  "b": "x\\ny",\n  "c": [\n    1,\n    2\n  ],\n  "d": {\n    "e": 1\n  },\n  "f": "\\/Expr(x + 1)\\/"\n}');
    expect(new ClassAd().printJson()).toBe('{\n}');
  });
  test('quote / unquote (python)', () => {
    expect(quote('hello\'world"x\\')).toBe('"hello\'world\\"x\\\\"');
    expect(unquote('"a\\tb"')).toBe('a\tb');
    expect(() => unquote('a + 1')).toThrow(ClassAdValueError);
    expect(unquote(quote('é\n\u0001'))).toBe('é\n\u0001');
  });
  test('eval and get convert lists and ads (python: [1, 2], ExprTree for f)', () => {
    expect(ad.eval('c')).toEqual([1n, 2n]);
    expect(ad.get('c')).toEqual([1n, 2n]);
    expect((ad.get('d') as ClassAd).get('e')).toBe(1n);
    expect(ad.get('f')).toBeInstanceOf(ExprTree);
  });
});

describe('parse entry points', () => {
  const old = 'A = 1\nB = "two"\n\n# comment\nA = 3\n\n';
  test('parseOldAds splits at blank lines and skips comments', () => {
    const ads = [...parseOldAds(old)];
    expect(ads).toHaveLength(2);
    expect(ads[1]?.get('A')).toBe(3n);
  });
  test('parseAds auto-detects old, new and JSON', () => {
    expect([...parseAds(old)]).toHaveLength(2);
    expect([...parseAds('[a=1] [a=2]\n[a=3]')].map((x) => x.get('a'))).toEqual([1n, 2n, 3n]);
    expect([...parseAds('[{"a": 1}, {"a": 2}]', Parser.Json)]).toHaveLength(2);
    expect([...parseAds('{"a": 1}')][0]?.get('a')).toBe(1n);
  });
  test('parseOne merges, parseOld reads one long-form ad, parseNext advances', () => {
    expect(parseOne(old).get('a')).toBe(3n);
    expect(parseOne('[a=1;b=2] [a=3]').get('b')).toBe(2n);
    expect(parseOld('X = 1\nY = X + 1').eval('Y')).toBe(2n);
    const text = '[a=1] [a=2]';
    const first = parseNext(text);
    expect(first?.ad.get('a')).toBe(1n);
    const second = parseNext(text, first?.end);
    expect(second?.ad.get('a')).toBe(2n);
    expect(parseNext(text, second?.end)).toBeNull();
    const o = parseNext('A = 1\n\nA = 2\n', 0, Parser.Old);
    expect(o?.ad.get('A')).toBe(1n);
    expect(parseNext('A = 1\n\nA = 2\n', o?.end, Parser.Old)?.ad.get('A')).toBe(2n);
  });
  test('errors are typed and share the base class', () => {
    expect(() => parse('[a = ]')).toThrow(ClassAdParseError);
    expect(() => parse('[a = ]')).toThrow(ClassAdException);
  });
});

describe('expressions and evaluation', () => {
  test('builders and ExprTree operators', () => {
    const e = Attribute('x').and(Fn('strcat', 'a', 1n).is(makeLiteral('a1')));
    expect(e.toString()).toBe('x && strcat("a",1) is "a1"');
    expect(e.eval(new ClassAd({ x: true }))).toBe(true);
    expect(parseExpression('x || y').sameAs(Attribute('x').or(Attribute('y')))).toBe(true);
    expect(parseExpression('1 + 2').simplify().toString()).toBe('3');
  });
  test('TARGET scoping in evaluate and ClassAd#evaluate', () => {
    const job = new ClassAd({ RequestMemory: 2048n });
    const slot = new ClassAd({ Memory: 4096n });
    expect(evaluate(parseExpression('TARGET.Memory >= MY.RequestMemory'), job, slot)).toBe(true);
    expect(job.evaluate('Memory', slot)).toBe(4096n); // old semantics: unscoped falls back to the target
    expect(job.evaluate('TARGET.Memory')).toBe(Value.Undefined);
  });
  test('matches and symmetricMatch', () => {
    const job = parse('[Requirements = TARGET.Memory >= RequestMemory; RequestMemory = 1024]');
    const slot = parse('[Requirements = TARGET.RequestMemory <= Memory; Memory = 2048]');
    expect(slot.matches(job)).toBe(true);
    expect(job.symmetricMatch(slot)).toBe(true);
    expect(job.symmetricMatch(parse('[Requirements = true; Memory = 10]'))).toBe(false);
    // the ads are left as they were
    expect(job.parentScope).toBeNull();
  });
  test('recursion failure is a ClassAdEvaluationError', () => {
    expect(() => parse('[a = a + 1]').eval('a')).toThrow(ClassAdEvaluationError);
  });
  test('flatten, externalRefs, internalRefs', () => {
    const ad = parse('[x = 1; y = z]');
    expect((ad.flatten('x + q') as ExprTree).toString()).toBe('1 + q');
    expect(ad.flatten('x + 1')).toBe(2n);
    expect(ad.externalRefs('x + y + TARGET.w')).toEqual(['TARGET.w', 'z']);
    expect(ad.internalRefs('x + y + TARGET.w')).toEqual(['x', 'y']);
  });
  test('register: a JS function callable from expressions', () => {
    register('jsDouble', (v) => (typeof v === 'bigint' ? v * 2n : Value.Error));
    expect(parseExpression('jsDouble(21)').eval()).toBe(42n);
    expect(parseExpression('jsdouble("x")').eval()).toBe(Value.Error);
    register('jsThrows', () => {
      throw new Error('boom');
    });
    expect(parseExpression('jsThrows()').eval()).toBe(Value.Error);
  });
  test('userMap consults the installed mapper', () => {
    expect(parseExpression('userMap("m", "alice")').eval()).toBe(Value.Undefined);
    setUserMapper((map, user) => (map === 'groups' && user === 'alice' ? 'physics, chem' : undefined));
    try {
      expect(parseExpression('userMap("groups", "alice")').eval()).toEqual(['physics', 'chem']);
      expect(parseExpression('userMap("groups", "alice", "CHEM")').eval()).toBe('chem');
      expect(parseExpression('userMap("groups", "bob", "x", "none")').eval()).toBe('none');
    } finally {
      setUserMapper(null);
    }
  });
});

describe('XML form', () => {
  test('writes condor_q -xml spacing and reads it back', () => {
    const ad = parse('[a = 1; s = "x<y & \\"q\\""; l = {1, "z"}; e = a < 2; n = [m = true]]');
    const x = unparseXml(ad);
    expect(x).toBe(
      '<c>\n    <a n="a"><i>1</i></a>\n    <a n="s"><s>x&lt;y &amp; "q"</s></a>\n    <a n="l"><l><i>1</i><s>z</s></l></a>\n' +
        '    <a n="e"><e>a &lt; 2</e></a>\n    <a n="n"><c>\n        <a n="m"><b v="t"/></a>\n    </c></a>\n</c>\n',
    );
    const doc = printXmlDocument([ad, new ClassAd({ b: 2n })]);
    const back = parseXmlAds(doc);
    expect(back).toHaveLength(2);
    expect(back[0]?.toString()).toBe(ad.toString());
    expect(back[1]?.get('b')).toBe(2n);
    expect(() => parseXmlAds('<c><a n="x"></a></c>')).toThrow(ClassAdParseError);
    expect(new Literal(1n).toString()).toBe('1');
  });
});

describe('constructing ads', () => {
  test('from new-syntax text, objects and pairs', () => {
    expect(new ClassAd('[a = 1; b = a + 1]').eval('b')).toBe(2n);
    expect(new ClassAd([['x', 'y']]).get('x')).toBe('y');
    expect(() => new ClassAd('[a = ')).toThrow(ClassAdParseError);
    const ad = new ClassAd({ n: 1 });
    expect(ad.setdefault('n', 5n)).toBe(1n);
    expect(ad.setdefault('m', 5n)).toBe(5n);
    expect(ad.get('missing', 'dflt')).toBe('dflt');
  });
});

describe('matchmaking re-entrancy', () => {
  test('a match evaluated from inside another match does not disturb it', () => {
    const inner = parse('[Requirements = TARGET.v == 2; v = 1]');
    const innerOther = parse('[Requirements = TARGET.v == 1; v = 2]');
    register('innerMatch', () => inner.symmetricMatch(innerOther));
    const job = parse('[Requirements = innerMatch() && TARGET.Memory > 1; Memory = 0]');
    const slot = parse('[Requirements = TARGET.Memory == 0; Memory = 4]');
    expect(job.symmetricMatch(slot)).toBe(true);
    expect(job.symmetricMatch(parse('[Requirements = true; Memory = 1]'))).toBe(false);
    expect(inner.parentScope).toBeNull();
    expect(slot.parentScope).toBeNull();
  });
});

describe('parseAds format detection (HTCondor Parse_auto)', () => {
  test('new-syntax list, JSON array, XML document', () => {
    expect([...parseAds('{\n[a = 1],\n[a = 2]\n}\n')].map((x) => x.get('a'))).toEqual([1n, 2n]);
    expect([...parseAds('[\n{"a": 1},\n{"a": 2}\n]\n')].map((x) => x.get('a'))).toEqual([1n, 2n]);
    const xml = printXmlDocument([new ClassAd({ a: 1n }), new ClassAd({ a: 2n })]);
    expect([...parseAds(xml)].map((x) => x.get('a'))).toEqual([1n, 2n]);
    expect([...parseAds('[a = 1]')].map((x) => x.get('a'))).toEqual([1n]);
    expect([...parseAds('{"a": 1}')].map((x) => x.get('a'))).toEqual([1n]);
  });
});

describe('rank', () => {
  test('Rank evaluated against the other ad', () => {
    const job = parse('[Rank = TARGET.Memory * 2; Requirements = true]');
    expect(job.rank(parse('[Memory = 21]'))).toBe(42n);
    expect(parse('[x = 1]').rank(job)).toBe(Value.Undefined);
  });
});

describe('parseOldAds agrees with the Python bindings (python)', () => {
  const cases: Array<[string, Array<Record<string, string>>]> = [
    ['A = 1\nB = 2\n\nA = 3\n', [{ A: '1', B: '2' }, { A: '3' }]],
    ['A = 1\n  \t\nB = 2\n', [{ A: '1' }, { B: '2' }]],
    ['# c\nA = 1\n', [{ A: '1' }]],
    ['A = 1\r\nB = 2\r\n', [{ A: '1', B: '2' }]],
    ['\n\nA = 1\n\n\n', [{ A: '1' }]],
    ['A=1\n B = 2\n', [{ A: '1', B: '2' }]],
    ['  # x\nA = 1', [{ A: '1' }]],
  ];
  for (const [text, want] of cases) {
    test(JSON.stringify(text), () => {
      const got = [...parseOldAds(text)].map((ad) => Object.fromEntries([...ad.exprEntries()].map(([k, e]) => [k, e.toString()])));
      expect(got).toEqual(want);
    });
  }
  test('a value that does not parse is a ClassAdParseError (python too)', () => {
    expect(() => [...parseOldAds('A = (1\nB = 2\n')]).toThrow(ClassAdParseError);
  });
  test('a line without "=" is an error, as in HTCondor (python v1 invents an attribute instead)', () => {
    expect(() => [...parseOldAds('A = 1\nnot a line\n')]).toThrow(ClassAdParseError);
  });
});

describe('expressions remember the ad they were looked up from', () => {
  test('ad.lookup(x).eval() evaluates in the ad (as Python)', () => {
    const ad = new ClassAd('[a = 20; b = a * 2 + 2]');
    expect(ad.lookup('b')?.eval()).toBe(42n);
    expect(ad.lookup('b')?.simplify().toString()).toBe('42');
    expect(parseExpression('a * 2').eval()).toBe(Value.Undefined);
  });
});

describe('printAds (CondorClassAdListWriter)', () => {
  const ads = [new ClassAd('[a = 1; b = "x"]'), new ClassAd('[a = 2]')];
  test('each format reads back with parseAds', () => {
    for (const f of ['long', 'json', 'new', 'xml'] as const) {
      const text = printAds(ads, f);
      expect([...parseAds(text)].map((x) => x.get('a'))).toEqual([1n, 2n]);
    }
    expect(printAds(ads, 'json')).toBe('[\n{\n  "a": 1,\n  "b": "x"\n}\n,\n{\n  "a": 2\n}\n]\n');
    expect(printAds(ads, 'new')).toBe('{\n[ a = 1; b = "x" ]\n,\n[ a = 2 ]\n}\n');
    expect(printAds(ads)).toBe('a = 1\nb = "x"\n\na = 2\n\n');
    expect(printAds([], 'xml')).toBe('<?xml version="1.0"?>\n<!DOCTYPE classads SYSTEM "classads.dtd">\n<classads>\n</classads>\n');
  });
});

describe('developer ergonomics', () => {
  test('JSON.stringify and inspection of expressions and ads', () => {
    const ad = new ClassAd('[a = 1; e = x + 1]');
    expect(JSON.stringify({ e: ad.lookup('e') })).toBe('{"e":"x + 1"}');
    expect(JSON.stringify(ad)).toBe('{"a":1,"e":"/Expr(x + 1)/"}');
    const inspect = (x: object): string => (x as Record<symbol, () => string>)[Symbol.for('nodejs.util.inspect.custom')]!();
    expect(inspect(ad.lookup('e') as object)).toBe('Operation(x + 1)');
    expect(inspect(ad)).toBe('ClassAd([ a = 1; e = x + 1 ])');
  });
});
