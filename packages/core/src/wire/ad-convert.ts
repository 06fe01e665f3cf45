// Between wire ads and ClassAd objects of @htcondor-ts/classad.
import { ClassAd, ClassAdParseError, parseOldValue } from '@htcondor-ts/classad';
import { HTCondorProtocolError } from '../errors.js';
import type { WireAd } from './classad-wire.js';

/**
 * Builds a ClassAd from a wire ad. By default values are kept as text and parsed on first access (`lazy`), which is
 * what makes large replies cheap; a value that does not parse then surfaces as ClassAdParseError when it is read.
 * With lazy = false every value is parsed now and a bad one is a protocol error.
 */
export function adFromWire(w: WireAd, lazy = true): ClassAd {
  const ad = new ClassAd();
  const { names, values } = w;
  if (lazy) {
    for (let i = 0; i < names.length; i++) ad.insertRaw(names[i]!, values[i]!);
    return ad;
  }
  for (let i = 0; i < names.length; i++) {
    try {
      ad.insert(names[i]!, parseOldValue(values[i]!));
    } catch (e) {
      if (e instanceof ClassAdParseError) throw new HTCondorProtocolError(`bad ClassAd on the wire: attribute ${names[i]}: ${e.message}`, { cause: e });
      throw e;
    }
  }
  return ad;
}

/** The "Name = expr" lines (old syntax) that put a ClassAd on the wire (values never read are sent as received). */
export function adToWireLines(ad: ClassAd): string[] {
  return ad.wireLines();
}
