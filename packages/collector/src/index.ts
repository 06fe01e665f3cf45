// @htcondor-ts/collector: htcondor.Collector.
export { Collector, LOCATE_PROJECTION, type CollectorOptions, type QueryOptions } from './collector.js';
export { buildQuery, constraintExpr, type Constraint, type QuerySpec } from './query-ad.js';
export { ADVERTISE_COMMANDS, advertiseCommand, type AdvertiseCommand } from './advertise.js';
export { DEFAULT_FAILOVER_STAGGER_MS, staggeredRace } from './failover.js';
