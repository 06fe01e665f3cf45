export const PACKAGE = 'core';
