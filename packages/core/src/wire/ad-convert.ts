// Between wire ads (lines of old-syntax text) and ClassAd objects of @htcondor-ts/classad.
import { ClassAd, unparseOld } from '@htcondor-ts/classad';
import type { WireAd } from './classad-wire.js';

/**
 * Builds a ClassAd from its wire lines. Values are kept as text and parsed on first access (`lazy`), which is what
 * makes large replies cheap; a value that does not parse surfaces as ClassAdParseError when it is read.
 */
export function adFromWire(w: WireAd, lazy = true): ClassAd {
  const ad = new ClassAd();
  for (const line of w.lines) ad.insertFromWire(line, { lazy });
  return ad;
}

/** The "Name = expr" lines (old syntax) that put a ClassAd on the wire. */
export function adToWireLines(ad: ClassAd): string[] {
  const out: string[] = [];
  for (const name of ad.keys()) {
    const raw = ad.rawText(name);
    out.push(`${name} = ${raw ?? unparseOld(ad.lookup(name)!)}`);
  }
  return out;
}
