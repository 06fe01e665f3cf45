/**
 * Just enough of C sscanf for the patterns condor_event.cpp reads with: %d, %f/%lf, %s and %N[set] (with widths), %n,
 * literal text, and a space in the pattern matching any run of white space. Returns the converted values; `count`
 * is the number of conversions, or -1 when the input ended before the first one (C's EOF).
 */
export interface Scanned {
  count: number;
  vals: (number | string)[];
}

const isSpace = (c: number): boolean => c === 32 || (c >= 9 && c <= 13);

function setMatcher(spec: string): (c: string) => boolean {
  let neg = false;
  let i = 0;
  if (spec[0] === '^') {
    neg = true;
    i = 1;
  }
  const ranges: [number, number][] = [];
  for (; i < spec.length; i++) {
    const a = spec.charCodeAt(i);
    if (spec[i + 1] === '-' && i + 2 < spec.length) {
      ranges.push([a, spec.charCodeAt(i + 2)]);
      i += 2;
    } else ranges.push([a, a]);
  }
  return (c) => {
    const x = c.charCodeAt(0);
    const hit = ranges.some(([lo, hi]) => x >= lo && x <= hi);
    return neg ? !hit : hit;
  };
}

export function sscanf(s: string, fmt: string): Scanned {
  const vals: (number | string)[] = [];
  let i = 0;
  let count = 0;
  let f = 0;
  const eof = (): Scanned => ({ count: count === 0 ? -1 : count, vals });
  while (f < fmt.length) {
    const fc = fmt.charCodeAt(f);
    if (isSpace(fc)) {
      while (i < s.length && isSpace(s.charCodeAt(i))) i++;
      f++;
      continue;
    }
    if (fmt[f] !== '%') {
      if (i >= s.length) return eof();
      if (s[i] !== fmt[f]) return { count, vals };
      i++;
      f++;
      continue;
    }
    f++;
    let width = 0;
    while (fmt.charCodeAt(f) >= 48 && fmt.charCodeAt(f) <= 57) width = width * 10 + (fmt.charCodeAt(f++) - 48);
    if (fmt[f] === 'l') f++;
    const conv = fmt[f++];
    if (conv === 'n') {
      vals.push(i);
      continue;
    }
    if (conv !== '[') {
      while (i < s.length && isSpace(s.charCodeAt(i))) i++;
      if (i >= s.length) return eof();
    } else if (i >= s.length) return eof();
    const max = width || Infinity;
    const start = i;
    if (conv === 'd') {
      if ((s[i] === '-' || s[i] === '+') && max > 1) i++;
      const d0 = i;
      while (i < s.length && i - start < max && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) i++;
      if (i === d0) return { count, vals };
      // C int conversion wraps; logs never hold such numbers, so clamp to the double value
      vals.push(Number.parseInt(s.slice(start, i), 10));
    } else if (conv === 'f') {
      const m = /^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf(inity)?|nan)/i.exec(s.slice(i, i + Math.min(max, 400)));
      if (!m) return { count, vals };
      i += m[0].length;
      vals.push(Number.parseFloat(m[0].replace(/^([+-]?)inf.*$/i, '$1Infinity')));
    } else if (conv === 's') {
      while (i < s.length && i - start < max && !isSpace(s.charCodeAt(i))) i++;
      vals.push(s.slice(start, i));
    } else if (conv === '[') {
      const close = fmt.indexOf(']', fmt[f] === ']' ? f + 1 : f);
      const ok = setMatcher(fmt.slice(f, close));
      f = close + 1;
      while (i < s.length && i - start < max && ok(s[i] as string)) i++;
      if (i === start) return { count, vals };
      vals.push(s.slice(start, i));
    } else throw new Error(`sscanf: unsupported conversion %${conv}`);
    count++;
  }
  return { count, vals };
}

/** C isspace-trim of both ends. */
export function ctrim(s: string): string {
  let a = 0,
    b = s.length;
  while (a < b && isSpace(s.charCodeAt(a))) a++;
  while (b > a && isSpace(s.charCodeAt(b - 1))) b--;
  return a === 0 && b === s.length ? s : s.slice(a, b);
}
