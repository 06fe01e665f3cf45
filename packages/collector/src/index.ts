export const PACKAGE = 'collector';
