/**
 * Private attributes (C++ `ClassAdAttributeIsPrivateV1/V2`, compat_classad.cpp): they travel only on
 * encrypted channels, and V2 ones only to peers of version 9.9.0 or later.
 */
const PRIVATE_V1 = new Set(['capability', 'childclaimids', 'claimid', 'claimidlist', 'claimids', 'transferkey']);

/** Capability, ChildClaimIds, ClaimId, ClaimIdList, ClaimIds, TransferKey (case-insensitive). */
export function isPrivateAttributeV1(name: string): boolean {
  return PRIVATE_V1.has(name.toLowerCase());
}

/** Any name starting (case-insensitively) with `_condor_priv`. */
export function isPrivateAttributeV2(name: string): boolean {
  return name.length >= 12 && name.slice(0, 12).toLowerCase() === '_condor_priv';
}

/** Either kind. */
export function isPrivateAttribute(name: string): boolean {
  return isPrivateAttributeV1(name) || isPrivateAttributeV2(name);
}
