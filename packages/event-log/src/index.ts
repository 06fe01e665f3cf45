/**
 * @htcondor-ts/event-log — job event logs as HTCondor 23.9.6's Python bindings read them (`htcondor.JobEventLog`,
 * `JobEvent`), in the text, JSON and XML formats, from a file (Node) or any byte stream (browsers, serverless).
 */
export { JobEventLog, type JobEventLogOptions, type JobEventLogPosition, type EventsOptions } from './job-event-log.js';
export { JobEvent } from './job-event.js';
export { JobEventType, FileTransferEventType } from './enums.js';
export { JobEventLogError, JobEventLogParseError, JobEventLogTruncatedError, JobEventLogClosedError } from './errors.js';
export { EventLogParser, type LogFormat, type JobEventLogWarning } from './parser.js';
export { bytesSource, type EventLogSource, type ByteInput, type Pulled } from './source.js';
