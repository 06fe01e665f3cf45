export const PACKAGE = 'htcondor';
