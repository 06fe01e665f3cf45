// htcondor-ts: the umbrella package, with the names of HTCondor's Python bindings in camelCase.
// `import { Collector, AdTypes } from 'htcondor-ts'` mirrors `from htcondor import Collector, AdTypes`;
// the ClassAd language is under `classad` as in Python (`import classad`).
export * as classad from '@htcondor-ts/classad';
export { ClassAd, ExprTree, Value } from '@htcondor-ts/classad';
export {
  AdTypes,
  BlockingMode,
  CredTypes,
  DaemonCommands,
  DaemonTypes,
  DrainTypes,
  EntryType,
  FileTransferEventType,
  JobAction,
  JobEventType,
  JobStatus,
  LockType,
  LogLevel,
  QueryOpts,
  TransactionFlags,
  VacateTypes,
  HTCondorException,
  HTCondorIOError,
  HTCondorLocateError,
  HTCondorReplyError,
  HTCondorValueError,
  HTCondorTypeError,
  HTCondorEnumError,
  HTCondorInternalError,
  HTCondorTimeoutError,
  HTCondorAbortError,
  HTCondorProtocolError,
  HTCondorAuthenticationError,
  HTCondorAuthorizationError,
  HTCondorNotSupportedError,
  param,
  reloadConfig,
  setSubsystem,
  platform,
  version,
  enableDebug,
  enableLog,
  log,
  SecurityContext,
  SecurityContext as SecMan,
  Token,
  TokenRequest,
  type SecurityContextOptions,
  type SessionInfo,
  type PingResult,
  webSocketTransport,
  NO_PLATFORM,
  type WebSocketTransportOptions,
} from '@htcondor-ts/core';
export { Collector, type CollectorOptions, type QueryOptions } from '@htcondor-ts/collector';
export {
  Schedd,
  QueryIterator,
  BulkQueryIterator,
  poll,
  Transaction,
  EditResult,
  HTCondorJobActionError,
  HTCondorJobPermissionError,
  HTCondorQmgmtError,
  HTCondorProtectedAttributeError,
  type ScheddOptions,
  type HistoryIterator,
  type JobSpec,
  type EditValue,
  type EditAttributes,
  type ActionReason,
  type HistorySince,
} from '@htcondor-ts/schedd';
export {
  JobEventLog,
  JobEvent,
  JobEventLogError,
  JobEventLogParseError,
  JobEventLogTruncatedError,
  JobEventLogClosedError,
  type JobEventLogOptions,
  type JobEventLogPosition,
} from '@htcondor-ts/event-log';
// Daemon clients (issue 7): send_command, send_alive, RemoteParam, Negotiator, Startd, Credd.
export { SubsystemType } from '@htcondor-ts/core';
export { RemoteParam, sendCommand, sendAlive, type ParamInfo, type RemoteParamOptions, type SendCommandOptions, type SendAliveOptions } from '@htcondor-ts/daemon';
export { Negotiator, type NegotiatorOptions } from '@htcondor-ts/negotiator';
export { Startd, CompletionType, type StartdOptions } from '@htcondor-ts/startd';
export { Credd, CredCheck, CredStatus, CredResult, HTCondorCredError, type CreddOptions, type Credential } from '@htcondor-ts/credd';
