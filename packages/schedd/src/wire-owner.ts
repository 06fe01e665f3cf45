// The end of a job or history reply is marked by an ad whose Owner is an integer (0: the end, 1: history's
// "streaming follows"), where a real job ad has a quoted string. Looking at the raw wire text of Owner tells them
// apart without building the ad's name index, which would otherwise cost a Map of every attribute for every ad.
import type { WireAd } from '@htcondor-ts/core';

/** The integer value of Owner in a wire ad, or undefined when Owner is absent or not an integer literal. */
export function wireOwnerInt(w: WireAd): number | undefined {
  const { names, values } = w;
  for (let i = 0; i < names.length; i++) {
    const n = names[i]!;
    if (n.length !== 5 || (n !== 'Owner' && n.toLowerCase() !== 'owner')) continue;
    const v = values[i]!.trim();
    return /^-?\d+$/.test(v) ? Number(v) : undefined;
  }
  return undefined;
}
