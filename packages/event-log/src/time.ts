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

function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = 0; k < n; k++) {
    const c = s.charCodeAt(i + k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/**
 * A subset of C++ iso8601_to_time: an extended or basic date, an optional T, an extended or basic time,
 * optional fraction and Z. Fields it cannot read stay -1, as in C++.
 */
export function parseIso8601(s: string, i = 0): Tm {
  const tm: Tm = { year: -1, mon: -1, day: -1, hour: -1, min: -1, sec: -1, usec: 0, utc: false };
  // date part: YYYY-MM-DD or YYYYMMDD, only when the text does not start with a time (HH:)
  if (s.charCodeAt(i + 2) !== 58 /* : */) {
    const y = digits(s, i, 4);
    if (y >= 0) {
      tm.year = y - 1900;
      i += 4;
      if (s[i] === '-') i++;
      const m = digits(s, i, 2);
      if (m >= 0) {
        tm.mon = m - 1;
        i += 2;
        if (s[i] === '-') i++;
        const d = digits(s, i, 2);
        if (d >= 0) {
          tm.day = d;
          i += 2;
        }
      }
      if (s[i] === 'T') i++;
      else return tm;
    }
  }
  const h = digits(s, i, 2);
  if (h < 0) return tm;
  tm.hour = h;
  i += 2;
  if (s[i] === ':') i++;
  const mi = digits(s, i, 2);
  if (mi < 0) return tm;
  tm.min = mi;
  i += 2;
  if (s[i] === ':') i++;
  const se = digits(s, i, 2);
  if (se < 0) return tm;
  tm.sec = se;
  i += 2;
  if (s[i] === '.') {
    i++;
    let frac = 0,
      scale = 100000;
    while (i < s.length && s.charCodeAt(i) >= 48 && s.charCodeAt(i) <= 57) {
      frac += (s.charCodeAt(i) - 48) * scale;
      scale = Math.floor(scale / 10);
      i++;
    }
    tm.usec = frac;
  }
  if (s[i] === 'Z') tm.utc = true;
  return tm;
}

/** mktime / timegm of a broken-down time, normalising out-of-range fields as C does. */
export function tmToClock(tm: Tm): number {
  const year = tm.year + 1900;
  const ms = tm.utc
    ? Date.UTC(year, tm.mon, tm.day, tm.hour, tm.min, tm.sec)
    : new Date(year, tm.mon, tm.day, tm.hour, tm.min, tm.sec).getTime();
  return Math.floor(ms / 1000);
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

/** C strtol on a line: optional spaces and sign, digits; returns [value, end] with end === start when no digits. */
function strtol(s: string, i: number): [number, number] {
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
  if (i === d0) return [0, start];
  return [neg ? -v : v, i];
}

/*
 * Local-time cache: most events of a log share the date and hour, so the epoch of "YYYY-MM-DD HH" is computed once
 * and minutes and seconds are added (valid while the hour has no DST jump inside it, which is checked).
 */
let cacheKey = '';
let cacheBase = 0;

function localClock(y: number, mon: number, d: number, h: number, mi: number, s: number, key: string): number {
  if (mi >= 0 && mi < 60 && s >= 0 && s < 60 && key === cacheKey) return cacheBase + mi * 60 + s;
  const base = new Date(y, mon, d, h, 0, 0);
  const ok = base.getMonth() === mon && base.getDate() === d && base.getHours() === h;
  const end = new Date(y, mon, d, h, 59, 59);
  if (ok && end.getTime() - base.getTime() === 3599000 && mi >= 0 && mi < 60 && s >= 0 && s < 60) {
    cacheKey = key;
    cacheBase = Math.floor(base.getTime() / 1000);
    return cacheBase + mi * 60 + s;
  }
  return Math.floor(new Date(y, mon, d, h, mi, s).getTime() / 1000);
}

/** Reads the header of a text event: `(C.P.S) date time ` after the three-digit event number (C++ readHeader). */
export function readHeader(line: string, now: () => number): Header | null {
  let p = 3;
  if (line.charCodeAt(p) !== 32 || line.charCodeAt(p + 1) !== 40 /* ( */) return null;
  p += 2;
  let [cluster, e] = strtol(line, p);
  if (line[e] !== '.') return null;
  const [proc, e2] = strtol(line, e + 1);
  if (line[e2] !== '.') return null;
  const [subproc, e3] = strtol(line, e2 + 1);
  if (line[e3] !== ')') return null;
  p = e3 + 1;
  if (line.charCodeAt(p) !== 32) return null;
  p++;
  let datend = line.indexOf(' ', p);
  if (datend < 0) return null;
  let tm: Tm;
  let fast = false;
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
    // "YYYY-MM-DD HH:MM:SS": C++ copies it and puts a T in place of the space
    const buf = line.slice(p, p + 10) + 'T' + line.slice(p + 11, p + 43);
    tm = parseIso8601(buf, 0);
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
    if (fast && tm.usec === 0 && tm.min >= 0 && tm.min < 60 && tm.sec >= 0 && tm.sec < 60 && cacheKey === line.slice(p, p + 13)) {
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
  return strtol(s, i)[0];
}
