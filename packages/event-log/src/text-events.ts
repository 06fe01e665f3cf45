/**
 * Text event bodies, one reader per event type, following each C++ `readEvent` in condor_event.cpp (23.9.6):
 * what it requires (a failed requirement is a parse error, as ULOG_RD_ERROR), what it tolerates, and how it
 * turns text into values. `lines[0]` is the rest of the header line; the sync line `...` is not included.
 */
import { ClassAd, ExprTree, Literal, parseExpression, type ClassAdValue } from '@htcondor-ts/classad';
import { ctrim, sscanf } from './scan.js';
import { ZERO_RUSAGE, formatRusage, type Extras, type Rec } from './model.js';
import { isoToUtcSeconds } from './time.js';

/** AssignExpr and ParseLongFormAttrValue parse whole old-syntax expressions: trailing text makes the parse fail. */
const parseOldValue = (text: string): ExprTree => parseExpression(text, { old: true, full: true });

/**
 * C++ ClassAd::Insert("name = value"), used for job ad and future-event lines: the name is the text before the first
 * '=' (leading white space and trailing spaces dropped), and the value is parsed without requiring the whole rest of
 * the line to be consumed, so trailing junk is ignored. Returns false where Insert fails.
 */
function insertLine(ad: ClassAd, line: string): boolean {
  const sp = splitLongForm(line);
  if (!sp || sp.name[0] === "'") return false;
  try {
    ad.insert(sp.name, parseExpression(sp.rhs, { old: true, full: false }));
    return true;
  } catch {
    return false;
  }
}

/** C++ SplitLongFormAttrValue: the name may hold any character but '=' (only trailing spaces are dropped). */
function splitLongForm(line: string): { name: string; rhs: string } | null {
  let i = 0;
  while (i < line.length && (line.charCodeAt(i) === 32 || (line.charCodeAt(i) >= 9 && line.charCodeAt(i) <= 13))) i++;
  const eq = line.indexOf('=', i);
  if (eq < 0) return null;
  let e = eq;
  while (e > i && line[e - 1] === ' ') e--;
  if (e === i) return null;
  let r = eq + 1;
  while (line[r] === ' ') r++;
  return { name: line.slice(i, e), rhs: line.slice(r) };
}

/** The lines of one event and a read position (C++ ULogFile with its stashed header remainder). */
export class Lines {
  i = 0;
  constructor(readonly lines: readonly string[]) {}
  /** read_optional_line: the next line, or undefined at the sync line */
  next(): string | undefined {
    return this.i < this.lines.length ? this.lines[this.i++] : undefined;
  }
  /** read_line_value: the text after `prefix`, or undefined if the line is missing or lacks the prefix */
  value(prefix: string): string | undefined {
    const l = this.next();
    return l !== undefined && l.startsWith(prefix) ? l.slice(prefix.length) : undefined;
  }
  get atSync(): boolean {
    return this.i >= this.lines.length;
  }
}

type Reader = (c: Lines, r: Rec, x: Extras) => boolean;

/** C++ replace_str(line, marker, ""): every occurrence removed, wherever it is; undefined when there is none. */
function removeAll(line: string, marker: string): string | undefined {
  if (!line.includes(marker)) return undefined;
  return line.split(marker).join('');
}

/** The usual shape of a usage line, read without the general sscanf (the values are the same). */
const RUSAGE = /^\t+Usr (\d+) (\d\d):(\d\d):(\d\d), Sys (\d+) (\d\d):(\d\d):(\d\d)/;

const ZERO_LINE = '\t\tUsr 0 00:00:00, Sys 0 00:00:00  -  ';

function rusage(c: Lines, r: Rec, name: string): boolean {
  const l = c.next();
  if (l === undefined) return false;
  if (l.startsWith(ZERO_LINE)) {
    r[name] = ZERO_RUSAGE;
    return true;
  }
  const f = RUSAGE.exec(l);
  if (f) {
    const usr = +f[4]! + +f[3]! * 60 + +f[2]! * 3600 + +f[1]! * 86400;
    const sys = +f[8]! + +f[7]! * 60 + +f[6]! * 3600 + +f[5]! * 86400;
    r[name] = usr === 0 && sys === 0 ? ZERO_RUSAGE : formatRusage(usr, sys);
    return true;
  }
  const m = sscanf(l, '\tUsr %d %d:%d:%d, Sys %d %d:%d:%d');
  if (m.count < 8) return false;
  const v = m.vals as number[];
  r[name] = formatRusage(v[3]! + v[2]! * 60 + v[1]! * 3600 + v[0]! * 86400, v[7]! + v[6]! * 60 + v[5]! * 3600 + v[4]! * 86400);
  return true;
}

/** A literal value from unparsed ClassAd text, as AssignExpr + Evaluate would give (undefined if it does not parse). */
function exprValue(text: string): ClassAdValue | undefined {
  const t = ctrim(text);
  if (t === '') return undefined;
  // a plain decimal (no leading zero: C++ rejects those in old syntax) needs no parser
  if (/^-?(?:0|[1-9]\d{0,14})$/.test(t)) return BigInt(t);
  try {
    const e = parseOldValue(t);
    return e instanceof Literal ? e.value : new ClassAd().evaluate(e);
  } catch {
    return undefined;
  }
}

/** ParseLongFormAttrValue: `\tName = value` into an ad. */
function propLine(line: string, ad: ClassAd): void {
  const sp = splitLongForm(line);
  if (!sp) return;
  try {
    ad.insert(sp.name, parseOldValue(sp.rhs));
  } catch {
    /* C++ ignores property lines it cannot parse */
  }
}

function execute(c: Lines, r: Rec, x: Extras, node: boolean): boolean {
  if (node) {
    const l = c.next();
    if (l === undefined) return false;
    const m = sscanf(l, 'Node %d executing on host: ');
    if (m.count !== 1) return false;
    r['Node'] = m.vals[0] as number;
    // C++ takes the text after the first ':' and crashes (a NULL pointer) when there is none; we call it corrupt
    const colon = l.indexOf(':');
    if (colon < 0) return false;
    r['ExecuteHost'] = ctrim(l.slice(colon + 1));
  } else {
    const h = c.value('Job executing on host: ');
    if (h === undefined) return false;
    r['ExecuteHost'] = h;
  }
  let props: ClassAd | undefined;
  const l = c.next();
  if (l === undefined) return true;
  if (l.startsWith('\tSlotName:')) {
    let s = ctrim(l.slice(l.indexOf(':') + 1));
    // C++ trim_quotes: a quote at either end goes, independently, when the text has two characters or more
    if (s.length >= 2) {
      if (s[0] === '"') s = s.slice(1);
      if (s.endsWith('"')) s = s.slice(0, -1);
    }
    r['SlotName'] = s;
  } else propLine(l, (props ??= new ClassAd()));
  for (let p = c.next(); p !== undefined; p = c.next()) propLine(p, (props ??= new ClassAd()));
  if (props && props.size > 0) (x.after ??= []).push(['ExecuteProps', props]);
  return true;
}

/** `\t(1) Normal termination (return value N)` / `\t(0) Abnormal termination (signal N)` + core line. */
const NORMAL = /^\t\((\d)\) Normal termination \(return value (\d{1,9})\)$/;

function termination(c: Lines, r: Rec): boolean {
  const l = c.next();
  if (l === undefined) return false;
  // the usual normal-exit line, read without sscanf (same values)
  const f = NORMAL.exec(l);
  if (f && f[1] !== '0') {
    r['TerminatedNormally'] = true;
    r['ReturnValue'] = Number(f[2]);
    return true;
  }
  const m = sscanf(l, '\t(%d) %127[^\r\n]');
  if (m.count !== 2) return false;
  const rest = m.vals[1] as string;
  if (m.vals[0] !== 0) {
    r['TerminatedNormally'] = true;
    const v = sscanf(rest, 'Normal termination (return value %d)');
    if (v.count !== 1) return false;
    r['ReturnValue'] = v.vals[0] as number;
  } else {
    r['TerminatedNormally'] = false;
    const v = sscanf(rest, 'Abnormal termination (signal %d)');
    if (v.count !== 1) return false;
    r['TerminatedBySignal'] = v.vals[0] as number;
    const core = c.next();
    if (core === undefined) return false;
    const t = ctrim(core);
    if (t.startsWith('(1) Corefile in: ')) r['CoreFile'] = t.slice(17);
    else if (!t.startsWith('(0)')) return false;
  }
  return true;
}

/** UsageLineParser: column edges from the table's header line. */
class UsageColumns {
  use: number;
  req: number;
  alloc = -1;
  assigned = -1;
  constructor(h: string) {
    const colon = h.indexOf(':');
    const tbl = h.slice(colon < 0 ? 1 : colon + 1);
    let p = 0;
    while (tbl[p] === ' ') p++;
    while (p < tbl.length && tbl[p] !== ' ') p++;
    this.use = p + 1;
    while (tbl[p] === ' ') p++;
    while (p < tbl.length && tbl[p] !== ' ') p++;
    this.req = p + 1;
    while (tbl[p] === ' ') p++;
    if (p < tbl.length) {
      const a = tbl.indexOf('Allocated', p);
      if (a >= 0) {
        this.alloc = a + 9;
        const s = tbl.indexOf('Assigned', a);
        if (s >= 0) this.assigned = s;
      }
    }
  }

  parse(line: string, out: Map<string, ClassAdValue>, order: string[]): void {
    let p = 0;
    while (line[p] === '\t' || line[p] === ' ') p++;
    let e = p;
    while (e < line.length && line[e] !== ' ' && line[e] !== ':') e++;
    const tag = line.slice(p, e);
    const colon = line.indexOf(':', e);
    if (colon < 0) return;
    const tbl = line.slice(colon + 1);
    const put = (name: string, text: string): void => {
      const v = exprValue(text);
      const key = name.toLowerCase();
      if (v === undefined) {
        // AssignExpr of text that does not parse leaves the attribute as it was
        return;
      }
      if (!out.has(key)) order.push(name);
      out.set(key, v);
    };
    put(tag + 'Usage', tbl.slice(0, this.use));
    put('Request' + tag, tbl.slice(this.use, this.req));
    if (this.alloc > 0) put(tag, tbl.slice(this.req, this.alloc));
    if (this.assigned > 0) put('Assigned' + tag, tbl.slice(this.assigned));
  }
}

const BYTES = /^\t(\d{1,7})  -  (Run|Total) Bytes (Sent|Received) By (Job|Node)$/;

/** TerminatedEvent::readEventBody: termination, four rusage lines, byte counts, then the resources table. */
function terminatedBody(c: Lines, r: Rec, x: Extras, who: string): boolean {
  if (!termination(c, r)) return false;
  if (!rusage(c, r, 'RunRemoteUsage') || !rusage(c, r, 'RunLocalUsage') || !rusage(c, r, 'TotalRemoteUsage') || !rusage(c, r, 'TotalLocalUsage')) return false;
  let cols: UsageColumns | undefined;
  let usage: Map<string, ClassAdValue> | undefined;
  let order: string[] = [];
  for (let l = c.next(); l !== undefined; l = c.next()) {
    if (cols && usage) {
      if (l.indexOf(':') < 0) break;
      cols.parse(l, usage, order);
      continue;
    }
    // the usual shape first; anything else goes through sscanf as in C++
    const f = BYTES.exec(l);
    const m = f ? { count: 4, vals: [Number(f[1]), f[2]!, f[3]!, f[4]!] } : sscanf(l, '\t%f  -  %5s Bytes %8s By %21s');
    if (m.count === 4) {
      if (m.vals[3] !== who) continue;
      // C++ reads the count into a float before storing it in a double
      const val = Math.fround(m.vals[0] as number);
      const run = m.vals[1],
        dir = m.vals[2];
      if (run === 'Run') {
        if (dir === 'Sent') r['SentBytes'] = val;
        else if (dir === 'Received') r['ReceivedBytes'] = val;
      } else if (run === 'Total') {
        if (dir === 'Sent') r['TotalSentBytes'] = val;
        else if (dir === 'Received') r['TotalReceivedBytes'] = val;
      }
      continue;
    }
    if (l.startsWith('\tPartitionable ') || l.startsWith('\tResources')) {
      usage = new Map();
      order = [];
      cols = new UsageColumns(l);
      continue;
    }
    break;
  }
  if (usage && usage.size) x.usage = order.map((n) => [n, usage.get(n.toLowerCase()) as ClassAdValue]);
  return true;
}

/** ToE ad of "Job terminated of its own accord at <iso> [with signal|exit-code N]." */
function toeOwnAccord(text: string): ClassAd {
  const ad = new ClassAd();
  ad.set('Who', 'itself');
  ad.set('How', 'OF_ITS_OWN_ACCORD');
  ad.set('HowCode', 0n);
  ad.set('When', BigInt(isoToUtcSeconds(text)));
  const w = text.indexOf(' with ');
  if (w >= 0) {
    const m = sscanf(text.slice(w), ' with %15s %d');
    if (m.count === 2) {
      if (m.vals[0] === 'signal') {
        ad.set('ExitBySignal', true);
        ad.set('ExitSignal', BigInt(m.vals[1] as number));
      } else if (m.vals[0] === 'exit-code') {
        ad.set('ExitBySignal', false);
        ad.set('ExitCode', BigInt(m.vals[1] as number));
      }
    }
  }
  return ad;
}

/** ToE ad of "Job terminated by <who> at <iso> (using method N: <how>)." (ToE::Tag::readFromString + encode). */
function toeByTag(text: string): ClassAd | null {
  const at = text.indexOf(' at ');
  if (at < 0) return null;
  const who = text.slice(0, at);
  const using = text.indexOf(' (using method ', at + 4);
  if (using < 0) return null;
  const whenText = text.slice(at + 4, using);
  let p = using + 15;
  const colon = text.indexOf(': ', p);
  if (colon < 0) return null;
  const codeText = text.slice(p, colon);
  if (!/^\s*[+-]?\d+$/.test(codeText)) return null;
  p = colon + 2;
  const end = text.indexOf(').', p);
  if (end < 0) return null;
  if (end + 2 < text.length) return null;
  const how = text.slice(p, end);
  const ad = new ClassAd();
  ad.set('Who', who);
  ad.set('How', how);
  ad.set('HowCode', BigInt(Number.parseInt(codeText, 10)));
  // readFromString keeps When as decimal seconds, and encode reads that string back as an ISO date
  ad.set('When', BigInt(isoToUtcSeconds(String(isoToUtcSeconds(whenText)))));
  if (Number.parseInt(codeText, 10) === 0) {
    ad.set('ExitBySignal', true);
    ad.set('ExitSignal', 0n);
  }
  return ad;
}

function reasonLine(c: Lines, r: Rec, name: string): void {
  const l = c.next();
  if (l !== undefined) r[name] = ctrim(l);
}

/** JobAborted / DataflowJobSkipped: optional reason, then an optional ToE line. */
function abortedTail(c: Lines, r: Rec, x: Extras): boolean {
  reasonLine(c, r, 'Reason');
  if (c.atSync) return true;
  let l = c.next();
  if (l !== undefined) {
    if (l === '') {
      l = c.next();
      if (l === undefined) return false;
    }
    const by = removeAll(l, '\tJob terminated by ');
    if (by === undefined) return false;
    const t = toeByTag(by);
    if (!t) return false;
    (x.after ??= []).push(['ToE', t]);
  }
  return true;
}

const FT_STRINGS = [
  'NONE',
  'Entered queue to transfer input files',
  'Started transferring input files',
  'Finished transferring input files',
  'Entered queue to transfer output files',
  'Started transferring output files',
  'Finished transferring output files',
];

export const TEXT_READERS: Readonly<Record<number, Reader>> = {
  0: (c, r) => {
    const h = c.value('Job submitted from host: ');
    if (h === undefined) return false;
    r['SubmitHost'] = h;
    let l = c.next();
    if (l === undefined) return true;
    r['LogNotes'] = ctrim(l);
    l = c.next();
    if (l === undefined) return true;
    r['UserNotes'] = ctrim(l);
    l = c.next();
    if (l !== undefined) r['Warnings'] = l;
    return true;
  },
  1: (c, r, x) => execute(c, r, x, false),
  2: (c, r) => {
    const l = c.value('(');
    if (l === undefined) return false;
    const m = /^\s*([+-]?\d+)\)/.exec(l);
    if (!m) return false;
    r['ExecuteErrorType'] = Number.parseInt(m[1]!, 10);
    return true;
  },
  3: (c, r) => {
    if (c.value('Job was checkpointed.') === undefined) return false;
    if (!rusage(c, r, 'RunRemoteUsage') || !rusage(c, r, 'RunLocalUsage')) return false;
    const l = c.next();
    if (l === undefined) return true;
    const m = sscanf(l, '\t%lf  -  Run Bytes Sent By Job For Checkpoint');
    if (m.count >= 1) r['SentBytes'] = m.vals[0] as number;
    return true;
  },
  4: (c, r) => {
    if (c.value('Job was evicted.') === undefined) return false;
    const l = c.next();
    if (l === undefined) return false;
    const m = sscanf(l, '\t(%d) %127[a-zA-z ]');
    if (m.count !== 2) return false;
    r['Checkpointed'] = m.vals[0] !== 0;
    const requeued = (m.vals[1] as string).startsWith('Job terminated and was requeued');
    r['TerminatedAndRequeued'] = requeued;
    if (!rusage(c, r, 'RunRemoteUsage') || !rusage(c, r, 'RunLocalUsage')) return false;
    const s = c.next();
    if (s === undefined) return true;
    const ms = sscanf(s, '\t%lf  -  Run Bytes Sent By Job');
    if (ms.count !== 1) return true;
    r['SentBytes'] = ms.vals[0] as number;
    const v = c.next();
    if (v === undefined) return true;
    const mr = sscanf(v, '\t%lf  -  Run Bytes Received By Job');
    if (mr.count !== 1) return true;
    r['ReceivedBytes'] = mr.vals[0] as number;
    if (!requeued) return true;
    if (!termination(c, r)) return false;
    reasonLine(c, r, 'Reason');
    return true;
  },
  5: (c, r, x) => {
    if (c.value('Job terminated.') === undefined) return false;
    if (!terminatedBody(c, r, x, 'Job')) return false;
    if (c.atSync) return true;
    let l = c.next();
    if (l === undefined) return true;
    if (l === '') {
      // C++ fails when a line follows an empty one here; the table reader has usually consumed that empty line
      if (c.next() !== undefined) return false;
      l = '';
    }
    const own = removeAll(l, '\tJob terminated of its own accord at ');
    const by = own === undefined ? removeAll(l, '\tJob terminated by ') : undefined;
    if (own !== undefined) (x.after ??= []).push(['ToE', toeOwnAccord(own)]);
    else if (by !== undefined) {
      const t = toeByTag(by);
      if (!t) return false;
      (x.after ??= []).push(['ToE', t]);
    } else return false;
    return true;
  },
  6: (c, r) => {
    const v = c.value('Image size of job updated: ');
    if (v === undefined) return false;
    const m = /^\s*([+-]?\d+)/.exec(v);
    if (!m) return false;
    r['Size'] = Number.parseInt(m[1]!, 10);
    for (let l = c.next(); l !== undefined; l = c.next()) {
      const mm = /^\s*([+-]?\d+)\s+-\s*(\S*)/.exec(l);
      if (!mm) break;
      const lbl = mm[2]!.toLowerCase();
      const val = Number.parseInt(mm[1]!, 10);
      if (lbl === 'memoryusage') r['MemoryUsage'] = val;
      else if (lbl === 'residentsetsize') r['ResidentSetSize'] = val;
      else if (lbl === 'proportionalsetsize') r['ProportionalSetSize'] = val;
      else break;
    }
    return true;
  },
  7: (c, r) => {
    if (c.value('Shadow exception!') === undefined) return false;
    const msg = c.next();
    if (msg === undefined) return true;
    r['Message'] = ctrim(msg);
    const s = c.next();
    if (s === undefined) return true;
    const ms = sscanf(s, '\t%lf  -  Run Bytes Sent By Job');
    if (ms.count !== 1) return true;
    r['SentBytes'] = ms.vals[0] as number;
    const v = c.next();
    if (v === undefined) return true;
    const mr = sscanf(v, '\t%lf  -  Run Bytes Received By Job');
    if (mr.count === 1) r['ReceivedBytes'] = mr.vals[0] as number;
    return true;
  },
  8: (c, r) => {
    const l = c.next();
    if (l === undefined || l.length >= 1024) return false;
    r['Info'] = l;
    return true;
  },
  9: (c, r, x) => {
    if (c.value('Job was aborted') === undefined) return false;
    return abortedTail(c, r, x);
  },
  10: (c, r) => {
    if (c.value('Job was suspended.') === undefined) return false;
    const l = c.next();
    if (l === undefined) return false;
    const m = sscanf(l, '\tNumber of processes actually suspended: %d');
    if (m.count !== 1) return false;
    r['NumberOfPIDs'] = m.vals[0] as number;
    return true;
  },
  11: (c) => c.value('Job was unsuspended.') !== undefined,
  12: (c, r) => {
    if (c.value('Job was held.') === undefined) return false;
    const l = c.next();
    if (l === undefined) return true;
    const t = ctrim(l);
    if (t !== 'Reason unspecified') r['HoldReason'] = t;
    const k = c.next();
    if (k === undefined) return true;
    const m = sscanf(k, '\tCode %d Subcode %d');
    if (m.count !== 2) return true;
    r['HoldReasonCode'] = m.vals[0] as number;
    r['HoldReasonSubCode'] = m.vals[1] as number;
    return true;
  },
  13: (c, r) => {
    if (c.value('Job was released.') === undefined) return false;
    const l = c.next();
    if (l === undefined) return true;
    const t = ctrim(l);
    if (t) r['Reason'] = t;
    return true;
  },
  14: (c, r, x) => execute(c, r, x, true),
  15: (c, r, x) => {
    const l = c.next();
    if (l === undefined) return false;
    const m = sscanf(l, 'Node %d terminated.');
    if (m.count !== 1) return false;
    r['Node'] = m.vals[0] as number;
    return terminatedBody(c, r, x, 'Node');
  },
  16: (c, r) => {
    if (c.value('POST Script terminated.') === undefined) return false;
    const l = c.next();
    if (l === undefined) return false;
    const m = sscanf(l, '\t(%d) %127[^\r\n]');
    if (m.count !== 2) return false;
    const normal = m.vals[0] === 1;
    r['TerminatedNormally'] = normal;
    const v = sscanf(m.vals[1] as string, normal ? 'Normal termination (return value %d)' : 'Abnormal termination (signal %d)');
    if (v.count !== 1) return false;
    r[normal ? 'ReturnValue' : 'TerminatedBySignal'] = v.vals[0] as number;
    const n = c.next();
    if (n === undefined) return true;
    const t = ctrim(n);
    if (t.startsWith('DAG Node: ')) r['DAGNodeName'] = t.slice(10);
    return true;
  },
  21: (c, r, x) => {
    const first = c.next();
    if (first === undefined) return false;
    let line = ctrim(first);
    const ix = line.indexOf(' from ');
    if (ix < 0) return false;
    const errorType = ctrim(line.slice(0, ix));
    line = ctrim(line.slice(ix + 6));
    const on = line.indexOf(' on ');
    if (on > 0) {
      r['Daemon'] = ctrim(line.slice(0, on));
      line = ctrim(line.slice(on + 4));
    }
    if (line.endsWith(':')) line = line.slice(0, -1);
    r['ExecuteHost'] = line;
    const critical = errorType !== 'Warning';
    let msg = '';
    let code = 0,
      sub = 0;
    for (let l = c.next(); l !== undefined; l = c.next()) {
      const s = l.startsWith('\t') ? l.slice(1) : l;
      const m = sscanf(s, 'Code %d Subcode %d');
      if (m.count === 2) {
        code = m.vals[0] as number;
        sub = m.vals[1] as number;
        break;
      }
      if (msg.length) msg += '\n';
      msg += s;
    }
    r['ErrorMsg'] = msg;
    const tail: [string, ClassAdValue][] = [];
    if (!critical) tail.push(['CriticalError', 0n]);
    if (code) tail.push(['HoldReasonCode', BigInt(code)], ['HoldReasonSubCode', BigInt(sub)]);
    if (tail.length) x.tail = tail;
    return true;
  },
  22: (c, r, x) => {
    if (c.next() === undefined) return false;
    const l = c.next();
    if (l === undefined || !l.startsWith('    ') || l.length < 5) return false;
    r['DisconnectReason'] = l.slice(4);
    const t = c.next();
    const rest = t === undefined ? undefined : removeAll(t, '    Trying to reconnect to ');
    if (rest === undefined) return false;
    const sp = rest.indexOf(' ');
    if (sp < 0) return false;
    r['StartdAddr'] = rest.slice(sp + 1);
    r['StartdName'] = rest.slice(0, sp);
    x.tail = [['EventDescription', 'Job disconnected, attempting to reconnect']];
    return true;
  },
  23: (c, r, x) => {
    const fields: [string, string][] = [
      ['StartdName', 'Job reconnected to '],
      ['StartdAddr', '    startd address: '],
      ['StarterAddr', '    starter address: '],
    ];
    for (const [name, marker] of fields) {
      const l = c.next();
      const v = l === undefined ? undefined : removeAll(l, marker);
      if (v === undefined) return false;
      r[name] = v;
    }
    x.tail = [['EventDescription', 'Job reconnected']];
    return true;
  },
  24: (c, r, x) => {
    if (c.next() === undefined) return false;
    const l = c.next();
    if (l === undefined || !l.startsWith('    ') || l.length < 5) return false;
    r['Reason'] = l.slice(4);
    const t = c.next();
    const rest = t === undefined ? undefined : removeAll(t, '    Can not reconnect to ');
    if (rest === undefined) return false;
    const comma = rest.indexOf(',');
    if (comma < 0) return false;
    r['StartdName'] = rest.slice(0, comma);
    x.tail = [['EventDescription', 'Job reconnect impossible: rescheduling job']];
    return true;
  },
  25: (c, r) => c.value('Grid Resource Back Up') !== undefined && setValue(r, 'GridResource', c.value('    GridResource: ')),
  26: (c, r) => c.value('Detected Down Grid Resource') !== undefined && setValue(r, 'GridResource', c.value('    GridResource: ')),
  27: (c, r) =>
    c.value('Job submitted to grid resource') !== undefined &&
    setValue(r, 'GridResource', c.value('    GridResource: ')) &&
    setValue(r, 'GridJobId', c.value('    GridJobId: ')),
  28: (c, _r, x) => {
    if (c.value('Job ad information event triggered.') === undefined) return false;
    const ad = new ClassAd();
    let n = 0;
    for (let l = c.next(); l !== undefined; l = c.next()) {
      if (!insertLine(ad, l)) return false;
      n++;
    }
    x.jobAd = ad;
    return n > 0;
  },
  29: (c) => c.value("The job's remote status is unknown") !== undefined,
  30: (c) => c.value("The job's remote status is known again") !== undefined,
  33: (c, r) => {
    const l = c.next();
    if (l === undefined) return false;
    // C++ checks only for sscanf's EOF, so a "Setting ..." line leaves every field empty
    let m = sscanf(l, 'Changing job attribute %s from %s to %s');
    if (m.count < 0) {
      m = sscanf(l, 'Setting job attribute %s to %s');
      if (m.count < 0) return false;
      r['Attribute'] = (m.vals[0] as string | undefined) ?? '';
      r['Value'] = (m.vals[1] as string | undefined) ?? '';
      return true;
    }
    r['Attribute'] = (m.vals[0] as string | undefined) ?? '';
    r['Value'] = (m.vals[2] as string | undefined) ?? '';
    return true;
  },
  34: (c, r) => {
    if (c.next() === undefined) return false;
    const l = c.next();
    if (l === undefined) return false;
    const t = ctrim(l);
    r['SkipEventLogNotes'] = t;
    return t !== '';
  },
  35: (c, r) => {
    const h = c.value('Cluster submitted from host: ');
    if (h === undefined) return false;
    r['SubmitHost'] = h;
    return true;
  },
  36: (c, r) => {
    let l = c.next();
    if (l === undefined) return true;
    if (l.includes('remove') || l.includes('Remove')) {
      l = c.next();
      if (l === undefined) return true;
    }
    let p = l.replace(/^\s+/, '');
    const m = sscanf(p, 'Materialized %d jobs from %d items.');
    // sscanf stores each value it converts into the event's fields, even when a later one fails
    if (m.count >= 1) r['NextProcId'] = m.vals[0] as number;
    if (m.count >= 2) r['NextRow'] = m.vals[1] as number;
    if (m.count === 2) p = p.slice(p.indexOf('items.') + 6).replace(/^\s+/, '');
    const lp = p.toLowerCase();
    if (lp.startsWith('error')) {
      const code = Number.parseInt(p.slice(5), 10) || 0;
      r['Completion'] = code < 0 ? code : -1;
    } else if (lp.startsWith('complete')) r['Completion'] = 1;
    else if (lp.startsWith('paused')) r['Completion'] = 2;
    else r['Completion'] = 0;
    const n = c.next();
    if (n === undefined) return true;
    const t = n.replace(/^\s+/, '');
    if (t) r['Notes'] = t;
    return true;
  },
  37: (c, r) => {
    let l = c.next();
    if (l === undefined) return true;
    if (l.includes('pause') || l.includes('Pause')) {
      l = c.next();
      if (l === undefined) return true;
    }
    const t = l.replace(/^\s+/, '');
    if (t) r['Reason'] = t;
    for (let k = c.next(); k !== undefined; k = c.next()) {
      let rest = k;
      const pc = rest.indexOf('PauseCode ');
      if (pc >= 0) {
        const m = /^\s*[+-]?\d*/.exec(rest.slice(pc + 10))!;
        r['PauseCode'] = Number.parseInt(m[0], 10) || 0;
        rest = rest.slice(pc + 10 + m[0].length);
        if (!rest.includes('HoldCode')) continue;
      }
      const hc = rest.indexOf('HoldCode ');
      if (hc >= 0) {
        r['HoldCode'] = Number.parseInt(rest.slice(hc + 9), 10) || 0;
        continue;
      }
      break;
    }
    return true;
  },
  38: (c, r) => {
    let l = c.next();
    if (l === undefined) return true;
    if (l.includes('resume') || l.includes('Resume')) {
      l = c.next();
      if (l === undefined) return true;
    }
    const t = l.replace(/^\s+/, '');
    if (t) r['Reason'] = t;
    return true;
  },
  40: (c, r) => {
    const s = c.next();
    if (s === undefined) return false;
    const t = FT_STRINGS.indexOf(s);
    if (t < 1) return false;
    r['Type'] = t;
    let l = c.next();
    if (l === undefined) return c.atSync;
    if (l.startsWith('\tSeconds spent in queue: ')) {
      const v = l.slice(25);
      if (!/^\s*[+-]?\d+$/.test(v)) return false;
      r['QueueingDelay'] = Number.parseInt(v, 10);
      l = c.next();
      if (l === undefined) return c.atSync;
    }
    if (l.startsWith('\tTransferring to host: ')) r['Host'] = l.slice(23);
    return true;
  },
  41: (c, r) => {
    const b = c.next();
    if (b === undefined) return false;
    if (!b.startsWith('Bytes reserved:')) return false;
    r['ReservedSpace'] = Number.parseInt(b.slice(15), 10);
    if (Number.isNaN(r['ReservedSpace'])) return false;
    const e = c.next();
    if (e === undefined || !e.startsWith('\tReservation Expiration:')) return false;
    r['ExpirationTime'] = Number.parseInt(e.slice(24), 10);
    if (Number.isNaN(r['ExpirationTime'])) return false;
    return setValue(r, 'UUID', c.value('\tReservation UUID: ')) && setValue(r, 'Tag', c.value('\tTag: '));
  },
  42: (c, r) => setValue(r, 'UUID', c.value('Reservation UUID: ')),
  43: (c, r) => {
    const b = c.next();
    if (b === undefined || !b.startsWith('Bytes:')) return false;
    r['Size'] = Number.parseInt(b.slice(6), 10);
    if (Number.isNaN(r['Size'])) return false;
    return setValue(r, 'Checksum', c.value('\tChecksum Value: ')) && setValue(r, 'ChecksumType', c.value('\tChecksum Type: ')) && setValue(r, 'UUID', c.value('\tUUID: '));
  },
  44: (c, r) =>
    setValue(r, 'Checksum', c.value('Checksum Value: ')) && setValue(r, 'ChecksumType', c.value('\tChecksum Type: ')) && setValue(r, 'Tag', c.value('\tTag: ')),
  45: (c, r) => {
    const b = c.next();
    if (b === undefined || !b.startsWith('Bytes:')) return false;
    r['Size'] = Number.parseInt(b.slice(6), 10);
    if (Number.isNaN(r['Size'])) return false;
    return setValue(r, 'Checksum', c.value('\tChecksum Value: ')) && setValue(r, 'ChecksumType', c.value('\tChecksum Type: ')) && setValue(r, 'Tag', c.value('\tTag: '));
  },
  46: (c, r, x) => {
    if (c.value('Dataflow job was skipped.') === undefined) return false;
    return abortedTail(c, r, x);
  },
};

function setValue(r: Rec, name: string, v: string | undefined): boolean {
  if (v === undefined) return false;
  r[name] = v;
  return true;
}

/** FutureEvent (unknown numbers): the first line is EventHead, later lines that are `attr = value` become attributes. */
export function readFuture(c: Lines, x: Extras): boolean {
  const head = c.next() ?? '';
  const tail: [string, ClassAdValue][] = [['EventHead', head]];
  const payload = new ClassAd();
  // lines that are not attribute assignments are dropped, as C++ does
  for (let l = c.next(); l !== undefined; l = c.next()) insertLine(payload, l);
  for (const [n, e] of payload.exprEntries()) tail.push([n, e instanceof Literal ? e.value : payload.evaluate(e)]);
  x.tail = tail;
  return true;
}
