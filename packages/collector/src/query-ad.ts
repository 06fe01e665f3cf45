// The query ad a collector query sends (CondorQuery::getQueryAd in src/condor_utils/condor_query.cpp):
// MyType "Query", TargetType, Requirements (defaulting to true: old collectors return nothing without it,
// omitted for QUERY_MULTIPLE_ADS where the collector prefers none), Projection as a space-separated string,
// LimitResults, LocationQuery for locates, STATISTICS_TO_PUBLISH.
import { ClassAd, ClassAdParseError, parseExpression, type ExprTree } from '@htcondor-ts/classad';
import { AdTypeQuery, AdTypes, Commands, HTCondorValueError } from '@htcondor-ts/core';

export type Constraint = string | ExprTree;

export interface QuerySpec {
  adType: AdTypes | string;
  constraint?: Constraint | undefined;
  projection?: readonly string[] | undefined;
  statistics?: string | undefined;
  limit?: number | undefined;
  locationQuery?: string | undefined;
}

/** The name of a queryable ad type (a key of AdTypes), accepted wherever an AdTypes value is. */
export type AdTypeName = keyof typeof AdTypeQuery;

/** The AdTypes name of a value; the name itself (case-insensitively, as htcondor2 accepts it) is taken too. */
export function adTypeName(adType: AdTypes | keyof typeof AdTypeQuery | string): AdTypeName {
  if (typeof adType === 'string') {
    const hit = Object.keys(AdTypeQuery).find((k) => k.toLowerCase() === adType.toLowerCase());
    if (hit) return hit as AdTypeName;
    throw new HTCondorValueError(`unknown ad type ${JSON.stringify(adType)}; use AdTypes.X or one of the names ${Object.keys(AdTypeQuery).join(', ')}`);
  }
  for (const [name, value] of Object.entries(AdTypes)) {
    if (value === adType && name in AdTypeQuery) return name as AdTypeName;
  }
  throw new HTCondorValueError(`${String(adType)} is not a queryable AdTypes value; use AdTypes.X (one of ${Object.keys(AdTypeQuery).join(', ')})`);
}

/** Parses a constraint given as text (new or old syntax), so a typo fails here, not silently at the collector. */
export function constraintExpr(c: Constraint): ExprTree {
  if (typeof c !== 'string') return c;
  try {
    return parseExpression(c);
  } catch (e) {
    if (e instanceof ClassAdParseError) {
      throw new ClassAdParseError(`the constraint ${JSON.stringify(c)} is not a valid ClassAd expression: ${e.message}`);
    }
    throw e;
  }
}

export function buildQuery(spec: QuerySpec): { command: number; ad: ClassAd } {
  const name = adTypeName(spec.adType);
  const info = AdTypeQuery[name] as { command: keyof typeof Commands; targetType: string; multi?: boolean };
  const command = Commands[info.command];
  const ad = new ClassAd();
  ad.set('MyType', 'Query');
  ad.set('TargetType', info.targetType);
  const c = spec.constraint === undefined || spec.constraint === '' ? undefined : constraintExpr(spec.constraint);
  if (c) ad.insert('Requirements', c);
  else if (!info.multi) ad.insert('Requirements', parseExpression('true'));
  if (spec.projection && spec.projection.length) {
    for (const p of spec.projection) {
      if (!/^[A-Za-z_][A-Za-z0-9_.]*$/.test(p)) throw new HTCondorValueError(`projection attribute ${JSON.stringify(p)} is not an attribute name`);
    }
    ad.set('Projection', spec.projection.join(' '));
  }
  if (spec.limit !== undefined) {
    if (!Number.isInteger(spec.limit) || spec.limit < 0) throw new HTCondorValueError(`limit must be a non-negative integer, not ${spec.limit}`);
    if (spec.limit > 0) ad.set('LimitResults', BigInt(spec.limit));
  }
  if (spec.statistics) ad.set('STATISTICS_TO_PUBLISH', spec.statistics);
  if (spec.locationQuery !== undefined) ad.set('LocationQuery', spec.locationQuery);
  return { command, ad };
}
