import { AdTypes, HTCondorValueError } from '@htcondor-ts/core';
import { adTypeName, buildQuery } from './query-ad.js';

describe('collector query ads', () => {
  test('an ad type is taken as an AdTypes value or, case-insensitively, as its name', () => {
    expect(adTypeName(AdTypes.Startd)).toBe('Startd');
    expect(adTypeName('startdaemon')).toBe('StartDaemon');
    expect(buildQuery({ adType: 'Schedd' }).ad.get('TargetType')).toBe('Scheduler');
  });

  test('an unknown ad type or value says what to use instead', () => {
    expect(() => adTypeName('Startdd')).toThrow(HTCondorValueError);
    expect(() => adTypeName('Startdd')).toThrow(/unknown ad type "Startdd"; use AdTypes.X or one of the names Startd/);
    expect(() => adTypeName(AdTypes.None)).toThrow(/-1 is not a queryable AdTypes value/);
  });

  test('the query ad as CondorQuery::getQueryAd builds it', () => {
    const q = buildQuery({ adType: AdTypes.Startd, constraint: 'Cpus > 1', projection: ['Name', 'Cpus'], limit: 5 });
    expect(q.command).toBe(5);
    expect(q.ad.printOld()).toBe('MyType = "Query"\nTargetType = "Machine"\nRequirements = Cpus > 1\nProjection = "Name Cpus"\nLimitResults = 5\n');
    // QUERY_MULTIPLE_ADS prefers no Requirements to a trivially true one.
    expect(buildQuery({ adType: AdTypes.StartDaemon }).ad.has('Requirements')).toBe(false);
    expect(() => buildQuery({ adType: AdTypes.Startd, projection: ['Name; drop'] })).toThrow(/is not an attribute name/);
  });
});
