/**
 * Macro expansion as param() does it (the char* expand_macro of config.cpp): find the leftmost macro, replace it
 * with its raw value (or function result), rescan from the start, and finally turn $(DOLLAR) into '$'.
 * HTCondor loops forever on a cycle; we remember, for every character, which chain of macros produced it, so a
 * macro that keeps reappearing inside its own expansion is reported as a ConfigMacroCycleError.
 */
import { ConfigMacroCycleError, ConfigMacroError } from './errors.js';
import { evaluateExpr, unparse } from './expr.js';
import { filename, intOrReal, randomInteger, stringToLong, substr, type LookupOr } from './functions.js';
import type { EvalContext, MacroSet } from './macro-set.js';
import { formatPrintf, printfKind } from './printf.js';
import { MacroId, nextMacro, splitTokens, type MacroPos, type SkipBody } from './scan.js';

export { stringToDouble, stringToLong } from './functions.js';

/** The macros whose expansion produced a piece of text, innermost last. */
interface Chain {
  readonly name: string;
  readonly parent: Chain | undefined;
}

const chainCount = (c: Chain | undefined, upper: string): number => {
  let n = 0;
  for (let x = c; x; x = x.parent) if (x.name === upper) n++;
  return n;
};
/**
 * How often a macro may reappear inside its own expansion before we call it a cycle. Not once: rescanning can
 * splice a reappearing `$(A)` into a neighbouring macro's unused default, and HTCondor then terminates (seen
 * with `A = $F($(c:$(A))`). A real cycle reaches this depth in a few substitutions.
 */
const REPEAT_LIMIT = 4;
/** The smallest loop in a chain: from the repeated name's first appearance to its next. */
function cycleOf(names: string[], upper: string): string[] {
  const i = names.indexOf(upper);
  const j = names.indexOf(upper, i + 1);
  return names.slice(i, j + 1);
}
const chainList = (c: Chain | undefined): string[] => {
  const out: string[] = [];
  for (let x = c; x; x = x.parent) out.unshift(x.name);
  return out;
};

/** Backstops for cycles the per-character bookkeeping cannot see (text spliced across macro boundaries). */
const MAX_STEPS = 100_000;
const MAX_LENGTH = 4 * 1024 * 1024;
/** Total characters rescanned in one expansion; bounds the time a runaway expansion can take (~0.1 s). */
const MAX_WORK = 64 * 1024 * 1024;

const isDollar = (body: string): boolean => body.length === 6 && body.toUpperCase() === 'DOLLAR';
const noDollar: SkipBody = (id, body) => id === MacroId.Normal && isDollar(body);
const dollarOnly: SkipBody = (id, body) => !(id === MacroId.Normal && isDollar(body));

/** Fully expands `value` (param()'s expansion). */
export function expandMacros(value: string, set: MacroSet, ctx: EvalContext): string {
  return expand(value, set, ctx, undefined);
}

function expand(value: string, set: MacroSet, ctx: EvalContext, chain: Chain | undefined, keepDollar = false): string {
  let s = value;
  let owners: (Chain | undefined)[] = new Array<Chain | undefined>(s.length).fill(chain);
  let steps = 0;
  let work = 0;
  for (;;) {
    const pos = nextMacro(s, 0, 'config', noDollar);
    if (!pos) break;
    const parent = owners[pos.dollar];
    work += s.length;
    if (++steps > MAX_STEPS || s.length > MAX_LENGTH || work > MAX_WORK) {
      throw new ConfigMacroCycleError([...chainList(parent), s.slice(pos.body, pos.right - 1), '...']);
    }
    const { text, owner } = evaluate(s, pos, set, ctx, parent);
    s = s.slice(0, pos.dollar) + text + s.slice(pos.right);
    owners = owners.slice(0, pos.dollar).concat(new Array<Chain | undefined>(text.length).fill(owner), owners.slice(pos.right));
  }
  if (!keepDollar) {
    for (let pos = nextMacro(s, 0, 'config', dollarOnly); pos; pos = nextMacro(s, 0, 'config', dollarOnly)) {
      s = `${s.slice(0, pos.dollar)}$${s.slice(pos.right)}`;
    }
  }
  return s;
}

/** expand_self_macro: expand only references to `self` (and to `self` without its subsys/localname prefix). */
export function expandSelf(value: string, self: string, set: MacroSet, ctx: EvalContext): string {
  const names = [self.toLowerCase()];
  for (const prefix of [ctx.localname, ctx.subsys]) {
    if (!prefix) continue;
    const p = `${prefix.toLowerCase()}.`;
    if (names[0]!.startsWith(p) && names[0]!.length > p.length) {
      names.push(names[0]!.slice(p.length));
      break;
    }
  }
  const skip: SkipBody = (id, body) => {
    if (id !== MacroId.Normal && id !== MacroId.Filename) return true;
    const lower = body.toLowerCase();
    return !names.some((n) => lower === n || (lower.startsWith(n) && lower[n.length] === ':'));
  };
  let s = value;
  let steps = 0;
  for (let pos = nextMacro(s, 0, 'config', skip); pos; pos = nextMacro(s, 0, 'config', skip)) {
    if (++steps > 10_000) throw new ConfigMacroCycleError([self, self]);
    const { text } = evaluate(s, pos, set, ctx, undefined);
    s = s.slice(0, pos.dollar) + text + s.slice(pos.right);
  }
  return s;
}

interface Result {
  text: string;
  owner: Chain | undefined;
}

function evaluate(s: string, pos: MacroPos, set: MacroSet, ctx: EvalContext, parent: Chain | undefined): Result {
  const body = s.slice(pos.body, pos.right - 1);
  const enter = (name: string): Chain => {
    const upper = name.toUpperCase();
    if (chainCount(parent, upper) >= REPEAT_LIMIT - 1) throw new ConfigMacroCycleError(cycleOf([...chainList(parent), upper], upper));
    return { name: upper, parent };
  };
  /** lookup(name), expanded if it holds a '$'; or the literal text when nothing defines name. */
  const lookupOr = (name: string, literal: string): string => {
    const v = set.lookup(name, ctx);
    if (v === undefined) return literal.includes('$') ? expand(literal, set, ctx, parent) : literal;
    return v.includes('$') ? expand(v, set, ctx, enter(name)) : v;
  };
  const value = (text: string): Result => ({ text, owner: parent });

  switch (pos.id) {
    case MacroId.Normal: {
      const colon = body.indexOf(':');
      const name = colon < 0 ? body : body.slice(0, colon);
      const v = set.lookup(name, ctx);
      if (colon >= 0 && !v) return value(body.slice(colon + 1));
      if (!v) return value('');
      return { text: v, owner: enter(name) };
    }
    case MacroId.Env: {
      const colon = body.indexOf(':');
      const name = colon < 0 ? body : body.slice(0, colon);
      const v = set.environment.getenv(name);
      return value(v ?? (colon < 0 ? 'UNDEFINED' : body.slice(colon + 1)));
    }
    case MacroId.RandomChoice: {
      let entries = splitTokens(body, ',');
      if (entries.length === 1) {
        const lval = set.lookup(entries[0]!, ctx);
        if (lval !== undefined) entries = splitTokens(lval.includes('$') ? expand(lval, set, ctx, enter(entries[0]!)) : lval);
      }
      if (entries.length === 0) throw new ConfigMacroError('$RANDOM_CHOICE() macro in config file empty!');
      return value(entries[set.environment.randomInt() % entries.length]!);
    }
    case MacroId.RandomInteger:
      return value(randomInteger(body, set));
    case MacroId.Choice:
      return value(choice(body, set, ctx, lookupOr, enter));
    case MacroId.Substr:
      return value(substr(body, lookupOr, set, ctx));
    case MacroId.Int:
    case MacroId.Real:
      return value(intOrReal(pos.id === MacroId.Int, body, lookupOr));
    case MacroId.String: {
      const comma = body.indexOf(',');
      const name = comma < 0 ? body : body.slice(0, comma);
      const fmt = comma < 0 ? undefined : body.slice(comma + 1);
      if (fmt !== undefined && printfKind(fmt) !== 'string') throw new ConfigMacroError(`$STRING macro: '${fmt}' is not a valid format specifier!`);
      let mval = lookupOr(name, name);
      const r = evaluateExpr(mval);
      if (r?.t === 'string') mval = r.v;
      return value(fmt === undefined ? mval : formatPrintf(fmt, [mval]));
    }
    case MacroId.Eval: {
      const raw = set.lookup(body, ctx) ?? body;
      const mval = lookupOr(body, body);
      const r = evaluateExpr(mval);
      // when the text does not parse, HTCondor keeps it only if macro expansion produced it
      if (r === undefined) return value(raw.includes('$') ? mval : '');
      return value(r.t === 'string' ? r.v : unparse(r));
    }
    default: {
      const func = s.slice(pos.dollar + 1, pos.body - 1);
      return value(filename(pos.id, func, lookupOr(body, body), ctx));
    }
  }
}

function choice(
  body: string,
  set: MacroSet,
  ctx: EvalContext,
  lookupOr: LookupOr,
  enter: (name: string) => Chain,
): string {
  let entries = splitTokens(body, ',', true).map((x) => x.trim());
  if (entries.length < 2) throw new ConfigMacroError('$CHOICE() config macro: no index!');
  const mval = lookupOr(entries[0]!, entries[0]!);
  const index = stringToLong(mval);
  if (index === undefined || index < 0 || index >= 2 ** 31 - 1) throw new ConfigMacroError(`$CHOICE() macro: ${mval} is invalid index!`);
  let items = entries.slice(1);
  if (entries.length === 2) {
    const listName = entries[1]!;
    const lval = set.lookup(listName, ctx);
    if (lval === undefined) throw new ConfigMacroError(`$CHOICE() macro: no list named "${listName}"!`);
    items = splitTokens(lval.includes('$') ? expand(lval, set, ctx, enter(listName)) : lval, ',');
  }
  if (index >= items.length) throw new ConfigMacroError(`$CHOICE() config macro: index ${index} is out of range!`);
  entries = items;
  return entries[index]!;
}

/** expand_meta_args: $(0), $(N), $(N?), $(N#), $(N+) and their :defaults in a metaknob body. */
export function expandMetaArgs(value: string, args: string): string {
  let s = value;
  const skip: SkipBody = (id, body) => id !== MacroId.Normal || !/^\d/.test(body);
  for (let pos = nextMacro(s, 0, 'meta', skip); pos; pos = nextMacro(s, 0, 'meta', skip)) {
    const body = s.slice(pos.body, pos.right - 1);
    const m = /^(\d+)([?#+]?)/.exec(body)!;
    const index = Number(m[1]);
    const emptyCheck = m[2] === '?';
    const numArgs = m[2] === '#' || m[2] === '+';
    const rest = body.slice(m[0].length);
    const def = rest.startsWith(':') ? rest.slice(1) : undefined;
    const it = new TokenIterator(args);
    let buf = '';
    if (index <= 0) {
      if (numArgs) {
        let n = 0;
        while (it.next() !== undefined) n++;
        buf = String(n);
      } else buf = args;
    } else if (numArgs) {
      let ix = 1;
      let remain = it.remain();
      while (remain !== undefined && ix < index) { ix++; it.next(); remain = it.remain(); }
      if (remain !== undefined) buf = remain.startsWith(',') ? remain.slice(1) : remain;
      if (def !== undefined && buf === '') buf = def;
    } else {
      let ix = 1;
      let tok = it.next();
      while (tok !== undefined && ix < index) { ix++; tok = it.next(); }
      if (tok !== undefined) buf = tok;
      else if (def !== undefined) buf = def;
    }
    let tv = buf.trim();
    if (emptyCheck) tv = tv ? '1' : '0';
    s = s.slice(0, pos.dollar) + tv + s.slice(pos.right);
  }
  return s;
}

/** StringTokenIterator(args, ",") with its remain(), which the $(N+) form needs. */
class TokenIterator {
  private next_ = 0;
  constructor(private readonly s: string) {}
  next(): string | undefined {
    const s = this.s;
    let i = this.next_;
    while (i < s.length && (s[i] === ',' || /\s/.test(s[i]!))) i++;
    this.next_ = i;
    const start = i;
    let end = i;
    while (i < s.length && s[i] !== ',') { if (!/\s/.test(s[i]!)) end = i; i++; }
    if (i <= start) return undefined;
    this.next_ = i;
    return s.slice(start, end + 1);
  }
  remain(): string | undefined {
    return this.next_ >= this.s.length ? undefined : this.s.slice(this.next_);
  }
}
