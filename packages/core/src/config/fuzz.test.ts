/**
 * Property tests of the configuration parser and expander: whatever the input, only typed errors, in bounded time.
 */
import fc from 'fast-check';
import { HTCondorConfigError, loadConfig, memoryHost, Param } from './index.js';

const TOKENS = [
  'A', 'B', 'x', 'LOG', '=', ' = ', ':', ' : ', '@=', '@end', '$(', ')', '$(A)', '$(B:', '$ENV(', '$INT(', '$REAL(', '$SUBSTR(',
  '$STRING(', '$RANDOM_CHOICE(', '$RANDOM_INTEGER(', '$CHOICE(', '$EVAL(', '$Fqpdnx(', '$BASENAME(', '$(DOLLAR)', '$$(', ',', '\\',
  '\n', '\n', '\n', ' ', '\t', '#', 'if ', 'elif ', 'else', 'endif', 'version >= 8.0', 'defined ', '!', 'true', 'use ', 'ROLE',
  'POLICY', 'Personal', 'ALWAYS_RUN_JOBS', '(', '1', '-1', '0', '.', '/', 'include ', 'ifexist ', 'command ', '[', ']', '"', "'",
  'error', 'warning', 'SCHEDD.', 'TOOL.', '%d', '%s', '1e3',
];

const configText = fc.array(fc.oneof(fc.constantFrom(...TOKENS), fc.string({ maxLength: 4 })), { maxLength: 60 }).map((a) => a.join(''));

function run(text: string): void {
  let cfg;
  try {
    cfg = loadConfig({ host: memoryHost({ '/f/condor_config': text }, { CONDOR_CONFIG: '/f/condor_config' }), randomInt: () => 7 });
  } catch (e) {
    if (!(e instanceof HTCondorConfigError)) throw e;
    return;
  }
  const p = new Param(() => cfg);
  for (const name of cfg.set.itemNames()) {
    try {
      p.get(name);
    } catch (e) {
      if (!(e instanceof HTCondorConfigError)) throw e;
    }
  }
}

describe('config parser fuzzing', () => {
  test('any input: loads or throws HTCondorConfigError, and every key expands or throws one', () => {
    fc.assert(
      fc.property(configText, (text) => {
        const t0 = Date.now();
        run(text);
        expect(Date.now() - t0).toBeLessThan(2000);
      }),
      { numRuns: 400 },
    );
  });

  test('line-structured input (assignments, if blocks, use, here-values) never throws untyped errors', () => {
    const name = fc.constantFrom('A', 'B', 'C', 'LOG', 'SCHEDD.A', 'TOOL.B', 'DAEMON_LIST', 'START');
    const valueTok = fc.constantFrom('x', ' ', '$(A)', '$(B)', '$(C:d)', '$(LOG)', '$INT(A)', '$REAL(1.5)', '$SUBSTR(B,1)', '$(DOLLAR)', '$$(A)', '$ENV(HOME)', '$Fn(LOG)', ',', '1', '"s"');
    const value = fc.array(valueTok, { maxLength: 6 }).map((a) => a.join(''));
    const line = fc.oneof(
      fc.tuple(name, fc.constantFrom(' = ', '=', ' : ', ' += '), value).map(([n, o, v]) => `${n}${o}${v}`),
      fc.constantFrom('if true', 'if false', 'if defined A', 'if version >= 9.0', 'elif $(A)', 'else', 'endif', 'if $(B)'),
      fc.constantFrom('use ROLE : Personal', 'use POLICY : ALWAYS_RUN_JOBS', 'use FEATURE : GPUs', 'use SECURITY : recommended_v9_0(a, b)'),
      fc.tuple(name, value).map(([n, v]) => `${n} @=end\n${v}\n@end`),
      fc.constantFrom('# comment', '', 'A = x \\', 'warning : careful'),
    );
    fc.assert(
      fc.property(fc.array(line, { maxLength: 25 }), (lines) => {
        const t0 = Date.now();
        run(lines.join('\n'));
        expect(Date.now() - t0).toBeLessThan(2000);
      }),
      { numRuns: 300 },
    );
  });

  test('a plain value reads back trimmed', () => {
    const value = fc.stringMatching(/^[A-Za-z0-9 _.,;:/+\-=@#!%&*{}<>?|'"]{0,40}$/).filter((v) => !v.endsWith('\\'));
    fc.assert(
      fc.property(value, (v) => {
        const cfg = loadConfig({ host: memoryHost({ '/f/condor_config': `MY_KNOB = ${v}\n` }, { CONDOR_CONFIG: '/f/condor_config' }) });
        expect(new Param(() => cfg).get('MY_KNOB')).toBe(v.trim() === '' ? undefined : v.trim());
      }),
      { numRuns: 300 },
    );
  });

  test('$(UNDEFINED:default) yields the default', () => {
    const dflt = fc.stringMatching(/^[A-Za-z0-9_./ ,]{1,20}$/).filter((d) => d.trim() !== '');
    fc.assert(
      fc.property(dflt, (d) => {
        const cfg = loadConfig({ host: memoryHost({ '/f/condor_config': `K = <$(NOT_DEFINED_ANYWHERE:${d})>\n` }, { CONDOR_CONFIG: '/f/condor_config' }) });
        expect(new Param(() => cfg).get('K')).toBe(`<${d}>`);
      }),
      { numRuns: 200 },
    );
  });

  test('self-growing and mutual macros end in a cycle error quickly', () => {
    const names = fc.uniqueArray(fc.stringMatching(/^[A-Z]{1,3}$/), { minLength: 2, maxLength: 5, comparator: (a, b) => a.toUpperCase() === b.toUpperCase() });
    fc.assert(
      fc.property(names, fc.string({ maxLength: 3 }), (ns, pad) => {
        const text = ns.map((n, i) => `${n} = ${pad.replace(/[$()\\\n#]/g, '')}$(${ns[(i + 1) % ns.length]})$(${ns[(i + 1) % ns.length]})`).join('\n');
        const t0 = Date.now();
        // (a name such as IF makes the line an if statement: then loading fails, also with a typed error)
        expect(() => {
          const cfg = loadConfig({ host: memoryHost({ '/f/condor_config': `${text}\n` }, { CONDOR_CONFIG: '/f/condor_config' }) });
          new Param(() => cfg).get(ns[0]!);
        }).toThrow(HTCondorConfigError);
        expect(Date.now() - t0).toBeLessThan(2000);
      }),
      { numRuns: 100 },
    );
  });
});
