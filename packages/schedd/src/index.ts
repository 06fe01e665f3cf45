// @htcondor-ts/schedd: htcondor.Schedd.
export { Schedd, type ScheddOptions, type QueryIterator } from './schedd.js';
export { buildJobQuery, readJobAds, type JobQuerySpec } from './job-query.js';
