/**
 * The configuration language parser: Parse_macros (files) and Parse_config_string (metaknob bodies) of
 * config.cpp, with `use`, `include`, `@=` here-values, if/elif/else, `error :` and `warning :`.
 * Portable: sources are read through ParseState.openSource, never from a file system directly.
 */
import {
  ConfigSourceError,
  ConfigSyntaxError,
  ConfigUserError,
  HTCondorConfigError,
} from './errors.js';
import { expandMacros, expandMetaArgs, expandSelf } from './expand.js';
import { IfStack } from './if-stack.js';
import type { IfEnvironment } from './ifexpr.js';
import { GetlineOptions, LineReader } from './lines.js';
import type { EvalContext, MacroSet, SourceRef } from './macro-set.js';
import { isIdChar, splitTokens } from './scan.js';

/** include/use nesting limit (CONFIG_MAX_NESTING_DEPTH). */
export const MAX_NESTING_DEPTH = 20;

export interface OpenedSource {
  /** The name to report (a file path, or "command |"). */
  readonly name: string;
  readonly text: string;
}

export interface ParseState {
  readonly set: MacroSet;
  readonly ctx: EvalContext;
  readonly ifEnv: IfEnvironment;
  /**
   * Reads a file, or runs a command when isCommand (or the name ends in '|'). Returns undefined when a file
   * does not exist; throws ConfigSourceError when a command fails. `into` caches a command's output in a file.
   */
  openSource(name: string, isCommand: boolean, into?: string): OpenedSource | undefined;
  /** Every source read, in order (condor_config_val -config). */
  readonly sources: string[];
}

const NEW_COMMENTS = GetlineOptions.CommentDoesntContinue | GetlineOptions.ContinueMayBeCommentedOut;
const isSpace = (c: string | undefined): boolean => c !== undefined && /^[ \t\n\r\v\f]$/.test(c);
const isOp = (c: string | undefined): boolean => c === '=' || c === ':';
const isBlank = (s: string): boolean => /^[ \t\n\r\v\f]*$/.test(s);

/** is_valid_param_name */
export const isValidParamName = (name: string): boolean => name.length > 0 && [...name].every(isIdChar);

/** Parses one configuration source into st.set. Throws HTCondorConfigError subclasses on anything HTCondor rejects. */
export function parseConfigSource(text: string, sourceName: string, depth: number, st: ParseState): void {
  const reader = new LineReader(text);
  const src: SourceRef = { name: sourceName, line: 0 };
  const fail = (msg: string): never => {
    throw new ConfigSyntaxError(msg, { source: sourceName, line: src.line });
  };
  let glOpt: number = NEW_COMMENTS;
  let strictColon = false;
  const ifs = new IfStack();
  let here: { name: string; tag: string; data: string } | undefined;

  for (;;) {
    const ll = reader.next(glOpt);
    if (!ll) {
      if (here) fail(`Found end-of-file while scanning for '@${here.tag}'`);
      break;
    }
    src.line = ll.line;
    let line = ll.text;
    if (line[0] === '#' || isBlank(line)) {
      const opt = line.toLowerCase();
      if (opt === '#opt:oldcomment') glOpt = 0;
      else if (opt === '#opt:newcomment') glOpt = NEW_COMMENTS;
      else if (opt === '#opt:strict') strictColon = true;
      continue;
    }
    if (here) {
      if (line[0] === '@' && line.slice(1) === here.tag) {
        st.set.insert(here.name, expandSelf(here.data, here.name, st.set, st.ctx), src, st.ctx);
        here = undefined;
      } else {
        here.data = here.data ? `${here.data}\n${line}` : line;
      }
      continue;
    }
    // A ':' before an if body line hides it from pre-8.1.5 parsers; we drop it.
    if (line[0] === ':' && (ifs.insideIf() || /^:if(?=[ \t\n\r\v\f]|$)/.test(line))) line = line.slice(1);

    const ifErr = wrap(() => ifs.handle(line, st.set, st.ctx, st.ifEnv), sourceName, src.line);
    if (ifErr !== undefined) {
      if (ifErr) fail(ifErr);
      continue;
    }
    if (!ifs.enabled()) continue;

    let p = 0;
    while (p < line.length && !isSpace(line[p]) && !isOp(line[p])) p++;
    if (p >= line.length) {
      if (line[0] === '[') continue; // a Windows .ini style section header is a comment
      fail(`no operator in: ${line}`);
    }
    const firstWord = line.slice(0, p);
    let op: string | undefined = line[p];
    let pop = p;
    let q = p + 1;
    if (!isOp(op)) {
      while (isSpace(line[q])) q++;
      while (q < line.length && !isOp(line[q]) && line[q] !== '@') q++;
      pop = q;
      op = line[q];
      if (op !== undefined) {
        q++;
        if (op === '@') {
          if (line[q] === '=') q++;
          else op = undefined;
        }
      }
    }
    if (!isOp(op) && op !== '@') fail(`Syntax Error, missing : or = in: ${line}`);
    while (isSpace(line[q])) q++;
    const rhs = line.slice(q);
    const hasAt = firstWord[0] === '@' ? 1 : 0;
    const keyword = op === ':' ? firstWord.slice(hasAt).toLowerCase() : '';
    /** The words between the keyword and the operator (e.g. "ifexist command" in `include ifexist command : x`). */
    const between = line.slice(hasAt + keyword.length, pop).trim();

    if (keyword === 'error' || keyword === 'warning') {
      const msg = wrap(() => expandMacros(rhs, st.set, st.ctx), sourceName, src.line);
      if (keyword === 'warning') {
        st.set.warnings.push(`Warning "${sourceName}", Line ${src.line}: ${msg}`);
        continue;
      }
      throw new ConfigUserError(`Error: ${msg}`, { source: sourceName, line: src.line });
    }
    if (keyword === 'use') {
      const category = wrap(() => expandMacros(between, st.set, st.ctx), sourceName, src.line);
      wrap(() => readMetaConfig(depth + 1, category, rhs, st, src), sourceName, src.line);
      continue;
    }
    if (keyword === 'include') {
      wrap(() => include(between, rhs, depth, st), sourceName, src.line);
      continue;
    }
    if (op === ':') {
      if (strictColon) fail(`obsolete use of ':' for parameter assignment at ${firstWord} : ${rhs}`);
      if (firstWord.toLowerCase() !== 'runbenchmarks') {
        st.set.warnings.push(`Config source Warning "${sourceName}", Line ${src.line}: obsolete use of ':' for parameter assignment at ${firstWord} : ${rhs}`);
      }
    }
    const name = wrap(() => expandMacros(firstWord, st.set, st.ctx), sourceName, src.line);
    if (!isValidParamName(name)) fail(`Illegal Identifier: <${name}>`);
    if (op === '@') {
      here = { name, tag: rhs, data: '' };
      continue;
    }
    wrap(() => st.set.insert(name, expandSelf(rhs, name, st.set, st.ctx), src, st.ctx), sourceName, src.line);
  }
  if (ifs.insideIf()) fail('endif(s) not found before end-of-file');
}

/** Adds source/line to errors thrown by expansion, which knows neither. */
function wrap<T>(fn: () => T, source: string, line: number): T {
  try {
    return fn();
  } catch (e) {
    if (e instanceof HTCondorConfigError) throw e.locate(source, line);
    throw e;
  }
}

function include(keywords: string, target: string, depth: number, st: ParseState): void {
  let ifExists = false;
  let isCommand = false;
  let into: string | undefined;
  if (keywords) {
    const toks = splitTokens(keywords, ' \t');
    let i = 0;
    if (toks[i] === 'ifexist' || toks[i] === 'ifexists') { ifExists = true; i++; }
    if (i < toks.length) {
      if (toks[i] !== 'output' && toks[i] !== 'command') throw new ConfigSyntaxError(`unexpected keyword(s) '${keywords}' after include`);
      isCommand = true;
      i++;
      if (toks[i] === 'into') {
        into = toks[i + 1];
        if (into === undefined) throw new ConfigSyntaxError(`unexpected keyword(s) '${keywords}' after include expected filename after keyword 'into'`);
        i += 2;
      }
      if (i < toks.length) throw new ConfigSyntaxError(`unexpected keyword(s) '${keywords}' after include`);
    }
  }
  const name = expandMacros(target, st.set, st.ctx);
  let intoFile: string | undefined;
  if (into !== undefined) {
    if (into.endsWith('|')) throw new ConfigSyntaxError("destination for 'include into' may not be a script");
    intoFile = expandMacros(into, st.set, st.ctx);
    if (!intoFile) throw new ConfigSyntaxError("destination for 'include into' expanded to ''");
  }
  const opened = st.openSource(name, isCommand, intoFile);
  if (!opened) {
    if (ifExists) return;
    throw new ConfigSourceError(`can't open file ${name}`);
  }
  if (depth + 1 >= MAX_NESTING_DEPTH) throw new ConfigSourceError('includes nested too deep');
  st.sources.push(opened.name);
  parseConfigSource(opened.text, opened.name, depth + 1, st);
}

/** read_meta_config: `use CATEGORY : knob, knob(args), ...` */
export function readMetaConfig(depth: number, category: string, rhs: string, st: ParseState, src: SourceRef): void {
  if (!category) throw new ConfigSyntaxError(`use needs a keyword before : ${rhs}`);
  const table = st.set.defaults.metaknobs(category);
  if (!table) throw new ConfigSyntaxError(`use ${category}: unknown metaknob category`);
  let rest = rhs;
  let args = ''; // HTCondor reuses one parser object, so a knob without (...) inherits the previous knob's args
  for (;;) {
    let p = 0;
    while (p < rest.length && (isSpace(rest[p]) || rest[p] === ',')) p++;
    let e = p;
    while (e < rest.length && !isSpace(rest[e]) && rest[e] !== ',' && rest[e] !== '(') e++;
    if (e === p) break;
    const knob = rest.slice(p, e);
    p = e;
    while (isSpace(rest[p])) p++;
    if (rest[p] === '(') {
      const close = findCloseBrace(rest, p, 25);
      if (close !== undefined && rest[close] === ')') {
        args = rest.slice(p + 1, close);
        p = close;
      }
      p++;
      while (isSpace(rest[p])) p++;
    }
    rest = rest.slice(p);
    let body = table.get(knob.toUpperCase());
    if (body === undefined) throw new ConfigSyntaxError(`use ${category}: does not recognise ${knob}`);
    if (args || /\$\(\d/.test(body)) body = expandMetaArgs(body, args);
    parseConfigString(body, depth, st, { name: src.name, line: src.line });
  }
}

function findCloseBrace(s: string, at: number, depth: number): number | undefined {
  if (depth < 0) return undefined;
  const open = s[at]!;
  const close = open === '(' ? ')' : open === '[' ? ']' : open === '{' ? '}' : open === '<' ? '>' : open;
  let p = at;
  for (;;) {
    p++;
    if (p >= s.length) return undefined;
    if (s[p] === close) return p;
    if (s[p] === open || s[p] === '(' || s[p] === '[') {
      const e = findCloseBrace(s, p, depth - 1);
      if (e === undefined) return undefined;
      p = e;
    }
  }
}

/** Parse_config_string: the statements of a metaknob body. */
export function parseConfigString(config: string, depth: number, st: ParseState, src: SourceRef): void {
  const ifs = new IfStack();
  let here: { name: string; tag: string; data: string } | undefined;
  const invalid = (why: string): never => {
    throw new ConfigSyntaxError(`metaknob statement is invalid: ${why}`, { source: src.name, line: src.line });
  };
  for (const line of splitTokens(config, '\n')) {
    if (line[0] === '#') continue;
    if (here) {
      if (line[0] === '@' && line.slice(1) === here.tag) {
        st.set.insert(here.name, expandSelf(here.data, here.name, st.set, st.ctx), src, st.ctx);
        here = undefined;
      } else here.data = here.data ? `${here.data}\n${line}` : line;
      continue;
    }
    const ifErr = ifs.handle(line, st.set, st.ctx, st.ifEnv);
    if (ifErr !== undefined) {
      if (ifErr) invalid(ifErr);
      continue;
    }
    if (!ifs.enabled()) continue;
    let ptr = 0;
    const isMeta = /^use /i.test(line);
    if (isMeta) {
      ptr = 4;
      while (isSpace(line[ptr])) ptr++;
    }
    const nameStart = ptr;
    let op: string | undefined;
    let pop = line.length;
    while (ptr < line.length) {
      if (isSpace(line[ptr]) || isOp(line[ptr])) {
        op = line[ptr];
        pop = ptr;
        ptr++;
        break;
      }
      ptr++;
    }
    const name = line.slice(nameStart, pop);
    while (ptr < line.length) {
      const c = line[ptr];
      if (c === '@') {
        if (line[ptr + 1] !== '=') { op = undefined; break; }
        op = '@';
        ptr++;
      } else if (isOp(c)) {
        if (isOp(op)) { op = undefined; break; }
        op = c;
      } else if (!isSpace(c)) break;
      ptr++;
    }
    if (ptr >= line.length && !isOp(op)) invalid(line);
    while (isSpace(line[ptr])) ptr++;
    const rhs = line.slice(ptr);
    if (op === ':' && !isMeta) {
      const kw = name.toLowerCase();
      if (kw === 'error' || kw === 'warning') {
        const msg = expandMacros(rhs, st.set, st.ctx);
        if (kw === 'error') throw new ConfigUserError(`Error : ${msg}`, { source: src.name, line: src.line });
        st.set.warnings.push(`Warning : ${msg}`);
      }
    }
    if (isMeta) {
      if (depth >= MAX_NESTING_DEPTH) throw new ConfigSourceError(`use ${name}: ${rhs} nesting too deep`, { source: src.name, line: src.line });
      readMetaConfig(depth + 1, name, rhs, st, src);
      continue;
    }
    if (!isValidParamName(name)) invalid(line);
    if (op === '@') {
      here = { name, tag: rhs, data: '' };
      continue;
    }
    st.set.insert(name, expandSelf(rhs, name, st.set, st.ctx), src, st.ctx);
  }
}
