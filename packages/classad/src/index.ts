export const PACKAGE = 'classad';
