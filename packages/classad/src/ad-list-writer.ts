/**
 * Several ads in one text, as HTCondor's tools write them (C++ `CondorClassAdListWriter`,
 * compat_classad.cpp): `condor_status -l` (long), `-json`, `-ads:new` style lists, and `-xml`.
 */
import type { ClassAd } from './classad.js';
import { unparse } from './unparse.js';
import { unparseJson } from './json.js';
import { unparseXml } from './xml.js';

/** Output formats of `printAds`. */
export const AdsFormat = { Long: 'long', Json: 'json', New: 'new', Xml: 'xml' } as const;
export type AdsFormat = (typeof AdsFormat)[keyof typeof AdsFormat];

/**
 * Long: each ad's `Name = value` lines then a blank line; JSON: `[` ads separated by `,` `]`; new: the same
 * with `{` `}` and compact new-syntax ads; XML: the `<classads>` document (header and footer even when empty),
 * each ad followed by a blank line as `condor_status -xml` writes it.
 */
export function printAds(ads: Iterable<ClassAd>, format: AdsFormat = AdsFormat.Long): string {
  let out = '';
  let n = 0;
  for (const ad of ads) {
    switch (format) {
      case AdsFormat.Long: {
        const body = unparse(ad, { old: true });
        if (ad.size > 0) out += body + '\n';
        break;
      }
      case AdsFormat.Json:
        out += (n ? ',\n' : '[\n') + unparseJson(ad) + '\n';
        break;
      case AdsFormat.New:
        out += (n ? ',\n' : '{\n') + unparse(ad) + '\n';
        break;
      case AdsFormat.Xml:
        if (n === 0) out += '<?xml version="1.0"?>\n<!DOCTYPE classads SYSTEM "classads.dtd">\n<classads>\n';
        // condor_status -xml leaves a blank line after each ad
        out += unparseXml(ad) + '\n';
        break;
    }
    n++;
  }
  if (format === AdsFormat.Json && n) out += ']\n';
  if (format === AdsFormat.New && n) out += '}\n';
  if (format === AdsFormat.Xml) out = (n ? out : '<?xml version="1.0"?>\n<!DOCTYPE classads SYSTEM "classads.dtd">\n<classads>\n') + '</classads>\n';
  return out;
}
