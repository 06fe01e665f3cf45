// @htcondor-ts/credd: htcondor.Credd, CredCheck, CredStatus.
export { Credd, type CreddOptions, type Credential } from './credd.js';
export { CredCheck, CredStatus } from './cred-check.js';
export { CredResult, HTCondorCredError } from './store-cred.js';
