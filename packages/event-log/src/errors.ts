/**
 * Errors of the job event log reader. The package depends only on @htcondor-ts/classad, so these are its own
 * classes; the umbrella package re-exports them next to the HTCondor* errors.
 */
export class JobEventLogError extends Error {
  override name = 'JobEventLogError';
}

/**
 * A complete event (its sync line `...` was read) that does not parse: the bindings raise HTCondorIOError
 * "ULOG_RD_ERROR ... at offset N". The reader has already moved past it, so iterating again continues after it.
 */
export class JobEventLogParseError extends JobEventLogError {
  override name = 'JobEventLogParseError';
  constructor(message: string, readonly offset: number, options?: { cause?: unknown }) {
    super(`${message} (at byte offset ${offset})`, options);
  }
}

/** A finite byte source ended in the middle of an event (a file being written only waits instead). */
export class JobEventLogTruncatedError extends JobEventLogError {
  override name = 'JobEventLogTruncatedError';
  constructor(readonly offset: number, readonly pendingBytes: number) {
    super(`the event log ends with ${pendingBytes} bytes of an incomplete event (at byte offset ${offset})`);
  }
}

/** The log was closed: it no longer iterates (Python `close()`). */
export class JobEventLogClosedError extends JobEventLogError {
  override name = 'JobEventLogClosedError';
}
