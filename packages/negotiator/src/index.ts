// @htcondor-ts/negotiator: htcondor.Negotiator.
export { Negotiator, type NegotiatorOptions } from './negotiator.js';
export { numberedAdsToList } from './numbered.js';
