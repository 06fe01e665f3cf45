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
  platform,
  version,
} from '@htcondor-ts/core';
export { Collector, type CollectorOptions, type QueryOptions } from '@htcondor-ts/collector';
export { Schedd, type ScheddOptions, type QueryIterator } from '@htcondor-ts/schedd';
