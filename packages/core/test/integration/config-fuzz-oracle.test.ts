/**
 * Differential fuzzing against the live condor_config_val 23.9.6: random configuration files built from the
 * language's pieces must give the same -dump -expanded as HTCondor, fail where it fails (with a typed error),
 * and end in a ConfigMacroCycleError where it spins. Skipped without the chroot (a failure under CI=true).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { HTCondorConfigError, loadConfig, memoryHost, Param } from '../../src/config/index.js';
import { compareDumps, herefileKeys, parseDump, randomKeys } from '../fixtures/config/harness.js';

const CHROOT = process.env.HTCONDOR_TS_CHROOT ?? '/opt/trixie';
const available = existsSync(join(CHROOT, 'usr/bin/condor_config_val')) && process.getuid?.() === 0;
const BASE_ENV = { PATH: '/usr/sbin:/usr/bin:/sbin:/bin', HOME: '/root', TZ: 'UTC', LANG: 'C', FUZZ_ENV: 'env-value' };
const DIR = '/var/tmp/htcondor-ts-config-fuzz'; // not /tmp: other sessions clean the chroot's /tmp

const name = fc.constantFrom('A', 'B', 'C', 'a', 'LOG', 'SCHEDD.A', 'TOOL.B', 'DAEMON_LIST', 'START', 'X.Y', 'IF_X');
const piece = fc.constantFrom(
  'x', ' ', '  ', '$(A)', '$(B)', '$(C:d)', '$(c:$(A))', '$(LOG)', '$(NOPE)', '$(NOPE:dflt)', '$INT(I)', '$REAL(I)', '$SUBSTR(B,1)',
  '$SUBSTR(A,-2,1)', '$(DOLLAR)', '$$(A)', '$ENV(FUZZ_ENV)', '$ENV(NOPE:e)', '$Fn(LOG)', '$Fp(LOG)', '$Fqx(P)', ',', '1', '"s"', '#', ':',
  '=', '(', ')', '$(', '\\', '@', '$STRING(S)', '$EVAL(I)', '$CHOICE(0,A,B)',
  // unbalanced and half-formed pieces, which the rescanning expander may join across substitutions
  '$(A', 'B)', '$(B:$(C', '$$', '$INT(', '$F(', '$(DOLLAR', '\t', '@=', ' \\\n ', '$(X.Y)', '$(schedd.a)', '$(TOOL.B:tb)',
  '$RANDOM_INTEGER(1,1)', '$SUBSTR(NOPE,1)', '$INT(I,%03d)', '$Fdb(P)', '$BASENAME(P)', '$DIRNAME(P)',
);
const value = fc.array(piece, { maxLength: 6 }).map((a) => a.join(''));
const wildName = fc.constantFrom('if', 'IF', 'use', 'include', 'error', 'b', 'schedd.b', '$(N)', 'N', 'A$(N)');
const line = fc.oneof(
  { weight: 1, arbitrary: fc.tuple(wildName, fc.constantFrom(' = ', '=', ' : ', ' @= '), value).map(([n, o, v]) => `${n}${o}${v}`) },
  { weight: 6, arbitrary: fc.tuple(name, fc.constantFrom(' = ', '=', ' : ', ' += ', ' =', '= '), value).map(([n, o, v]) => `${n}${o}${v}`) },
  { weight: 2, arbitrary: fc.constantFrom('if true', 'if false', 'if defined A', 'if ! defined B', 'if version >= 9.0', 'if version < 23.9.6', 'elif $(A)', 'elif false', 'else', 'endif', 'if $(B)', 'if yes', ':if true') },
  { weight: 1, arbitrary: fc.constantFrom('use ROLE : Personal', 'use POLICY : ALWAYS_RUN_JOBS', 'use FEATURE : GPUs', 'use SECURITY : recommended_v9_0(a, b)', 'use role:submit, execute', 'use FEATURE : PartitionableSlot(2)') },
  { weight: 1, arbitrary: fc.tuple(name, value, value).map(([n, v, w]) => `${n} @=end\n${v}\n${w}\n@end`) },
  { weight: 1, arbitrary: fc.constantFrom('# comment', '', 'A = x \\', '  indented = y', 'warning : careful $(A)', 'I = 6 * 7', 'S = "str"', 'P = "/a/b.c"', '[section]') },
);
const config = fc.array(line, { maxLength: 30 }).map((ls) => `${ls.join('\n')}\n`);

if (!available) {
  if (process.env.CI === 'true') {
    test('the HTCondor chroot is required under CI', () => {
      throw new Error(`no condor_config_val under ${CHROOT} (or not root)`);
    });
  } else {
    test.skip(`configuration fuzz oracle (no chroot at ${CHROOT})`, () => undefined);
  }
} else {
  const fixtures = join(__dirname, '../fixtures/config');
  const detected = (JSON.parse(readFileSync(join(fixtures, 'oracle.json'), 'utf8')) as { detected: Record<string, string> }).detected;
  const onlyEnv = (() => {
    const envArgs = Object.entries({ ...BASE_ENV, CONDOR_CONFIG: 'ONLY_ENV' }).map(([k, v]) => `${k}=${v}`);
    return parseDump(spawnSync('env', ['-i', ...envArgs, 'chroot', CHROOT, 'condor_config_val', '-dump'], { encoding: 'utf8' }).stdout);
  })();
  const liveDetected = Object.fromEntries(Object.keys(detected).filter((k) => onlyEnv[k] !== undefined).map((k) => [k, onlyEnv[k]!]));

  beforeAll(() => mkdirSync(join(CHROOT, DIR), { recursive: true }));
  afterAll(() => rmSync(join(CHROOT, DIR), { recursive: true, force: true, maxRetries: 5, retryDelay: 100 }));

  test('random configurations read as condor_config_val reads them', () => {
    let n = 0;
    fc.assert(
      fc.property(config, fc.constantFrom(undefined, 'SCHEDD', 'tool', 'MASTER'), (text, subsystem) => {
        const path = `${DIR}/c${n++}.conf`;
        writeFileSync(join(CHROOT, path), text);
        const env = { ...BASE_ENV, CONDOR_CONFIG: path };
        const envArgs = Object.entries(env).map(([k, v]) => `${k}=${v}`);
        const oracle = (seconds: number) =>
          spawnSync('timeout', [String(seconds), 'env', '-i', ...envArgs, 'chroot', CHROOT, 'condor_config_val', ...(subsystem ? ['-subsystem', subsystem] : []), '-dump', '-expanded'], { encoding: 'utf8' });
        let r = oracle(3);
        let ours: Param | undefined;
        let err: unknown;
        try {
          const cfg = loadConfig({ host: memoryHost({ [path]: text }, env), detected: liveDetected, subsystem });
          ours = new Param(() => cfg);
          ours.dump();
        } catch (e) {
          err = e;
        }
        // a busy machine can make a normal run look like a spin: ask again, with more time, before judging
        if (r.status === 124 && !(err instanceof Error && err.name === 'ConfigMacroCycleError')) r = oracle(20);
        if (r.status === 124) {
          // condor_config_val spun: a macro cycle
          expect(err).toBeInstanceOf(HTCondorConfigError);
          expect((err as Error).name).toBe('ConfigMacroCycleError');
        } else if (r.status !== 0) {
          expect({ text, condor: r.stderr, ours: err === undefined ? 'loaded' : String(err) }).toEqual({ text, condor: r.stderr, ours: expect.stringMatching(/^Config|^HTCondorConfig/) });
          expect(err).toBeInstanceOf(HTCondorConfigError);
        } else {
          expect({ text, subsystem, err: err === undefined ? undefined : String(err) }).toEqual({ text, subsystem, err: undefined });
          expect({ text, subsystem, diffs: compareDumps(ours!.dump(), parseDump(r.stdout), {}, randomKeys(ours!), herefileKeys(ours!)) }).toEqual({ text, subsystem, diffs: [] });
        }
      }),
      { numRuns: Number(process.env.CONFIG_FUZZ_RUNS ?? 150), seed: Number(process.env.CONFIG_FUZZ_SEED ?? 42) },
    );
  });
}
