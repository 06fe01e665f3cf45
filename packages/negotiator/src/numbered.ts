// The negotiator answers lists as one ad of numbered attributes (Name1, Priority1, Name2, ...), which the bindings
// turn into one ad per number (_convert_numbered_attributes_to_list_of_ads in _negotiator.py). The bindings take the
// attribute names from those ending in "1", so an attribute the first entry lacks (Ceiling2 when the first entry is
// the "<none>" group) is dropped from every entry; here every attribute ending in a number goes to that entry. As in
// the bindings, the list ends at the first number with no attribute; un-numbered attributes (LastUpdate,
// NumSubmittors) are not entries.
import { ClassAd } from '@htcondor-ts/classad';

const NUMBERED = /^(.*[^0-9])([1-9][0-9]*)$/;

export function numberedAdsToList(ad: ClassAd): ClassAd[] {
  const entries = new Map<number, ClassAd>();
  for (const k of ad.keys()) {
    const m = NUMBERED.exec(k);
    if (!m) continue;
    const i = Number(m[2]);
    const e = ad.lookup(k);
    if (e === undefined) continue;
    let one = entries.get(i);
    if (!one) entries.set(i, (one = new ClassAd()));
    one.insert(m[1]!, e);
  }
  const out: ClassAd[] = [];
  for (let i = 1; entries.has(i); i++) out.push(entries.get(i)!);
  return out;
}
