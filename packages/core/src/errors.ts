/**
 * The error hierarchy, after the Python bindings' (htcondor.HTCondorException and subclasses).
 *
 * Every message says what failed, where, and what to do. `cause` chains the lower-level error.
 * The split that matters to callers: the server said no (HTCondorReplyError), the conversation broke
 * (HTCondorIOError and its protocol/timeout subclasses), the caller asked for something invalid
 * (HTCondorValueError / HTCondorTypeError), a daemon could not be found (HTCondorLocateError),
 * authentication or authorization failed (HTCondorAuthenticationError / HTCondorAuthorizationError).
 * A protocol desync is never reported as a server error.
 */
export interface HTCondorErrorOptions {
  cause?: unknown;
  /** The daemon address or resource involved, if any. */
  where?: string;
}

/** The parent class of every error this library throws (htcondor.HTCondorException). */
export class HTCondorException extends Error {
  override name = 'HTCondorException';
  readonly where: string | undefined;
  constructor(message: string, options: HTCondorErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.where = options.where;
  }
}

/** Network or stream failure (htcondor.HTCondorIOError). */
export class HTCondorIOError extends HTCondorException {
  override name = 'HTCondorIOError';
}

/** The peer did not answer in time; the connection was closed. */
export class HTCondorTimeoutError extends HTCondorIOError {
  override name = 'HTCondorTimeoutError';
}

/** The caller's AbortSignal fired; the connection was closed. */
export class HTCondorAbortError extends HTCondorIOError {
  override name = 'HTCondorAbortError';
}

/** The bytes from the peer do not follow the CEDAR protocol (bad frame, bad value, desync). */
export class HTCondorProtocolError extends HTCondorIOError {
  override name = 'HTCondorProtocolError';
}

/** A daemon could not be located (htcondor.HTCondorLocateError). */
export class HTCondorLocateError extends HTCondorException {
  override name = 'HTCondorLocateError';
}

/** The daemon answered, and its answer was an error (htcondor.HTCondorReplyError). */
export class HTCondorReplyError extends HTCondorException {
  override name = 'HTCondorReplyError';
  /** The daemon's error code, when it sent one. */
  readonly code: number | undefined;
  constructor(message: string, options: HTCondorErrorOptions & { code?: number } = {}) {
    super(message, options);
    this.code = options.code;
  }
}

/** Authentication failed: which method, and why (a subclass of HTCondorIOError as in the bindings). */
export class HTCondorAuthenticationError extends HTCondorIOError {
  override name = 'HTCondorAuthenticationError';
}

/** The daemon authenticated us and refused the command. */
export class HTCondorAuthorizationError extends HTCondorReplyError {
  override name = 'HTCondorAuthorizationError';
}

/** An invalid argument (htcondor.HTCondorValueError). */
export class HTCondorValueError extends HTCondorException {
  override name = 'HTCondorValueError';
}

/** An argument of the wrong type (htcondor.HTCondorTypeError). */
export class HTCondorTypeError extends HTCondorException {
  override name = 'HTCondorTypeError';
}

/** An enum value out of range (htcondor.HTCondorEnumError). */
export class HTCondorEnumError extends HTCondorValueError {
  override name = 'HTCondorEnumError';
}

/** A bug in this library (htcondor.HTCondorInternalError). */
export class HTCondorInternalError extends HTCondorException {
  override name = 'HTCondorInternalError';
}

/** A feature HTCondor 23.x no longer has, or one this library refuses (e.g. GSI, KERBEROS). */
export class HTCondorNotSupportedError extends HTCondorException {
  override name = 'HTCondorNotSupportedError';
}
