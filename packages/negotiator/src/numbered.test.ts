import { ClassAd } from '@htcondor-ts/classad';
import { numberedAdsToList } from './numbered.js';

describe('numberedAdsToList', () => {
  test('one ad per number, attributes the first entry lacks kept, un-numbered ones skipped', () => {
    const ad = new ClassAd('[ Name1 = "<none>"; Priority1 = 500.0; Name2 = "alice@lab.local"; Priority2 = 7.5; Ceiling2 = -1; NumSubmittors = 2; LastUpdate = 5 ]');
    const list = numberedAdsToList(ad);
    expect(list.map((a) => a.get('Name'))).toEqual(['<none>', 'alice@lab.local']);
    expect(list[1]!.get('Priority')).toBe(7.5);
    expect(list[1]!.get('Ceiling')).toBe(-1n);
    expect(list[0]!.has('Ceiling')).toBe(false);
    expect(list[0]!.has('NumSubmittors')).toBe(false);
  });

  test('two-digit numbers belong to their own entry; the list stops at the first gap', () => {
    const parts: string[] = [];
    for (let i = 1; i <= 11; i++) parts.push(`Name${i} = "u${i}"`);
    parts.push('Name13 = "after a gap"');
    const list = numberedAdsToList(new ClassAd(`[ ${parts.join('; ')} ]`));
    expect(list).toHaveLength(11);
    expect(list[10]!.get('Name')).toBe('u11');
  });

  test('an empty answer is an empty list', () => {
    expect(numberedAdsToList(new ClassAd())).toEqual([]);
  });
});
