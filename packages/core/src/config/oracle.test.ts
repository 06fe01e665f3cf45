/**
 * Differential test: our configuration against condor_config_val 23.9.6's recorded answers
 * (packages/core/test/fixtures/config/, re-recorded by scripts/config-oracle/record.mjs).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkSnippet, compareDumps, fullDump, randomKeys, herefileKeys, type OracleResult, type RecordedSnippet } from '../../test/fixtures/config/harness.js';
import { loadConfig, memoryHost, Param } from './index.js';

const dir = join(__dirname, '../../test/fixtures/config');
const snippets = JSON.parse(readFileSync(join(dir, 'snippets.json'), 'utf8')) as { snippets: RecordedSnippet[] };
const oracle = JSON.parse(readFileSync(join(dir, 'oracle.json'), 'utf8')) as {
  detected: Record<string, string>;
  baseline: Record<string, string>;
  results: Record<string, OracleResult>;
};
const pool = JSON.parse(readFileSync(join(dir, 'pool.json'), 'utf8')) as {
  files: Record<string, string>;
  env: Record<string, string>;
  detected: Record<string, string>;
  dumpRaw: Record<string, string>;
  dumpExpanded: Record<string, string>;
  subsystems: Record<string, { changed: Record<string, string>; removed: string[] }>;
};

describe('configuration snippets agree with condor_config_val 23.9.6', () => {
  test('there are at least 30 snippets', () => {
    expect(snippets.snippets.length).toBeGreaterThanOrEqual(30);
  });
  test.each(snippets.snippets.map((s) => [s.name, s] as const))('%s', (_name, s) => {
    const r = oracle.results[s.name];
    expect(r).toBeDefined();
    const { diffs, compared } = checkSnippet(s, r!, oracle.detected, oracle.baseline);
    expect(diffs).toEqual([]);
    expect(compared).toBeGreaterThan(0);
  });
});

describe("the pool's packaged configuration evaluates as condor_config_val -dump does", () => {
  const cfg = () => loadConfig({ host: memoryHost(pool.files, pool.env), detected: pool.detected });
  test('expanded values, every key', () => {
    const p = new Param(cfg);
    expect(compareDumps(p.dump(), pool.dumpExpanded, {}, randomKeys(p), herefileKeys(p))).toEqual([]);
    expect(Object.keys(pool.dumpExpanded).length).toBeGreaterThan(1000);
  });
  test.each(Object.keys(pool.subsystems))('as the %s subsystem reads it', (sub) => {
    const c = loadConfig({ host: memoryHost(pool.files, pool.env), detected: pool.detected, subsystem: sub });
    const p = new Param(() => c);
    const expected = fullDump({ dumpDelta: pool.subsystems[sub]!, exitCode: 0, stderr: '', keys: {}, cycleTimeouts: [] }, pool.dumpExpanded);
    expect(compareDumps(p.dump(), expected, {}, randomKeys(p), herefileKeys(p))).toEqual([]);
  });
  test('raw values, every key', () => {
    const c = cfg();
    const p = new Param(() => c);
    expect(compareDumps(p.rawDump(), pool.dumpRaw)).toEqual([]);
  });
});
