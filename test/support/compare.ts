// Comparing our ads with HTCondor's own JSON output, attribute for attribute.
import type { ClassAd } from '@htcondor-ts/classad';

export type JsonAd = Record<string, unknown>;

export function lowerKeys(o: JsonAd): Map<string, [string, unknown]> {
  const m = new Map<string, [string, unknown]>();
  for (const [k, v] of Object.entries(o)) m.set(k.toLowerCase(), [k, v]);
  return m;
}

/** Our ad in the oracle's JSON form (printJson parsed back). */
export function ourJson(ad: ClassAd): JsonAd {
  return JSON.parse(ad.printJson()) as JsonAd;
}

/**
 * Differences between an oracle ad and ours. `alternatives` are further snapshots of our ad (taken before and after
 * the oracle ran): an attribute that the daemon updated between the two reads counts as equal if any snapshot agrees.
 */
export function diffAds(oracle: JsonAd, ours: JsonAd, alternatives: JsonAd[] = []): string[] {
  const o = lowerKeys(oracle);
  const snaps = [ours, ...alternatives].map(lowerKeys);
  const diffs: string[] = [];
  for (const [key, [name, v]] of o) {
    // A value that changed between our own two reads is live (a duty cycle, a clock): only its presence is checked.
    const seen = snaps.filter((s) => s.has(key)).map((s) => JSON.stringify(s.get(key)![1]));
    if (seen.length > 1 && new Set(seen).size > 1) continue;
    const ok = snaps.some((s) => s.has(key) && JSON.stringify(s.get(key)![1]) === JSON.stringify(v));
    if (!ok) diffs.push(`${name}: oracle ${JSON.stringify(v)} ours ${JSON.stringify(snaps[0]!.get(key)?.[1])}`);
  }
  for (const [key, [name]] of snaps[0]!) if (!o.has(key)) diffs.push(`${name}: only in ours`);
  return diffs;
}
