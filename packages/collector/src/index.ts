// @htcondor-ts/collector: htcondor.Collector.
export { Collector, LOCATE_PROJECTION, type CollectorOptions, type QueryOptions } from './collector.js';
export { buildQuery, constraintExpr, type Constraint, type QuerySpec } from './query-ad.js';
