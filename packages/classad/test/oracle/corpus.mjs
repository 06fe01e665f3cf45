// Generates the differential-testing corpus: hand-written edge cases for every operator and builtin,
// plus seeded grammar-generated expressions. Deterministic: same seed, same corpus.
// Each case is { cmd, args: string[] } (see oracle.cpp for the commands).

/** mulberry32: small seeded PRNG */
export function rng(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const VALUES = [
  '0', '1', '-1', '7', '-7', '3', '64', '65', '-64', '9223372036854775807', '-9223372036854775808', '2147483648',
  '0.0', '-0.0', '1.5', '-2.5', '1e308', '-1e308', '1e-320', '3.0', 'real("NaN")', 'real("INF")', 'real("-INF")',
  '"abc"', '"ABC"', '""', '"10"', '"1.5e3"', '" 12abc"', '"true"', '"é"',
  'true', 'false', 'undefined', 'error',
  '{}', '{1, 2}', '{1, "a", undefined}', '[]', '[a = 1]',
  'absTime(0)', 'absTime(86400, 3600)', 'relTime(90)', 'relTime(-3661.5)',
];

const BINOPS = ['+', '-', '*', '/', '%', '<', '<=', '>', '>=', '==', '!=', '=?=', '=!=', 'is', 'isnt', '&&', '||', '&', '|', '^', '<<', '>>', '>>>'];
const UNOPS = ['-', '+', '!', '~'];

const PARSE_CASES = [
  '1', '-1', '- 1', '3 * -1', 'a -1', 'a - -1', '1.', '1e', '1.e5', '.5', '-.5', '..', 'a..b', '0x1F', '017', '00', '0', '08.5', '09',
  '1e5', '1E+5', '1.5e-300', '9223372036854775808', '-9223372036854775809', '123456789012345678901234567890',
  '"a\\tb"', '"a\\"b"', '"\\303\\251"', '"\\0"', '"a\\0b"', '"x" "y"', '"x"  \n "y"', "'a b'", "'a\\'b'", "'x' 'y'",
  '"\\400"', '"\\777"', '"\\1234"', '"\\q"', '"trailing\\\\"', '"\\\\"',
  'a.b.c', 'MY.x', 'TARGET.x', 'parent.x', '.x', 'x[1]', 'x[1][2]', 'x.y[0].z', '[a=1].a', '{1,2}[0]', 'a.1',
  'a ? b : c', 'a ?: c', 'a ? : c', 'a ?b: c', 'a ? b : c ? d : e', '1 ? 2 : 3 4', '1 + 2 3', 'a ? (: b',
  'f()', 'f(1)', 'f(1,2)', 'f(1;2)', 'f(,)', 'f(1,)', 'strcat("a", "b")', 'absTime("2020-01-01T00:00:00Z")', 'relTime("1:00")',
  '{}', '{1}', '{1,}', '{,}', '[]', '[a=1]', '[a=1;]', '[;]', '[a=1;;b=2]', '[a=1 b=2]', "['a b'=1]", "[''=1]", '[a=[b=[c=1]]]',
  'a == b', 'a =?= b', 'a =!= b', 'a is b', 'a isnt b', 'a =? b', 'a =! b', 'a = b', 'a => b', 'a >>> b', 'a >> > b',
  '!a', '!!a', '~a', '-a', '+a', '- -a', '!-a', '-(a)', '(a)', '((a))', '(a', 'a)', ')',
  'TRUE', 'False', 'UNDEFINED', 'Error', 'isnt', 'is', 'true_1', '_x', '_', 'x_', '1a', 'a1',
  '/* c */ 1', '1 // c', '1 /* c', '1 /', '/', 'a/*x*/b', 'a /* x */ + b',
  'a || b && c | d ^ e & f == g < h << i + j * k', '(a || b) && c', 'a - b - c', 'a - (b - c)', '-a * -b',
  'x.-1', '3.-1', '1-1', '1 -1', '(1)-1', 'x-1', '"a"-1', 'true-1', '{1}-1', '[a=1]-1',
  'real("NaN")', '1.0', '100.0', '1e16', '1e15', '123456789.123', '0.1', '1e-5', '0.0001', '-0.0', '2.5e-310',
  '"\\a\\b\\f\\n\\r\\t\\v"', '"\\x41"', '"tab\there"', '"\u007f"', '"日本"',
  'é', 'a é', '@', '#', '$', '`',
];

const TIME_STRINGS_ABS = [
  '2020-01-01T00:00:00Z', '2020-01-01T00:00:00+01:00', '2020-01-01T00:00:00-0530', '2020-01-01', '2020', '20200102', '2020-13-45T25:61:61',
  '1969-12-31T23:59:59', '1970-01-01T00:00:00', 'x2020y01z02', '2020-01-01T00:00:00 Z', '2020-01-01T00:00:00+01', '', 'abc', '2020-01-01T00:00:00+1:00',
  '  2021-06-30 12:34:56  ', '2021-06-30T12:34:56.789', '99999-01-01', '2038-01-19T03:14:08Z', '1900-01-01T00:00:00Z',
];
const TIME_STRINGS_REL = [
  '1:00', '1+00:00:01', '-1:00:00', '90', '90.5', '1d', '2h 3m 4s', '1d2h3m4s', '-5s', 'x', '', ' 10 ', '1:2:3:4', '+5', '1.5.5', '00:00:00',
  '100000000d', '3m', '1:60', '25:00:00',
];

const OLD_PARSE_CASES = [
  '"C:\\temp\\x"', '"a\\"b"', '"ends\\"', '"ends\\"\n', '"a\\" + "b"', '"x" "y"', '"a\\tb"', '"\\303"', "'a\\'b'",
  '1 2', '1 junk', 'a + ', '"unterminated', '(TARGET.Arch == "X86_64") && (TARGET.OpSys == "LINUX")',
  '017', '1.5', '1e300', '{"a", 1}', '[a = "q\\"x"]', 'strcat("a";"b")', 'x =?= "A"', '"\\\\"', '"\\\\\\\\"',
];

const FUNCS = {
  // name: list of argument lists (as expression strings)
  isUndefined: [['undefined'], ['1'], ['error'], [], ['1', '2']],
  isError: [['error'], ['1/0'], ['undefined']],
  isString: [['"a"'], ['1']], isInteger: [['1'], ['1.0']], isReal: [['1.0'], ['1']], isList: [['{}'], ['[]']],
  isClassAd: [['[]'], ['{}']], isBoolean: [['true'], ['1']], isAbsTime: [['absTime(0)'], ['0']], isRelTime: [['relTime(0)'], ['0']],
  member: [['1', '{1,2}'], ['"A"', '{"a"}'], ['undefined', '{1}'], ['1', 'undefined'], ['1', '1'], ['{1}', '{{1}}'], ['error', '{1}'], ['1', '{undefined, 1}'], ['1.0', '{1}']],
  identicalMember: [['1', '{1,2}'], ['"A"', '{"a"}'], ['undefined', '{undefined}'], ['1.0', '{1}'], ['error', '{error}']],
  size: [['{1,2,3}'], ['"abc"'], ['"é"'], ['[a=1;b=2]'], ['undefined'], ['1'], []],
  sum: [['{1,2,3}'], ['{1,2.5}'], ['{}'], ['{1,undefined}'], ['{1,"a"}'], ['{true,true}'], ['undefined'], ['1']],
  avg: [['{1,2}'], ['{}'], ['{1,undefined,3}'], ['{1,"x"}']],
  min: [['{3,1,2}'], ['{}'], ['{1,2.5}'], ['{undefined}'], ['{"a"}']], max: [['{3,1,2}'], ['{1,2.5,-1}'], ['{true,2}']],
  anyCompare: [['"<"', '{1,2,3}', '2'], ['"=="', '{1,2}', '5'], ['"is"', '{undefined}', 'undefined'], ['"<"', '{"a"}', '1'], ['"foo"', '{1}', '1'], ['"<"', '{undefined}', '1']],
  allCompare: [['">"', '{3,4}', '2'], ['">"', '{3,1}', '2'], ['"isnt"', '{1,2}', '3'], ['">"', '{undefined}', '1'], ['">"', '{}', '1']],
  strcat: [['"a"', '"b"'], ['"a"', '1'], ['"a"', '1.5'], ['"a"', 'undefined'], ['"a"', 'error'], [], ['{1,2}', '[a=1]'], ['true'], ['absTime(0)'], ['relTime(61)']],
  join: [['", "', '{"a","b"}'], ['{"a","b"}'], ['"-"', '"a"', '"b"', '"c"'], ['"-"', 'undefined', '"b"'], ['"-"', '{1, undefined, 2}'], ['"x"']],
  toUpper: [['"aBc"'], ['1'], ['undefined'], ['"é"']], toLower: [['"AbC"'], ['true'], ['error']],
  substr: [['"abcdef"', '2'], ['"abcdef"', '2', '3'], ['"abcdef"', '-2'], ['"abcdef"', '1', '-1'], ['"abcdef"', '10'], ['"abc"', '1', '0'], ['"abc"', '-10', '2'], ['"abc"', '1.5'], ['undefined', '1'], ['"éa"', '1']],
  strcmp: [['"a"', '"b"'], ['"b"', '"a"'], ['"a"', '"A"'], ['1', '"1"'], ['undefined', '"a"']], stricmp: [['"a"', '"A"'], ['"a"', '"b"']],
  versioncmp: [['"1.2"', '"1.10"'], ['"1.02"', '"1.2"'], ['"abc"', '"abd"'], ['"1.0"', '"1.0"'], ['"x9"', '"x10"'], ['"010"', '"09"']],
  versionGT: [['"1.10"', '"1.9"']], versionLT: [['"1.10"', '"1.9"']], versionLE: [['"1"', '"1"']], versionGE: [['"2"', '"10"']], versionEQ: [['"1.0"', '"1.0"']],
  versiongt: [['"1.10"', '"1.9"']],
  version_in_range: [['"1.5"', '"1.0"', '"2.0"'], ['"3"', '"1"', '"2"'], ['"1"', 'undefined', '"2"']],
  regexp: [['"a.c"', '"abc"'], ['"^A"', '"abc"', '"i"'], ['"["', '"a"'], ['"b"', 'undefined'], ['1', '"a"'], ['"a$"', '"a\\nb"', '"m"']],
  regexpMember: [['"a"', '{"xa", "b"}'], ['"z"', '{"a", undefined}'], ['"a"', '{1}']],
  regexps: [['"(a)(b)"', '"xaby"', '"\\\\2\\\\1"'], ['"a"', '"b"', '"c"'], ['"(a)"', '"a"', '"\\\\2"']],
  replace: [['"a"', '"banana"', '"o"'], ['"x"', '"abc"', '"y"']], replaceAll: [['"a"', '"banana"', '"o"'], ['"a*"', '"baaac"', '"-"'], ['"n(a)"', '"banana"', '"N\\\\1"']],
  int: [['1.9'], ['-1.9'], ['"12"'], ['"12abc"'], ['"abc"'], ['true'], ['undefined'], ['absTime(5)'], ['relTime(3.7)'], ['1e30'], ['"  7"']],
  real: [['1'], ['"1.5"'], ['"x"'], ['true'], ['"1e5"'], ['"inf"'], ['relTime(2.5)'], ['"NaN"']],
  string: [['1'], ['1.5'], ['true'], ['{1,"a"}'], ['[a=1]'], ['undefined'], ['absTime(0)'], ['relTime(3661)'], ['relTime(0.5)'], ['"x"']],
  bool: [['1'], ['0.0'], ['"TRUE"'], ['"no"'], ['undefined'], ['error'], ['relTime(0)'], ['{}']],
  absTime: [['0'], ['1e9'], ['86400', '3600'], ['"x"'], ['true'], ['relTime(10)'], ['absTime(5)']],
  relTime: [['90'], ['90.5'], ['"x"'], ['absTime(7)'], ['1', '2']],
  floor: [['1.5'], ['-1.5'], ['3'], ['"2.7"'], ['undefined'], ['true']], ceiling: [['1.2'], ['-1.2']], ceil: [['1.2']],
  round: [['2.5'], ['3.5'], ['-2.5'], ['1.4999'], ['"x"']],
  pow: [['2', '10'], ['2', '-1'], ['2.0', '3'], ['-8', '0.5'], ['10', '20'], ['2', '63'], ['"2"', '2']],
  quantize: [['7', '4'], ['7.5', '2'], ['7', '{2, 8, 16}'], ['20', '{2, 8, 16}'], ['7', '0'], ['7', '2.5'], ['"x"', '2']],
  ifThenElse: [['true', '1', '2'], ['0', '1', '2'], ['undefined', '1', '2'], ['"x"', '1', '2'], ['1.5', '1', 'error'], ['true', '1']],
  interval: [['0'], ['59'], ['61'], ['3661'], ['90061'], ['-3661'], ['"x"'], ['1.9']],
  eval: [['"1 + 2"'], ['"x +"'], ['1'], ['"strcat(\\"a\\", \\"b\\")"']],
  unparse: [['x'], ['1'], ['nosuch']],
  splitTime: [['relTime(93784.5)'], ['relTime(-61)'], ['absTime(0)'], ['86400'], ['undefined'], ['"x"'], ['[a=1]']],
  formatTime: [[], ['0', '"%Y-%m-%d %H:%M:%S"'], ['86399', '"%c"'], ['0', '"%j %a %A %b %B %p %y %e %D %T %%"'], ['relTime(1)'], ['0', '1'], ['absTime(3600, 3600)', '"%H %z"']],
  getYear: [['absTime(0)'], ['relTime(0)']], getMonth: [['absTime(5000000)']], getDayOfYear: [['absTime(5000000)']], getDayOfMonth: [['absTime(5000000)']],
  getDayOfWeek: [['absTime(5000000)']], getHours: [['absTime(5000000)'], ['relTime(90061)']], getMinutes: [['relTime(90061)']], getSeconds: [['relTime(90061)']], getDays: [['relTime(90061)'], ['absTime(1)']],
  stringListsIntersect: [['"a,b"', '"b,c"'], ['"a,b"', '"c,d"'], ['"a;b"', '"b"', '";"'], ['undefined', '"a"']],
  stringListSize: [['"a, b ,c"'], ['""'], ['"a;b"', '";"'], ['1']],
  stringListSum: [['"1,2,3"'], ['"1,2.5"'], ['""'], ['"1,x"']], stringListAvg: [['"1,2"'], ['""']],
  stringListMin: [['"3,1,2"'], ['""'], ['"-1,-2"']], stringListMax: [['"3,1,2"'], ['"-1,-2"'], ['"1.5,2"']],
  stringListMember: [['"b"', '"a, b, c"'], ['"B"', '"a,b"'], ['undefined', '"a"'], ['"a"', 'undefined'], ['undefined', 'undefined'], ['"a"', '"a;b"', '";"'], ['1', '"1"']],
  stringListIMember: [['"B"', '"a,b"']],
  stringListSubsetMatch: [['"a,b"', '"a,b,c"'], ['"a,d"', '"a,b,c"'], ['""', '"a"']], stringListISubsetMatch: [['"A,B"', '"a,b,c"']],
  stringList_regexpMember: [['"^a"', '"xa, ab"'], ['"^z"', '"xa, ab"'], ['"a"', '""']],
  split: [['"a, b,c"'], ['"a,,b"'], ['"a b"', '" "'], ['"a::b"', '":"'], ['""'], ['1'], ['"a,b"', '""']],
  splitUserName: [['"user@domain"'], ['"user"'], ['"a@b@c"']], splitSlotName: [['"slot1@host"'], ['"host"']],
  countMatches: [['x > 1', '{[x=1],[x=2],[x=3]}'], ['x > 1', 'undefined'], ['x', '{1}']],
  evalInEachContext: [['x * 2', '{[x=1],[x=2]}'], ['x', 'undefined']],
  userHome: [['"root"'], ['undefined'], ['"nosuchuser"', '"/default"']],
  userMap: [['"m"', '"u"'], ['"m"', '"u"', '"p"', '"d"']],
  nosuchfunction: [[], ['1']],
  time: [[], ['1']], currentTime: [[], ['1']], dayTime: [[]], timeZoneOffset: [[], ['1']], random: [[], ['10'], ['2.5'], ['0'], ['-1'], ['"x"'], ['1', '2']],

  argsToList: [['"a b  c"'], ['"a \'b c\' d"'], ['"\'it\'\'s\'"'], ['"\'open"'], ['"a b"', '1'], ['"a b"', '3'], ['"a b"', '"x"'], ['undefined'], ['1'], ['""'], ['"\'\'"']],
  listToArgs: [['{"a", "b c", "it\'s", ""}'], ['{"a", "b"}', '1'], ['{"a b"}', '1'], ['{1}'], ['"x"'], ['{}'], ['{"a", ""}', '1']],
  envV1ToV2: [['"A=1;B=2"'], ['"B=2;A=1;A=3"'], ['"|A=1|B=x y"'], ['"A"'], ['"=1"'], ['""'], ['undefined'], ['1'], ['"A=1\nB=2"'], ['" A=1 ; B=2"'], ['"X=$$(Y)"'], ['"$$(Y)"']],
  mergeEnvironment: [['"A=1 B=2"', '"B=3"'], ['undefined', '"A=1"'], ['"A"'], ['1'], [], ['"\'A=x y\'"'], ['"A=1 \'B"']],
  unresolved: [['r'], ['r', '"^b"'], ['nosuch']],
};

const EVAL_AD = '[x = 10; y = 2.5; s = "str"; l = {1, 2, x}; n = [a = 1; b = parent.x; c = a + 1]; r = x + y; u = undefined; e = error; self_ref = self_ref + 1; b = true; lst = {[a=1],[a=2]}; r2 = k + x]';

const SCOPE_CASES = [
  ['x', EVAL_AD], ['r', EVAL_AD], ['n.b', EVAL_AD], ['n.c', EVAL_AD], ['n.nosuch', EVAL_AD], ['l[2]', EVAL_AD], ['l[3]', EVAL_AD], ['l[-1]', EVAL_AD],
  ['self_ref', EVAL_AD], ['lst.a', EVAL_AD], ['lst[1].a', EVAL_AD], ['.x', EVAL_AD], ['MY.x', EVAL_AD], ['my.x', EVAL_AD], ['self.x', EVAL_AD], ['toplevel.x', EVAL_AD],
  ['root.x', EVAL_AD], ['parent', EVAL_AD], ['parent.x', EVAL_AD], ['TARGET.x', EVAL_AD], ['n["a"]', EVAL_AD], ['n["zz"]', EVAL_AD], ['n[1]', EVAL_AD], ['l["a"]', EVAL_AD],
  ['s == "STR"', EVAL_AD], ['s =?= "STR"', EVAL_AD], ['u || true', EVAL_AD], ['u && false', EVAL_AD], ['e || true', EVAL_AD], ['size(l)', EVAL_AD], ['sum(l)', EVAL_AD],
  ['x.y', EVAL_AD], ['1.y', EVAL_AD], ['undefined.y', EVAL_AD], ['error.y', EVAL_AD], ['[q = x].q', EVAL_AD], ['[x = 5; q = x].q', EVAL_AD], ['[q = parent.x].q', EVAL_AD],
  ['CurrentTime > 0', EVAL_AD], ['unparse(r)', EVAL_AD], ['unparse(n)', EVAL_AD], ['unresolved(r2)', EVAL_AD], ['unresolved(r)', EVAL_AD], ['eval("x * 2")', EVAL_AD],
  ['ifThenElse(u, 1, 2)', EVAL_AD], ['u ? 1 : 2', EVAL_AD], ['u ?: 7', EVAL_AD], ['x ?: 7', EVAL_AD], ['false ?: 7', EVAL_AD], ['e ?: 7', EVAL_AD], ['"s" ? 1 : 2', EVAL_AD],
  ['x > 5 ? s : y', EVAL_AD], ['x < 5 ? s : y', EVAL_AD], ['u ? 1/0 : 2', EVAL_AD], ['true ? 1 : self_ref', EVAL_AD], ['{1,2}[1] + x', EVAL_AD],
];

const MATCH_PAIRS = [
  ['[Requirements = TARGET.Memory >= 1024; Rank = TARGET.Memory; Memory = 512]', '[Requirements = TARGET.Memory <= 4096; Memory = 2048]'],
  ['[Requirements = other.x > 1; x = 5]', '[Requirements = TARGET.x == 5; x = 2]'],
  ['[Requirements = Memory > 10; Want = 1]', '[Memory = 20; Requirements = true]'],
  ['[Requirements = undefined]', '[Requirements = true]'],
  ['[Requirements = 1]', '[Requirements = 0.5]'],
  ['[Requirements = "yes"]', '[Requirements = true]'],
  ['[Requirements = MY.a == TARGET.a; a = "X"]', '[Requirements = true; a = "x"]'],
  ['[Requirements = my.Nope =?= undefined]', '[Requirements = target.Nope =?= undefined]'],
  ['[Requirements = b]', '[b = true; Requirements = a; a = true]'],
  ['[x = 1]', '[Requirements = x == 1]'],
];

const EVAL_TARGET = [
  ['TARGET.x + MY.y', '[y = 1]', '[x = 2]'], ['x + y', '[y = 1]', '[x = 2]'], ['z', '[y = 1]', '[x = 2]'], ['other.x', '[y = 1]', '[x = 2]'],
  ['target.y', '[y = 1]', '[x = 2]'], ['my.y', '[y = 1]', '[x = 2]'], ['TARGET.w', '[y = 1]', '[x = 2; w = y]'], ['TARGET.w', '[y = 1]', '[x = 2; w = x]'],
  ['countMatches(MY.want, TARGET.gpus)', '[want = cap > 4]', '[gpus = {g1, g2}; g1 = [cap = 3]; g2 = [cap = 5]]'],
  ['evalInEachContext(cap, TARGET.gpus)', '[want = cap > 4]', '[gpus = {g1, g2}; g1 = [cap = 3]; g2 = [cap = 5]]'],
];

const AD_CASES = [
  '[a = 1; b = "x"; c = 2.5; d = {1, "y"}; e = [f = 1]; g = a + b; h = undefined; i = error]',
  '[a = "é\\n\\t\\""; b = "\\\\"; c = real("NaN"); d = -0.0; e = 1e100; f = 123.0; g = absTime(0); h = relTime(5)]',
  "['weird name' = 1; true_ = 2; 'true' = 3; 'is' = 4]",
  '[a = {}; b = []; c = {[x=1]}; d = "\\001\\037"]',
  '[A = 1; a = 2]',
  '[r = relTime("1:00:30"); n = relTime("-5"); f = relTime("1.5"); a = absTime("2020-01-01T00:00:00Z"); b = absTime("2020-06-01T12:00:00+02:00"); l = {relTime("10"), absTime("2000-01-01")}]',
];

const JSON_CASES = [
  '{ "a": 1, "b": 2.0, "c": "x", "d": null, "e": true, "f": [1, "y"], "g": { "h": 1 } }',
  '{ "e": "\\/Expr(x + 1)\\/", "f": "/Expr(x + 1)/", "g": "\\/expr(1)\\/" }',
  '{ ,"a": 1,, }', '{ "a": 01 }', '{ "a": 1.5e3 }', '{ "a": "\\u0041\\n" }', '{ "a": 9223372036854775807 }', '{ "a": -0.0 }',
  '{ "a": undefined }', '{ a: 1 }', '[1]', '{ "a": "\\/Expr(1 +)\\/" }', '{ "a": [ ] }', '{}',
];

const FLATTEN_CASES = [
  ['x + y + z', '[x = 1; y = 2]'], ['x + 1 + z', '[x = 1]'], ['z + x + 1', '[x = 1]'], ['x * 2 > z', '[x = 3]'], ['z && true', '[]'], ['true && z', '[]'],
  ['z || x', '[x = true]'], ['z ? x : y', '[x = 1; y = 2]'], ['b ? x : z', '[b = true; x = 1]'], ['f(x, z)', '[x = 1]'], ['strcat(x, "a")', '[x = "b"]'],
  ['{x, z}', '[x = 1]'], ['[q = x]', '[x = 1]'], ['n', '[n = [a = 1]]'], ['l', '[l = {1, 2}]'], ['-x', '[x = 1]'], ['-z', '[]'], ['(z)', '[]'], ['(x)', '[x = 2]'],
  ['x - z - 1', '[x = 5]'], ['MY.x + TARGET.y', '[x = 1]'], ['z.w + 1', '[]'], ['x[0]', '[x = {7}]'], ['x[z]', '[x = {7}]'], ['x + y * z', '[x = 1; y = 2]'],
  ['x && y && z', '[x = true; y = true]'], ['z && x && y', '[x = true; y = false]'], ['a + b', '[a = c + 1; b = 2]'], ['x + x', '[x = z]'],
];

const REFS_CASES = [
  ['x + y + TARGET.z', '[x = 1]'], ['a + b', '[a = c + 1; b = d]'], ['MY.x + other.q', '[x = 1]'], ['n.a + n.zz', '[n = [a = 1]]'], ['f(x, y)', '[y = 1]'],
  ['{x, [q = w]}', '[]'], ['z.w', '[]'], ['x', '[x = x]'], ['.x + parent.y', '[x = 1]'],
];

function hex(s) {
  return Buffer.from(s, 'utf8').toString('hex');
}

/** A random expression from the ClassAd grammar, over attributes of EVAL_AD and literals. */
function genExpr(r, depth) {
  const pick = (xs) => xs[Math.floor(r() * xs.length)];
  if (depth <= 0 || r() < 0.3) {
    return pick([...VALUES, 'x', 'y', 's', 'l', 'n', 'u', 'e', 'b', 'z', 'nosuch', 'n.a', 'l[0]', 'MY.x', 'TARGET.x', 'TARGET.z', 'other.b', 'parent.x']);
  }
  const k = r();
  if (k < 0.45) return `${genExpr(r, depth - 1)} ${pick(BINOPS)} ${genExpr(r, depth - 1)}`;
  if (k < 0.55) return `${pick(UNOPS)}${genExpr(r, depth - 1)}`;
  if (k < 0.65) return `(${genExpr(r, depth - 1)})`;
  if (k < 0.72) return `${genExpr(r, depth - 1)} ? ${genExpr(r, depth - 1)} : ${genExpr(r, depth - 1)}`;
  if (k < 0.76) return `${genExpr(r, depth - 1)} ?: ${genExpr(r, depth - 1)}`;
  if (k < 0.82) return `{${genExpr(r, depth - 1)}, ${genExpr(r, depth - 1)}}`;
  if (k < 0.86) return `${genExpr(r, depth - 1)}[${genExpr(r, depth - 1)}]`;
  if (k < 0.88) return `[q = ${genExpr(r, depth - 1)}].q`;
  const fns = ['strcat', 'size', 'int', 'real', 'string', 'bool', 'floor', 'round', 'member', 'isUndefined', 'isError', 'ifThenElse', 'substr', 'toUpper', 'sum', 'max', 'stringListMember', 'split', 'join', 'pow', 'quantize', 'strcmp'];
  const f = pick(fns);
  const n = 1 + Math.floor(r() * 3);
  const args = [];
  for (let i = 0; i < n; i++) args.push(genExpr(r, depth - 1));
  return `${f}(${args.join(', ')})`;
}

import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
const HERE = dirname(fileURLToPath(import.meta.url));

/** Real ads: every ad of the lab pool (condor_status -any -long) and a job ad from condor_submit -dump. */
function realAds() {
  const texts = [
    readFileSync(join(HERE, '../fixtures/pool-ads.txt'), 'utf8'),
    readFileSync(join(HERE, '../bench/sample-job-ad.txt'), 'utf8'),
  ];
  const ads = [];
  for (const t of texts) for (const a of t.split(/\n\s*\n/)) if (a.trim()) ads.push(a.trim() + '\n');
  return ads;
}

const XML_CASES = [
  '<c><a n="a"><i>1</i></a><a n="s"><s>x &amp; y\\n</s></a><a n="b"><b v="t"/></a><a n="e"><e>a &lt; b</e></a></c>',
  '<?xml version="1.0"?><!DOCTYPE classads SYSTEM "classads.dtd"><classads><c><a n="r"><r>1.5E+00</r></a><a n="l"><l><i>1</i><s>a</s></l></a></c></classads>',
  '<c><a n="u"><un/></a><a n="er"><er/></a><a n="at"><at>2020-01-01T00:00:00+01:00</at></a><a n="rt"><rt>1+00:00:01</rt></a></c>',
  '<c><a n="n"><c><a n="x"><i>2</i></a></c></a><a n="empty"><s></s></a><a n="r"><r>NaN</r></a><a n="i"><i>99999999999999999999</i></a></c>',
];

/** The whole corpus. */
export function buildCorpus(seed = 20261125, randomCount = 4000) {
  const cases = [];
  for (const ad of realAds()) {
    cases.push({ cmd: 'wire', args: [ad] });
  }
  for (const a of AD_CASES) cases.push({ cmd: 'xml', args: [a] });
  for (const x of XML_CASES) cases.push({ cmd: 'xmlparse', args: [x] });
  for (const t of PARSE_CASES) {
    cases.push({ cmd: 'parse', args: ['new', t] });
    cases.push({ cmd: 'parse', args: ['old', t] });
  }
  for (const t of OLD_PARSE_CASES) cases.push({ cmd: 'parse', args: ['old', t] });
  for (const t of TIME_STRINGS_ABS) {
    cases.push({ cmd: 'parse', args: ['new', `absTime("${t}")`] });
    cases.push({ cmd: 'eval', args: [`absTime("${t}")`] });
    cases.push({ cmd: 'eval', args: [`string(absTime("${t}"))`] });
    cases.push({ cmd: 'eval', args: [`splitTime(absTime("${t}"))`] });
  }
  for (const t of TIME_STRINGS_REL) {
    cases.push({ cmd: 'parse', args: ['new', `relTime("${t}")`] });
    cases.push({ cmd: 'eval', args: [`relTime("${t}") * 2`] });
    cases.push({ cmd: 'eval', args: [`splitTime(relTime("${t}"))`] });
  }
  for (const v of VALUES) cases.push({ cmd: 'parse', args: ['new', v] });
  // every unary operator on every value, every binary operator on every pair of values
  for (const op of UNOPS) for (const v of VALUES) cases.push({ cmd: 'eval', args: [`${op}${v}`] });
  for (const op of BINOPS) for (const a of VALUES) for (const b of VALUES) cases.push({ cmd: 'eval', args: [`${a} ${op} ${b}`] });
  for (const a of ['true', 'false', '1', '0', 'undefined', 'error', '"s"', '1.5', 'real("NaN")']) {
    for (const b of ['1', '2']) {
      cases.push({ cmd: 'eval', args: [`${a} ? ${b} : 3`] });
      cases.push({ cmd: 'eval', args: [`${a} ?: ${b}`] });
    }
  }
  for (const [fn, argLists] of Object.entries(FUNCS)) for (const a of argLists) cases.push({ cmd: 'eval', args: [`${fn}(${a.join(', ')})`] });
  for (const [e, ad] of SCOPE_CASES) cases.push({ cmd: 'eval', args: [e, ad] });
  for (const [e, my, t] of EVAL_TARGET) cases.push({ cmd: 'eval', args: [e, my, t] });
  for (const [a, b] of MATCH_PAIRS) {
    cases.push({ cmd: 'match', args: [a, b] });
    cases.push({ cmd: 'match', args: [b, a] });
  }
  for (const a of AD_CASES) cases.push({ cmd: 'ad', args: [a] });
  for (const j of JSON_CASES) cases.push({ cmd: 'json', args: [j] });
  for (const [e, ad] of FLATTEN_CASES) cases.push({ cmd: 'flatten', args: [e, ad] });
  for (const [e, ad] of REFS_CASES) cases.push({ cmd: 'refs', args: [e, ad] });
  const r = rng(seed);
  // reals from random bit patterns (subnormals, 17-digit values, ties): the printf-exact formatting
  const dv = new DataView(new ArrayBuffer(8));
  for (let i = 0; i < 600; i++) {
    dv.setUint32(0, Math.floor(r() * 4294967296));
    dv.setUint32(4, Math.floor(r() * 4294967296));
    let x = dv.getFloat64(0);
    if (!Number.isFinite(x)) continue;
    if (i % 3 === 1) x = Math.round(r() * 1e6) / 2 ** Math.floor(r() * 30); // short binary fractions
    if (i % 3 === 2) x = (Math.floor(r() * 2 ** 53) + 0.5) * 2 ** Math.floor(r() * 8 - 4); // many exact ties
    const lit = x.toPrecision(17);
    cases.push({ cmd: 'parse', args: ['new', lit] });
    cases.push({ cmd: 'ad', args: [`[r = ${lit}; n = -(${lit})]`] });
  }
  // pow() of reals: the result must be rounded like glibc's
  for (let i = 0; i < 1000; i++) {
    const x = i % 5 === 0 ? -Math.floor(r() * 20) : r() * 100;
    const y = i % 5 === 0 ? Math.floor(r() * 9) - 4 : (r() - 0.5) * 40;
    cases.push({ cmd: 'eval', args: [`pow(${x.toPrecision(17)}, ${y.toPrecision(17)})`] });
  }
  // strings with backslashes and quotes, in both syntaxes
  const alphabet = ['a', '\\', '"', ' ', "'", 'n', '\n', 't', '0', '1', 'é'];
  for (let i = 0; i < 600; i++) {
    let body = '';
    const len = Math.floor(r() * 8);
    for (let k = 0; k < len; k++) body += alphabet[Math.floor(r() * alphabet.length)];
    const text = `"${body}"` + (i % 2 ? ' + x' : '');
    cases.push({ cmd: 'parse', args: ['new', text] });
    cases.push({ cmd: 'parse', args: ['old', text] });
  }
  // generated ads: every form of the unparsers (old, new, JSON, XML) on random values
  for (let i = 0; i < 500; i++) {
    const ad = `[a = ${genExpr(r, 2)}; B = ${genExpr(r, 1)}; 'c d' = {${genExpr(r, 1)}, [e = ${genExpr(r, 1)}]}]`;
    cases.push({ cmd: 'ad', args: [ad] });
    if (i % 2 === 0) cases.push({ cmd: 'xml', args: [ad] });
  }
  // generated matchmaking, flattening, references and TARGET evaluation
  const MATCH_A = '[x = 10; y = 2.5; s = "str"; l = {1, 2}; b = true; u = undefined; Rank = x + TARGET.x; Requirements = %R]';
  const MATCH_B = '[x = 3; z = "Z"; n = [a = 1]; b = false; Requirements = %R]';
  for (let i = 0; i < 400; i++) {
    const ra = genExpr(r, 3);
    const rb = genExpr(r, 3);
    const A = MATCH_A.replace('%R', ra.replace(/\$/g, '$$$$'));
    const B = MATCH_B.replace('%R', rb.replace(/\$/g, '$$$$'));
    cases.push({ cmd: 'match', args: [A, B] });
    cases.push({ cmd: 'eval', args: [genExpr(r, 3), A, B] });
    cases.push({ cmd: 'flatten', args: [genExpr(r, 3), A] });
    cases.push({ cmd: 'refs', args: [genExpr(r, 3), A] });
  }
  // the same kinds of cases with old ClassAd semantics off (STRICT_CLASSAD_EVALUATION = true)
  for (const t of [...PARSE_CASES.slice(0, 60), '017', '0x1F', '-0x10', '010.5', 'f(1;2)', 'MY.x', 'my', 'CurrentTime']) {
    cases.push({ cmd: 'strict_parse', args: ['new', t] });
    cases.push({ cmd: 'strict_parse', args: ['old', t] });
  }
  for (const [e, ad] of SCOPE_CASES) cases.push({ cmd: 'strict_eval', args: [e, ad] });
  for (const [e, my, t] of EVAL_TARGET) cases.push({ cmd: 'strict_eval', args: [e, my, t] });
  for (const [a2, b2] of MATCH_PAIRS) cases.push({ cmd: 'strict_match', args: [a2, b2] });
  for (const e of ['017 + 1', '0x10 * 2', 'strcat("a"; "b")', 'my.x', 'isUndefined(CurrentTime)']) cases.push({ cmd: 'strict_eval', args: [e, '[x = 1; my = 5]'] });
  for (let i = 0; i < randomCount; i++) {
    const e = genExpr(r, 4);
    cases.push({ cmd: 'eval', args: [e, EVAL_AD] });
    if (i % 4 === 0) cases.push({ cmd: 'parse', args: ['new', e] });
  }
  return cases;
}

/** The oracle's request line for a case. */
export function requestLine(c) {
  if (c.cmd === 'parse' || c.cmd === 'strict_parse') return `${c.cmd} ${c.args[0]} ${hex(c.args[1])}`;
  return [c.cmd, ...c.args.map(hex)].join(' ');
}

/**
 * The expressions for the Python-bindings oracle (record-python.mjs): every builtin case, the scoping
 * cases, and 1,500 generated expressions, evaluated in EVAL_AD or an empty ad.
 */
export function pythonCorpus(seed = 7) {
  const out = [];
  for (const [fn, argLists] of Object.entries(FUNCS)) {
    if (/^(time|currentTime|dayTime|timeZoneOffset|random)$/.test(fn)) continue;
    for (const a of argLists) {
      if (fn === 'formatTime' && a.length === 0) continue;
      out.push({ expr: `${fn}(${a.join(', ')})`, ad: '' });
    }
  }
  for (const [e, ad] of SCOPE_CASES) if (!/CurrentTime/.test(e)) out.push({ expr: e, ad });
  const r = rng(seed);
  for (let i = 0; i < 1500; i++) out.push({ expr: genExpr(r, 3), ad: EVAL_AD });
  return out;
}
