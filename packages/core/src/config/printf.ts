/**
 * The subset of C printf that $INT(x,fmt), $REAL(x,fmt) and $STRING(x,fmt) accept: one conversion with flags,
 * width, precision and length modifiers. HTCondor validates the format first (parsePrintfFormat) and then
 * hands it to snprintf; we do both.
 */

export type PrintfKind = 'int' | 'float' | 'string';

interface Spec {
  start: number;
  end: number;
  flags: string;
  width: number | undefined;
  precision: number | undefined;
  conv: string;
}

const SPEC = /%([-+ #0]*)(\d+)?(?:\.(\d*))?(hh|h|ll|l|L|q|j|z|t)?([diouxXcfFeEgGaAs])/y;

function findSpec(fmt: string): Spec | undefined {
  for (let i = 0; i < fmt.length; i++) {
    if (fmt[i] !== '%') continue;
    if (fmt[i + 1] === '%') { i++; continue; }
    SPEC.lastIndex = i;
    const m = SPEC.exec(fmt);
    if (!m) return undefined;
    return {
      start: i,
      end: SPEC.lastIndex,
      flags: m[1] ?? '',
      width: m[2] === undefined ? undefined : Number(m[2]),
      precision: m[3] === undefined ? undefined : Number(m[3] || '0'),
      conv: m[5]!,
    };
  }
  return undefined;
}

/** The kind of value the format's (first) conversion takes, or undefined when there is none or it is invalid. */
export function printfKind(fmt: string): PrintfKind | undefined {
  const s = findSpec(fmt);
  if (!s) return undefined;
  if ('diouxXc'.includes(s.conv)) return 'int';
  if (s.conv === 's') return 'string';
  return 'float';
}

function pad(body: string, sign: string, spec: Spec, numeric: boolean): string {
  const width = spec.width ?? 0;
  const len = sign.length + body.length;
  if (len >= width) return sign + body;
  if (spec.flags.includes('-')) return sign + body + ' '.repeat(width - len);
  if (numeric && spec.flags.includes('0') && !(spec.precision !== undefined && 'diouxX'.includes(spec.conv))) {
    return sign + '0'.repeat(width - len) + body;
  }
  return ' '.repeat(width - len) + sign + body;
}

function expForm(x: number, prec: number, upper: boolean, alt: boolean): string {
  let s = x.toExponential(prec);
  const [mant, exp] = s.split('e') as [string, string];
  const e = Number(exp);
  s = `${alt && prec === 0 ? `${mant}.` : mant}e${e < 0 ? '-' : '+'}${String(Math.abs(e)).padStart(2, '0')}`;
  return upper ? s.toUpperCase() : s;
}

function gForm(x: number, precIn: number, upper: boolean, alt: boolean): string {
  const prec = precIn === 0 ? 1 : precIn;
  if (x === 0) return alt ? `0.${'0'.repeat(prec - 1)}` : '0';
  const exp = Number(x.toExponential(prec - 1).split('e')[1]);
  let s: string;
  if (prec > exp && exp >= -4) s = x.toFixed(prec - 1 - exp);
  else s = expForm(x, prec - 1, upper, alt);
  if (!alt) {
    // drop trailing zeros of the fraction (and a bare '.')
    s = s.replace(/(\.\d*?)0+(?=$|[eE])/, '$1').replace(/\.(?=$|[eE])/, '');
  }
  return upper ? s.toUpperCase() : s;
}

function formatOne(spec: Spec, arg: number | string): string {
  const { conv, flags } = spec;
  if (conv === 's') {
    let s = String(arg);
    if (spec.precision !== undefined) s = s.slice(0, spec.precision);
    return pad(s, '', spec, false);
  }
  if (conv === 'c') return pad(String.fromCharCode(Number(arg) & 0xff), '', spec, false);
  const x = Number(arg);
  if ('diouxX'.includes(conv)) {
    let n = Math.trunc(x);
    let sign = '';
    if (conv === 'd' || conv === 'i') {
      if (n < 0) { sign = '-'; n = -n; } else if (flags.includes('+')) sign = '+'; else if (flags.includes(' ')) sign = ' ';
    } else if (n < 0) {
      n = Number(BigInt.asUintN(64, BigInt(n)));
    }
    let body = conv === 'o' ? n.toString(8) : conv === 'x' ? n.toString(16) : conv === 'X' ? n.toString(16).toUpperCase() : String(n);
    if (spec.precision !== undefined) body = spec.precision === 0 && n === 0 ? '' : body.padStart(spec.precision, '0');
    if (flags.includes('#') && n !== 0) body = conv === 'o' ? `0${body}` : conv === 'x' ? `0x${body}` : conv === 'X' ? `0X${body}` : body;
    return pad(body, sign, spec, true);
  }
  let sign = '';
  let v = x;
  if (v < 0 || Object.is(v, -0)) { sign = '-'; v = -v; } else if (flags.includes('+')) sign = '+'; else if (flags.includes(' ')) sign = ' ';
  const upper = conv === conv.toUpperCase();
  if (!isFinite(v)) return pad(isNaN(v) ? (upper ? 'NAN' : 'nan') : upper ? 'INF' : 'inf', sign, { ...spec, flags: spec.flags.replace('0', '') }, true);
  const prec = spec.precision ?? 6;
  const alt = flags.includes('#');
  let body: string;
  switch (conv.toLowerCase()) {
    case 'f': body = v.toFixed(prec); if (alt && prec === 0) body += '.'; break;
    case 'e': body = expForm(v, prec, upper, alt); break;
    case 'a': body = v.toString(16); break;
    default: body = gForm(v, prec, upper, alt);
  }
  return pad(body, sign, spec, true);
}

/** snprintf(fmt, args...) for formats with zero or one conversion. */
export function formatPrintf(fmt: string, args: readonly (number | string)[]): string {
  let out = '';
  let i = 0;
  let argi = 0;
  while (i < fmt.length) {
    const c = fmt[i]!;
    if (c !== '%') { out += c; i++; continue; }
    if (fmt[i + 1] === '%') { out += '%'; i += 2; continue; }
    SPEC.lastIndex = i;
    const m = SPEC.exec(fmt);
    if (!m) { out += c; i++; continue; }
    const spec: Spec = {
      start: i, end: SPEC.lastIndex, flags: m[1] ?? '',
      width: m[2] === undefined ? undefined : Number(m[2]),
      precision: m[3] === undefined ? undefined : Number(m[3] || '0'), conv: m[5]!,
    };
    out += formatOne(spec, args[argi++] ?? 0);
    i = spec.end;
  }
  return out;
}
