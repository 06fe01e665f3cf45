/**
 * C++ `SplitLongFormAttrValue` (compat_classad.cpp): split a wire / long-form line `Name = expr` at its
 * first `=`. Leading white space is skipped, spaces before `=` trimmed, spaces after it skipped.
 * Returns null if there is no `=` or the name is empty.
 */
export function splitOldAttribute(line: string): { name: string; rhs: string } | null {
  let i = 0;
  const n = line.length;
  for (;;) {
    const c = line.charCodeAt(i);
    if (i < n && (c === 32 || (c >= 9 && c <= 13))) i++;
    else break;
  }
  const eq = line.indexOf('=', i);
  if (eq < 0) return null;
  let e = eq;
  while (e > i && line.charCodeAt(e - 1) === 32) e--;
  if (e === i) return null;
  let r = eq + 1;
  while (r < n && line.charCodeAt(r) === 32) r++;
  return { name: line.slice(i, e), rhs: line.slice(r) };
}
