/**
 * Value representation shared by the AST and the public API.
 *
 * Choice (documented): ClassAd integers are 64-bit and must round-trip exactly, so they are JS `bigint`
 * (always within int64 range). ClassAd reals are JS `number`. Because the two JS types differ,
 * `1` (integer) and `1.0` (real) stay distinct everywhere. Strings are JS strings, booleans JS booleans.
 * UNDEFINED and ERROR are the unique symbols `Value.Undefined` and `Value.Error`.
 */

const UNDEFINED: unique symbol = Symbol.for('htcondor-ts.classad.Undefined');
const ERROR: unique symbol = Symbol.for('htcondor-ts.classad.Error');

/** The two exceptional ClassAd values, named like the Python `classad.Value` enumeration. */
export const Value = { Undefined: UNDEFINED, Error: ERROR } as const;
export type UndefinedValue = typeof UNDEFINED;
export type ErrorValue = typeof ERROR;

/** An absolute time: seconds since the epoch (UTC) plus the timezone offset (seconds east of UTC) it is shown in. */
export class AbsTime {
  constructor(
    readonly secs: number,
    readonly offset: number,
  ) {}
}

/** A relative time (a duration) in seconds; may be fractional or negative. */
export class RelTime {
  constructor(readonly secs: number) {}
}

/** The values a Literal node can hold. */
export type LiteralValue = bigint | number | string | boolean | AbsTime | RelTime | UndefinedValue | ErrorValue;

/** Largest and smallest int64, used for wrap-around arithmetic and literal overflow checks. */
export const INT64_MAX = 0x7fffffffffffffffn;
export const INT64_MIN = -0x8000000000000000n;
