/**
 * The ads of the lab pool as HTCondor's own tool writes them (test/fixtures: `condor_status -ads
 * pool-ads-long.txt -json` and `-xml`, from the `-long` capture): each form, read by this package, gives the
 * same ads; and this package writes the JSON and XML lists exactly as the tool did (attribute order aside).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAds, parseOldAds, parseJsonAds, parseXmlAds, printAds, ClassAd, unparse } from './index.js';

const FIX = join(__dirname, '..', 'test', 'fixtures');
const long = readFileSync(join(FIX, 'pool-ads-long.txt'), 'utf8');
const json = readFileSync(join(FIX, 'pool-ads.json'), 'utf8');
const xml = readFileSync(join(FIX, 'pool-ads.xml'), 'utf8');

function canon(ad: ClassAd): string {
  return [...ad.exprEntries()]
    .map(([k, e]) => `${k.toLowerCase()}=${unparse(e)}`)
    .sort()
    .join('\n');
}

describe('real ads in the forms condor_status writes', () => {
  const fromLong = [...parseOldAds(long)];
  test('the capture holds the whole pool', () => {
    expect(fromLong.length).toBeGreaterThanOrEqual(7);
  });
  test('JSON and XML from the tool read back as the same ads', () => {
    const a = fromLong.map(canon);
    expect(parseJsonAds(json).map(canon)).toEqual(a);
    expect(parseXmlAds(xml).map(canon)).toEqual(a);
    expect([...parseAds(json)].map(canon)).toEqual(a);
    expect([...parseAds(xml)].map(canon)).toEqual(a);
  });
  test('printAds writes what the tool wrote, up to attribute order', () => {
    // the tool orders attributes by name; sort ours the same way to compare text
    const sorted = fromLong.map((ad) => {
      const out = new ClassAd();
      for (const [k, e] of [...ad.exprEntries()].sort((x, y) => (x[0].toLowerCase() < y[0].toLowerCase() ? -1 : 1))) out.insert(k, e);
      return out;
    });
    expect(printAds(sorted, 'json')).toBe(json);
    expect(printAds(sorted, 'xml')).toBe(xml);
    expect(printAds(sorted, 'long')).toBe(long);
  });
});
