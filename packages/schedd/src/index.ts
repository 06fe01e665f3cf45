// @htcondor-ts/schedd: htcondor.Schedd.
export { Schedd, type ScheddOptions, type HistoryIterator } from './schedd.js';
export { QueryIterator } from './query-iterator.js';
export { BulkQueryIterator, poll } from './poll.js';
export { Transaction, type TransactionState } from './transaction.js';
export { EditResult, SECURE_JOB_ATTRS, IMMUTABLE_JOB_ATTRS, type EditValue, type EditAttributes } from './edit-value.js';
export { DEFAULT_ACTION_REASON, buildActAd, renameActResult, type ActionReason } from './act.js';
export { buildHistoryRequest, type HistorySince, type HistorySpec } from './history.js';
export { resolveJobSpec, parseJobId, type JobSpec, type JobId } from './job-spec.js';
export { HTCondorJobActionError, HTCondorJobPermissionError, HTCondorQmgmtError, HTCondorProtectedAttributeError } from './errors.js';
export { buildJobQuery, readJobAds, type JobQuerySpec } from './job-query.js';
