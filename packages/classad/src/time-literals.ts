/**
 * Parse-time conversion of `absTime("...")` and `relTime("...")` with a string literal argument,
 * ports of C++ `Literal::MakeAbsTime(string)` and `Literal::MakeRelTime(string)` (literals.cpp).
 * They return null where C++ returns nullptr, which makes the whole parse fail.
 */
import { AbsTime, RelTime } from './values.js';

function isDigitCh(c: string | undefined): boolean {
  return c !== undefined && c >= '0' && c <= '9';
}
function isSpaceCh(c: string | undefined): boolean {
  return c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';
}
/** C `atoi`: optional white space and sign, then digits. */
function atoi(s: string): number {
  const m = /^[ \t\n\v\f\r]*([-+]?\d+)/.exec(s);
  return m ? Number.parseInt(m[1] as string, 10) | 0 : 0;
}

/** Local time-zone offset (seconds east of UTC) at `secs`. */
function localOffset(secs: number): number {
  return -new Date(secs * 1000).getTimezoneOffset() * 60;
}

/** `D* dddd [D* dd [D* dd [D* dd [D* dd [D* dd D*]]]]] [-dd:dd | +dd:dd | -dddd | z | Z]` */
export function parseAbsTimeString(input: string): AbsTime | null {
  let s = input;
  let len = s.length;
  let i = len - 1;
  while (i >= 0 && isSpaceCh(s[i])) i--;
  let hasOffset = false;
  let tzhr = 0,
    tzmin = 0;
  const extract = (): boolean => {
    const l = s.length;
    const off = s.slice(l - 5, l);
    if ((off[0] === '+' || off[0] === '-') && isDigitCh(off[1]) && isDigitCh(off[2]) && isDigitCh(off[3]) && isDigitCh(off[4])) {
      s = s.slice(0, l - 5);
      const h = atoi(off.slice(1, 3)),
        m = atoi(off.slice(3, 5));
      tzhr = off[0] === '+' ? h : -h;
      tzmin = off[0] === '+' ? m : -m;
      return true;
    }
    return false;
  };
  if (i > 0 && (s[i] === 'z' || s[i] === 'Z')) {
    hasOffset = true;
    s = s.slice(0, i) + s.slice(i + 1);
  } else if (len > 5 && (s[len - 5] === '+' || s[len - 5] === '-')) {
    hasOffset = extract();
  } else if (len > 6 && (s[len - 6] === '+' || s[len - 6] === '-') && s[len - 3] === ':') {
    s = s.slice(0, len - 3) + s.slice(len - 2);
    hasOffset = extract();
  }
  len = s.length;
  i = 0;
  const nextDigit = (): void => {
    while (i < len && !isDigitCh(s[i])) i++;
  };
  nextDigit();
  if (i > len - 4) return null;
  const year = atoi(s.substr(i, 4));
  i += 4;
  const fields = [0, 1, 0, 0, 0]; // mon (1-based), mday... filled below
  let mon = 0,
    mday = 0,
    hour = 0,
    min = 0,
    sec = 0;
  void fields;
  nextDigit();
  if (i <= len - 2) {
    mon = atoi(s.substr(i, 2)) - 1;
    i += 2;
  }
  nextDigit();
  if (i <= len - 2) {
    mday = atoi(s.substr(i, 2));
    i += 2;
  }
  nextDigit();
  if (i <= len - 2) {
    hour = atoi(s.substr(i, 2));
    i += 2;
  }
  nextDigit();
  if (i <= len - 2) {
    min = atoi(s.substr(i, 2));
    i += 2;
  }
  nextDigit();
  if (i <= len - 2) {
    sec = atoi(s.substr(i, 2));
    i += 2;
  }
  nextDigit();
  if (i <= len - 1 && isDigitCh(s[i])) return null;
  // mktime() of the fields as local standard time, then corrected by the zone offset: the fields as UTC
  const utc = Date.UTC(year, mon, mday, hour, min, sec) / 1000;
  if (!Number.isFinite(utc)) return null;
  const offset = hasOffset ? tzhr * 3600 + tzmin * 60 : localOffset(utc);
  if (utc - localOffset(utc) === -1) return null; // mktime's error value
  return new AbsTime(utc - offset, offset);
}

/** `[-][[[days+]hh:]mm:]ss[.sss]` (also with d/h/m/s unit letters), read from the end as C++ does. */
export function parseRelTimeString(s: string): RelTime | null {
  let i = s.length - 1;
  const skip = (): void => {
    while (i >= 0 && isSpaceCh(s[i])) i--;
  };
  let secs = 0,
    mins = 0,
    hrs = 0,
    days = 0;
  let negative = false;
  const revInt = (): number => {
    let digits = '';
    while (i >= 0 && isDigitCh(s[i])) digits = (s[i--] as string) + digits;
    if (!digits) return 0;
    const v = Number(digits);
    return v > 2147483647 ? 0 : v;
  };
  skip();
  if (i >= 0 && (s[i] === 's' || s[i] === 'S' || isDigitCh(s[i]))) {
    if (s[i] === 's' || s[i] === 'S') i--;
    skip();
    let num = '';
    while (i >= 0 && isDigitCh(s[i])) num = (s[i--] as string) + num;
    if (i >= 0 && s[i] === '.') {
      num = '.' + num;
      i--;
      while (i >= 0 && isDigitCh(s[i])) num = (s[i--] as string) + num;
    }
    const v = Number.parseFloat(num);
    secs = Number.isNaN(v) ? 0 : v;
  }
  skip();
  if (i >= 0 && (s[i] === 'm' || s[i] === 'M' || s[i] === ':')) {
    i--;
    skip();
    mins = revInt();
  }
  skip();
  if (i >= 0 && (s[i] === 'h' || s[i] === 'H' || s[i] === ':')) {
    i--;
    skip();
    hrs = revInt();
  }
  skip();
  if (i >= 0 && (s[i] === 'd' || s[i] === 'D' || s[i] === '+')) {
    i--;
    skip();
    days = revInt();
  }
  skip();
  if (i >= 0 && s[i] === '-') {
    negative = true;
    i--;
  }
  skip();
  if (i >= 0 && !isSpaceCh(s[i])) return null;
  // C++ computes days*86400 + hrs*3600 + mins*60 in int (wrapping), then adds the double seconds
  const whole = (Math.imul(days, 86400) + Math.imul(hrs, 3600) + Math.imul(mins, 60)) | 0;
  return new RelTime((negative ? -1 : 1) * (whole + secs));
}
