/**
 * The builtin functions of libclassad (src/classad/fnCall.cpp, 23.9.6), registered in groups: lists and
 * types, time, strings, and conversion/math/control. Strings are measured and cut in UTF-8 bytes where
 * C++ does (size, substr).
 */
import { registerListsFunctions } from './builtins-lists.js';
import { registerTimeFunctions } from './builtins-time.js';
import { registerStringsFunctions } from './builtins-strings.js';
import { registerMiscFunctions } from './builtins-misc.js';

/** Register the libclassad builtins. */
export function registerCoreFunctions(): void {
  registerListsFunctions();
  registerTimeFunctions();
  registerStringsFunctions();
  registerMiscFunctions();
}
