/**
 * Local-time helpers for the time builtins. "Local" is the JS runtime's time zone (C++ uses the
 * process time zone; run both with TZ=UTC to compare). `strftime` covers the C-locale conversions.
 */

export interface TimeParts {
  year: number;
  mon: number; // 0-11
  mday: number;
  hour: number;
  min: number;
  sec: number;
  wday: number;
  yday: number; // 0-365
  gmtoff: number; // seconds east of UTC
}

/** Seconds since the epoch, now. */
export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

/** Seconds east of UTC of the local time zone at time `secs` (C++ `timezone_offset`). */
export function timezoneOffset(secs: number): number {
  return -new Date(secs * 1000).getTimezoneOffset() * 60;
}

/** C `localtime_r`. */
export function localParts(secs: number): TimeParts {
  const d = new Date(secs * 1000);
  const jan1 = new Date(d.getFullYear(), 0, 1);
  const day0 = new Date(d.getFullYear(), d.getMonth(), d.getDate());
  return {
    year: d.getFullYear(),
    mon: d.getMonth(),
    mday: d.getDate(),
    hour: d.getHours(),
    min: d.getMinutes(),
    sec: d.getSeconds(),
    wday: d.getDay(),
    yday: Math.round((day0.getTime() - jan1.getTime()) / 86400000),
    gmtoff: -d.getTimezoneOffset() * 60,
  };
}

const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];
const MONTHS = ['January', 'February', 'March', 'April', 'May', 'June', 'July', 'August', 'September', 'October', 'November', 'December'];

function pad(n: number, w: number, c = '0'): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : c.repeat(w - s.length) + s);
}

/** ISO 8601 week number and week-based year (for %G %g %V). */
function isoWeek(p: TimeParts): [number, number] {
  const wdayMon = (p.wday + 6) % 7; // Monday = 0
  let year = p.year;
  let week = Math.floor((p.yday - wdayMon + 10) / 7);
  const isLeap = (y: number): boolean => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  if (week < 1) {
    year--;
    const prevYday = p.yday + (isLeap(year) ? 366 : 365);
    week = Math.floor((prevYday - wdayMon + 10) / 7);
  } else {
    const daysInYear = isLeap(year) ? 366 : 365;
    if (p.yday - wdayMon + 3 >= daysInYear) {
      year++;
      week = 1;
    }
  }
  return [year, week];
}

/** C `strftime` in the C locale (output limited to 1023 bytes like the C++ caller's buffer). */
export function strftime(fmt: string, p: TimeParts): string {
  let out = '';
  for (let i = 0; i < fmt.length; i++) {
    const c = fmt[i];
    if (c !== '%' || i + 1 >= fmt.length) {
      out += c;
      continue;
    }
    let f = fmt[++i] as string;
    // glibc flags/modifiers E and O are accepted and ignored in the C locale
    if (f === 'E' || f === 'O') f = fmt[++i] ?? '';
    switch (f) {
      case 'a':
        out += (DAYS[p.wday] ?? '?').slice(0, 3);
        break;
      case 'A':
        out += DAYS[p.wday] ?? '?';
        break;
      case 'b':
      case 'h':
        out += (MONTHS[p.mon] ?? '?').slice(0, 3);
        break;
      case 'B':
        out += MONTHS[p.mon] ?? '?';
        break;
      case 'c':
        out += strftime('%a %b %e %H:%M:%S %Y', p);
        break;
      case 'C':
        out += pad(Math.floor(p.year / 100), 2);
        break;
      case 'd':
        out += pad(p.mday, 2);
        break;
      case 'D':
        out += strftime('%m/%d/%y', p);
        break;
      case 'e':
        out += pad(p.mday, 2, ' ');
        break;
      case 'F':
        out += strftime('%Y-%m-%d', p);
        break;
      case 'G':
        out += String(isoWeek(p)[0]);
        break;
      case 'g':
        out += pad(isoWeek(p)[0] % 100, 2);
        break;
      case 'H':
        out += pad(p.hour, 2);
        break;
      case 'I':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, 2);
        break;
      case 'j':
        out += pad(p.yday + 1, 3);
        break;
      case 'k':
        out += pad(p.hour, 2, ' ');
        break;
      case 'l':
        out += pad(p.hour % 12 === 0 ? 12 : p.hour % 12, 2, ' ');
        break;
      case 'm':
        out += pad(p.mon + 1, 2);
        break;
      case 'M':
        out += pad(p.min, 2);
        break;
      case 'n':
        out += '\n';
        break;
      case 'p':
        out += p.hour < 12 ? 'AM' : 'PM';
        break;
      case 'P':
        out += p.hour < 12 ? 'am' : 'pm';
        break;
      case 'r':
        out += strftime('%I:%M:%S %p', p);
        break;
      case 'R':
        out += strftime('%H:%M', p);
        break;
      case 's':
        out += String(Math.floor(Date.UTC(p.year, p.mon, p.mday, p.hour, p.min, p.sec) / 1000) - p.gmtoff);
        break;
      case 'S':
        out += pad(p.sec, 2);
        break;
      case 't':
        out += '\t';
        break;
      case 'T':
        out += strftime('%H:%M:%S', p);
        break;
      case 'u':
        out += String(p.wday === 0 ? 7 : p.wday);
        break;
      case 'U':
        out += pad(Math.floor((p.yday + 7 - p.wday) / 7), 2);
        break;
      case 'V':
        out += pad(isoWeek(p)[1], 2);
        break;
      case 'w':
        out += String(p.wday);
        break;
      case 'W':
        out += pad(Math.floor((p.yday + 7 - ((p.wday + 6) % 7)) / 7), 2);
        break;
      case 'x':
        out += strftime('%m/%d/%y', p);
        break;
      case 'X':
        out += strftime('%H:%M:%S', p);
        break;
      case 'y':
        out += pad(((p.year % 100) + 100) % 100, 2);
        break;
      case 'Y':
        out += String(p.year);
        break;
      case 'z': {
        const o = Math.abs(p.gmtoff);
        out += (p.gmtoff < 0 ? '-' : '+') + pad(Math.floor(o / 3600), 2) + pad(Math.floor(o / 60) % 60, 2);
        break;
      }
      case 'Z':
        out += p.gmtoff === 0 ? 'GMT' : '';
        break;
      case '%':
        out += '%';
        break;
      default:
        out += '%' + f;
    }
  }
  return out.length > 1023 ? '' : out;
}
