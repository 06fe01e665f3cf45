/**
 * Error taxonomy of the ClassAd package, mirroring the Python `classad` module's exceptions
 * (ClassAdException and its subclasses). Every error raised by this package is a ClassAdException.
 */

/** Base class of every error raised by `@htcondor-ts/classad`. */
export class ClassAdException extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** The input is not valid ClassAd syntax. `offset` is the character offset where parsing stopped, when known. */
export class ClassAdParseError extends ClassAdException {
  readonly offset: number | undefined;
  constructor(message: string, offset?: number, options?: { cause?: unknown }) {
    super(message, options);
    this.offset = offset;
  }
}

/** An expression could not be evaluated to a value the caller asked for. */
export class ClassAdEvaluationError extends ClassAdException {}

/** A value has the wrong type for the requested operation (e.g. converting an ExprTree to a JS value). */
export class ClassAdTypeError extends ClassAdException {}

/** A value is of the right type but not acceptable (e.g. an unknown enumeration value). */
export class ClassAdValueError extends ClassAdException {}

/** A value must be a member of an enumeration but is not. */
export class ClassAdEnumError extends ClassAdException {}

/** An internal invariant of this library was violated: a bug. */
export class ClassAdInternalError extends ClassAdException {}

/** Reading an input source failed. */
export class ClassAdOSError extends ClassAdException {}
