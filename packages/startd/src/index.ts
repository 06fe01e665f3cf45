// @htcondor-ts/startd: htcondor.Startd (drain, cancel drain) and htcondor.CompletionType.
export { Startd, CompletionType, type StartdOptions } from './startd.js';
