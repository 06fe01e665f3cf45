/**
 * Event times as C++ reads and prints them: `readHeader` (ISO "YYYY-MM-DD HH:MM:SS[.mmm][Z]", full ISO with a T,
 * or legacy "MM/DD HH:MM:SS" with the current year), `iso8601_to_time`, and the `EventTime` attribute that
 * `toClassAd(false)` prints in local time, with milliseconds only when they are not zero.
 */

/** Broken-down time as iso8601_to_time fills it: -1 in fields it did not see. */
export interface Tm {
  year: number;
  mon: number; // 0-11
  day: number;
  hour: number;
  min: number;
  sec: number;
  usec: number;
  utc: boolean;
}

/** C atoi: leading white space, a sign, digits; 0 when there are none. */
function atoiText(s: string): number {
  let i = 0;
  while (i < s.length && (s.charCodeAt(i) === 32 || (s.charCodeAt(i) >= 9 && s.charCodeAt(i) <= 13))) i++;
  let neg = false;
  if (s[i] === '-' || s[i] === '+') neg = s[i++] === '-';
  let v = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
  }
  return neg ? -v : v;
}

/** Two ASCII digits at i, or -1. */
function d2(s: string, i: number): number {
  const a = s.charCodeAt(i) - 48,
    b = s.charCodeAt(i + 1) - 48;
  return a >= 0 && a <= 9 && b >= 0 && b <= 9 ? a * 10 + b : -1;
}

/**
 * C++ iso8601_to_time: fixed-width pieces (4-digit year, then 2 characters for each other field), each read with atoi
 * after skipping the delimiters ':', '-' and 'T'; a text starting with 'T' or with ':' at index 2 has no date.
 * Fields it cannot fill stay -1; a fraction after the seconds becomes microseconds; a 'Z' after them marks UTC.
 */
export function parseIso8601(s: string, i = 0): Tm {
  const tm: Tm = { year: -1, mon: -1, day: -1, hour: -1, min: -1, sec: -1, usec: 0, utc: false };
  if (s.length - i <= 2) return tm;
  let p = i;
  const bit = (count: number): number | null => {
    while (s[p] === ':' || s[p] === '-' || s[p] === 'T') p++;
    const piece = s.slice(p, p + count);
    p += piece.length;
    return piece.length === count ? atoiText(piece) : null;
  };
  if (!(s[i] === 'T' || s[i + 2] === ':')) {
    const y = bit(4);
    if (y !== null) tm.year = y - 1900;
    const m = bit(2);
    if (m !== null) tm.mon = m - 1;
    const d = bit(2);
    if (d !== null) tm.day = d;
  }
  const h = bit(2);
  if (h !== null) tm.hour = h;
  const mi = bit(2);
  if (mi !== null) tm.min = mi;
  const se = bit(2);
  if (se !== null) {
    tm.sec = se;
    let sub = 0;
    if (s[p] === '.') {
      p++;
      let digits = 0;
      while (p < s.length && s.charCodeAt(p) >= 48 && s.charCodeAt(p) <= 57) {
        sub = sub * 10 + (s.charCodeAt(p) - 48);
        p++;
        digits++;
      }
      if (digits < 6) sub *= [1000000, 100000, 10000, 1000, 100, 10][digits]!;
      else if (digits > 6) sub = 0;
    }
    tm.usec = sub;
  }
  tm.utc = s[p] === 'Z' || s[p] === 'z';
  return tm;
}

/** timegm of what iso8601_to_time reads (unread fields count as -1, as in C). */
export function isoToUtcSeconds(s: string): number {
  const tm = parseIso8601(s);
  return timegm(tm.year + 1900, tm.mon, tm.day, tm.hour, tm.min, tm.sec);
}

/** mktime / timegm of a broken-down time, normalising out-of-range fields as C does. */
export function tmToClock(tm: Tm): number {
  const year = tm.year + 1900;
  return tm.utc ? timegm(year, tm.mon, tm.day, tm.hour, tm.min, tm.sec) : mktime(year, tm.mon, tm.day, tm.hour, tm.min, tm.sec);
}

/** Days from 1970-01-01 to the first of a month (proleptic Gregorian, any year: JS Date maps years 0-99 to 19xx). */
function daysFromCivil(y: number, m: number): number {
  y += Math.floor(m / 12);
  m = ((m % 12) + 12) % 12;
  const yy = m < 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const mp = (m + 10) % 12; // m is 0-based: March is 0 in this count
  const doy = Math.floor((153 * mp + 2) / 5);
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** C timegm: fields may be out of range (or -1) and carry over linearly. */
export function timegm(y: number, mon: number, d: number, h: number, mi: number, s: number): number {
  return (daysFromCivil(y, mon) + d - 1) * 86400 + h * 3600 + mi * 60 + s;
}

/** C mktime in the runtime's local time zone (the offset in effect at that moment). */
export function mktime(y: number, mon: number, d: number, h: number, mi: number, s: number): number {
  // JS Date resolves DST gaps and overlaps as glibc does; only years it would misread need the arithmetic below
  if (y >= 100) return Math.floor(new Date(y, mon, d, h, mi, s).getTime() / 1000);
  const asUtc = timegm(y, mon, d, h, mi, s);
  let t = asUtc + new Date(asUtc * 1000).getTimezoneOffset() * 60;
  // once more with the offset at the result, for times near a DST change
  t = asUtc + new Date(t * 1000).getTimezoneOffset() * 60;
  return t;
}

const pad2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** The EventTime attribute of toClassAd(false): local time, ISO 8601 extended, `.mmm` when usec is not zero. */
export function formatEventTime(clock: number, usec: number): string {
  const d = new Date(clock * 1000);
  const y = d.getFullYear();
  let s = `${y < 1000 ? String(y).padStart(4, '0') : y}-${pad2(d.getMonth() + 1)}-${pad2(d.getDate())}T${pad2(d.getHours())}:${pad2(d.getMinutes())}:${pad2(d.getSeconds())}`;
  if (usec) s += '.' + String(Math.floor(usec / 1000)).padStart(3, '0');
  return s;
}

/** The result of reading an event header line. */
export interface Header {
  cluster: number;
  proc: number;
  subproc: number;
  clock: number;
  usec: number;
  eventTime: string;
  /** index in the line of the text after the date (the first body line), or -1 if the header is malformed */
  rest: number;
}

/** End index of the last strtol (a module variable rather than a returned pair: this runs three times per event). */
let strtolEnd = 0;

/** C strtol on a line: optional spaces and sign, digits; strtolEnd === start when there are no digits. */
function strtol(s: string, i: number): number {
  const start = i;
  while (s.charCodeAt(i) === 32 || s.charCodeAt(i) === 9) i++;
  let neg = false;
  if (s[i] === '-' || s[i] === '+') {
    neg = s[i] === '-';
    i++;
  }
  const d0 = i;
  let v = 0;
  while (i < s.length) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) break;
    v = v * 10 + c;
    i++;
  }
  if (i === d0) {
    strtolEnd = start;
    return 0;
  }
  strtolEnd = i;
  return neg ? -v : v;
}

/*
 * Local-time cache: most events of a log share the date and hour, so the epoch of "YYYY-MM-DD HH" is computed once
 * and minutes and seconds are added (valid while the hour has no DST jump inside it, which is checked).
 */
let cacheKey = '';
let cacheBase = 0;

function localClock(y: number, mon: number, d: number, h: number, mi: number, s: number, key: string): number {
  if (key !== '' && mi >= 0 && mi < 60 && s >= 0 && s < 60 && key === cacheKey) return cacheBase + mi * 60 + s;
  if (y < 1000) return mktime(y, mon, d, h, mi, s);
  const base = new Date(y, mon, d, h, 0, 0);
  const ok = base.getMonth() === mon && base.getDate() === d && base.getHours() === h;
  const end = new Date(y, mon, d, h, 59, 59);
  if (key !== '' && ok && end.getTime() - base.getTime() === 3599000 && mi >= 0 && mi < 60 && s >= 0 && s < 60) {
    cacheKey = key;
    cacheBase = Math.floor(base.getTime() / 1000);
    return cacheBase + mi * 60 + s;
  }
  return mktime(y, mon, d, h, mi, s);
}

/** Reads the header of a text event: `(C.P.S) date time ` after the three-digit event number (C++ readHeader). */
export function readHeader(line: string, now: () => number): Header | null {
  let p = 3;
  if (line.charCodeAt(p) !== 32 || line.charCodeAt(p + 1) !== 40 /* ( */) return null;
  p += 2;
  const cluster = strtol(line, p);
  if (line[strtolEnd] !== '.') return null;
  const proc = strtol(line, strtolEnd + 1);
  if (line[strtolEnd] !== '.') return null;
  const subproc = strtol(line, strtolEnd + 1);
  if (line[strtolEnd] !== ')') return null;
  p = strtolEnd + 1;
  if (line.charCodeAt(p) !== 32) return null;
  p++;
  let datend = line.indexOf(' ', p);
  if (datend < 0) return null;
  let tm: Tm;
  let fast = false;
  // the header text is exactly YYYY-MM-DD HH:MM:SS followed by a space, so EventTime can reuse it
  let canonical = false;
  if (isDigit(line, p) && isDigit(line, p + 1) && line[p + 2] === '/') {
    if (datend !== p + 5) return null;
    datend++;
    tm = parseIso8601(line, datend);
    const mon = atoi(line, p);
    if (mon <= 0) return null;
    tm.mon = mon - 1;
    tm.day = atoi(line, p + 3);
    datend = line.indexOf(' ', datend);
  } else if (datend === p + 10) {
    // "YYYY-MM-DD HH:MM:SS": C++ copies it and puts a T in place of the space. The usual exact shape is read
    // directly (the hot path); anything else goes through the iso8601_to_time port.
    const y1 = d2(line, p),
      y2 = d2(line, p + 2),
      mo = d2(line, p + 5),
      dd = d2(line, p + 8),
      hh = d2(line, p + 11),
      mi = d2(line, p + 14),
      ss = d2(line, p + 17);
    const after = line.charCodeAt(p + 19);
    if (y1 >= 0 && y2 >= 0 && mo >= 0 && dd >= 0 && hh >= 0 && mi >= 0 && ss >= 0 && line[p + 4] === '-' && line[p + 7] === '-' && line[p + 13] === ':' && line[p + 16] === ':' && after === 32) {
      tm = { year: y1 * 100 + y2 - 1900, mon: mo - 1, day: dd, hour: hh, min: mi, sec: ss, usec: 0, utc: false };
      canonical = true;
    } else {
      tm = parseIso8601(line.slice(p, p + 10) + 'T' + line.slice(p + 11, p + 43), 0);
    }
    fast = true;
    datend = line.indexOf(' ', datend + 1);
  } else {
    tm = parseIso8601(line, p);
  }
  if (tm.mon < 0 || tm.mon > 11 || tm.day < 0 || tm.day > 32 || tm.hour < 0 || tm.hour > 24) return null;
  if (tm.year < 0) tm.year = new Date(now() * 1000).getFullYear() - 1900;
  let clock: number;
  let eventTime: string;
  if (!tm.utc) {
    clock = localClock(tm.year + 1900, tm.mon, tm.day, tm.hour, tm.min, tm.sec, fast ? line.slice(p, p + 13) : '');
    // the common case prints back exactly what was read
    if (canonical && tm.usec === 0 && tm.min >= 0 && tm.min < 60 && tm.sec >= 0 && tm.sec < 60 && cacheKey === line.slice(p, p + 13)) {
      eventTime = line.slice(p, p + 10) + 'T' + line.slice(p + 11, p + 19);
    } else eventTime = formatEventTime(clock, tm.usec);
  } else {
    clock = tmToClock(tm);
    eventTime = formatEventTime(clock, tm.usec);
  }
  const rest = datend < 0 ? -1 : datend + 1;
  return { cluster, proc, subproc, clock, usec: tm.usec, eventTime, rest };
}

function isDigit(s: string, i: number): boolean {
  const c = s.charCodeAt(i);
  return c >= 48 && c <= 57;
}

function atoi(s: string, i: number): number {
  return strtol(s, i);
}
