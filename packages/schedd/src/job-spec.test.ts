// job_spec resolution (ids or constraint, as the bindings decide) and edit values.
import { ExprTree, parseExpression } from '@htcondor-ts/classad';
import { HTCondorValueError } from '@htcondor-ts/core';
import { HTCondorProtectedAttributeError } from './errors.js';
import { checkAttrName, editPairs, valueText } from './edit-value.js';
import { parseJobId, resolveJobSpec } from './job-spec.js';

describe('resolveJobSpec', () => {
  test('lists and id-shaped strings are ids; anything else is a constraint', () => {
    expect(resolveJobSpec(['1.0', ' 2.3 ', '7'])).toMatchObject({ kind: 'ids', text: ['1.0', '2.3', '7'] });
    expect(resolveJobSpec('12.4')).toMatchObject({ kind: 'ids', ids: [{ cluster: 12, proc: 4 }] });
    expect(resolveJobSpec('12')).toMatchObject({ kind: 'ids', ids: [{ cluster: 12, proc: -1 }] });
    expect(resolveJobSpec('ClusterId == 12')).toMatchObject({ kind: 'constraint', text: 'ClusterId == 12' });
    expect(resolveJobSpec('')).toMatchObject({ kind: 'constraint', text: 'true' });
    const e = parseExpression('Owner == "a"');
    expect(resolveJobSpec(e)).toMatchObject({ kind: 'constraint', expr: e });
  });

  test('bad ids and empty lists are refused', () => {
    expect(() => resolveJobSpec([])).toThrow(HTCondorValueError);
    expect(() => resolveJobSpec(['1.x'])).toThrow(/not a job id/);
    expect(() => parseJobId('99999999999.0')).toThrow(/out of range/);
    expect(() => resolveJobSpec('Owner ==')).toThrow(/not a valid ClassAd expression/);
  });
});

describe('edit values', () => {
  test('strings are expression text; ExprTrees and literals are unparsed', () => {
    expect(valueText('A', '"foo"')).toBe('"foo"');
    expect(valueText('A', 'RequestCpus * 2')).toBe('RequestCpus * 2');
    expect(valueText('A', parseExpression('a + 1'))).toBe('a + 1');
    expect(valueText('A', 3)).toBe('3');
    expect(valueText('A', 2.5)).toBe('2.5');
    expect(valueText('A', 9007199254740993n)).toBe('9007199254740993');
    expect(valueText('A', false)).toBe('false');
    expect(() => valueText('A', '')).toThrow(/empty/);
    expect(() => valueText('A', 'a b')).toThrow(/not a ClassAd expression/);
    expect(() => valueText('A', {} as unknown as ExprTree)).toThrow(HTCondorValueError);
  });

  test('names are checked; secure attributes are refused before sending', () => {
    expect(() => checkAttrName('Good_1')).not.toThrow();
    expect(() => checkAttrName('1bad')).toThrow(HTCondorValueError);
    expect(() => checkAttrName('a.b')).toThrow(HTCondorValueError);
    expect(() => checkAttrName('authtokensubject')).toThrow(HTCondorProtectedAttributeError);
    expect(editPairs({ A: 1n, B: '"x"' })).toEqual([
      ['A', '1'],
      ['B', '"x"'],
    ]);
    expect(() => editPairs({})).toThrow(/empty/);
  });
});

describe('wireOwnerInt', () => {
  test('tells the end-of-reply ads from job ads on the raw text', async () => {
    const { wireOwnerInt } = await import('./wire-owner.js');
    const w = (names: string[], values: string[]) => ({ names, values, myType: '', targetType: '' });
    expect(wireOwnerInt(w(['ErrorCode', 'Owner'], ['0', ' 0']))).toBe(0);
    expect(wireOwnerInt(w(['owner', 'StreamResults'], ['1', 'true']))).toBe(1);
    expect(wireOwnerInt(w(['Owner'], ['"alice"']))).toBeUndefined();
    expect(wireOwnerInt(w(['ProcId'], ['0']))).toBeUndefined();
  });
});

describe('deletions in a multi-attribute edit', () => {
  test('null becomes a deletion; a ClassAd cannot hold one', () => {
    expect(editPairs({ A: null, B: 1n })).toEqual([
      ['A', null],
      ['B', '1'],
    ]);
  });
});
