/**
 * C++ `regexp_helper` (fnCall.cpp) on top of JS RegExp: PCRE2 options i, m, s, x; replacement with
 * `\0`..`\9` group references; `f` (copy the unmatched target around the match) and `g` (all matches).
 * The global loop follows the C++ one, including its treatment of empty matches (after an empty match
 * it retries anchored and non-empty at the same place, else copies one character) and its failure when
 * an empty match lands at the end of the target (PCRE2 then reports a bad offset: ERROR).
 * PCRE2 syntax JS lacks (\A, \Z) is translated; a pattern JS rejects yields ERROR like a compile failure.
 */
import { EvalValue, ERR } from './value.js';

/** Translate a PCRE pattern to JS source (only the common differences). */
export function pcreToJs(p: string, extended: boolean): string {
  let out = '';
  let inClass = false;
  for (let i = 0; i < p.length; i++) {
    const c = p[i] as string;
    if (c === '\\' && i + 1 < p.length) {
      const n = p[i + 1] as string;
      if (!inClass && n === 'A') out += '^';
      else if (!inClass && (n === 'Z' || n === 'z')) out += '$';
      else out += c + n;
      i++;
      continue;
    }
    if (inClass) {
      if (c === ']') inClass = false;
      out += c;
      continue;
    }
    if (c === '[') {
      inClass = true;
      out += c;
      if (p[i + 1] === ']') {
        out += '\\]';
        i++;
      }
      continue;
    }
    if (extended) {
      if (c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\f' || c === '\v') continue;
      if (c === '#') {
        while (i < p.length && p[i] !== '\n') i++;
        continue;
      }
    }
    out += c;
  }
  return out;
}

/** Compile with PCRE2-like options (i, m, s, x); `extraFlags` adds JS flags (g, y). */
export function compilePcre(pattern: string, opts: string, global: boolean, extraFlags = ''): RegExp | null {
  let flags = (global ? 'g' : '') + extraFlags;
  if (/[iI]/.test(opts)) flags += 'i';
  if (/[mM]/.test(opts)) flags += 'm';
  if (/[sS]/.test(opts)) flags += 's';
  try {
    return new RegExp(pcreToJs(pattern, /[xX]/.test(opts)), flags);
  } catch {
    return null;
  }
}

/** Returns a boolean (match only) or the substituted string; ERROR for a bad pattern or group reference. */
export function regexpHelper(pattern: string, target: string, replace: string | null, opts: string): EvalValue {
  const full = replace !== null && opts.indexOf('f') >= 0;
  const all = replace !== null && opts.indexOf('g') >= 0;
  const re = compilePcre(pattern, opts, true);
  const sticky = compilePcre(pattern, opts, false, 'y');
  if (!re || !sticky) return ERR;
  if (replace === null) {
    re.lastIndex = 0;
    return re.exec(target) !== null;
  }
  let out = '';
  let idx = 0;
  let emptyMatch = false;
  let matchedAny = false;
  for (;;) {
    if (idx > target.length) return ERR; // PCRE2_ERROR_BADOFFSET
    let m: RegExpExecArray | null;
    if (emptyMatch) {
      sticky.lastIndex = idx;
      m = sticky.exec(target);
      if (m && m[0].length === 0) m = null;
      if (!m) {
        out += idx < target.length ? target[idx] : '';
        idx++;
        emptyMatch = false;
        if (!all) break;
        continue;
      }
    } else {
      re.lastIndex = idx;
      m = re.exec(target);
    }
    if (!m) break;
    matchedAny = true;
    if (full) out += target.slice(idx, m.index);
    for (let i = 0; i < replace.length; i++) {
      const c = replace[i];
      if (c === '\\') {
        const d = replace.charCodeAt(i + 1);
        if (d >= 48 && d <= 57) {
          const g = d - 48;
          if (g >= m.length) return ERR;
          out += m[g] ?? '';
          i++;
        } else out += '\\';
      } else out += c;
    }
    idx = m.index + m[0].length;
    if (m[0].length === 0) emptyMatch = true;
    if (!all) break;
  }
  void matchedAny;
  if (full) out += target.slice(Math.min(idx, target.length));
  return out;
}
