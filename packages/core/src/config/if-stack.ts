/**
 * The if/elif/else/endif state of a configuration source (ConfigIfStack in config.cpp), with its error messages.
 */
import { testIfExpression, type IfEnvironment } from './ifexpr.js';
import type { EvalContext, MacroSet } from './macro-set.js';

const MAX_DEPTH = 63; // HTCondor keeps the state in the bits of a 64-bit word

export class IfStack {
  private state: boolean[] = [true];
  private estate: boolean[] = [false];
  private istate: boolean[] = [false];
  private top = 0;

  enabled(): boolean {
    for (let i = 0; i <= this.top; i++) if (!this.state[i]) return false;
    return true;
  }
  insideIf(): boolean {
    return this.top > 0;
  }
  private insideElse(): boolean {
    return this.top > 0 && !this.istate[this.top];
  }
  private beginIf(bb: boolean): boolean {
    if (this.top >= MAX_DEPTH) return false;
    this.top++;
    this.istate[this.top] = true;
    this.state[this.top] = bb;
    this.estate[this.top] = bb;
    return true;
  }
  private beginElse(): boolean {
    const t = this.top;
    if (!this.istate[t]) return false;
    this.istate[t] = false;
    this.state[t] = !(this.estate[t] || this.state[t]);
    return t > 0;
  }
  private beginElif(bb: boolean): boolean {
    const t = this.top;
    if (!this.istate[t]) return false;
    if (this.estate[t]) this.state[t] = false;
    else if (bb) this.estate[t] = this.state[t] = true;
    else this.state[t] = false;
    return t > 0;
  }
  private endIf(): boolean {
    this.istate[this.top] = false;
    this.top--;
    if (this.top < 0) {
      this.top = 0;
      this.state = [true];
      this.estate = [false];
      this.istate = [false];
      return false;
    }
    return true;
  }

  /**
   * If `line` is an if/elif/else/endif, updates the state and returns '' (or the error message);
   * returns undefined for any other line.
   */
  handle(line: string, set: MacroSet, ctx: EvalContext, env: IfEnvironment): string | undefined {
    const kw = /^(if|elif|else|endif)(?=[ \t\n\r\v\f]|$)/i.exec(line);
    if (!kw) return undefined;
    const word = kw[1]!.toLowerCase();
    const expr = line.slice(word.length).replace(/^[ \t\n\r\v\f]+/, '');
    if (word === 'if') {
      let bb = this.enabled();
      if (bb) {
        const r = testIfExpression(expr, set, ctx, env);
        if (!r.ok) return `${expr} is not a valid if condition because ${r.reason}`;
        bb = r.value;
      }
      return this.beginIf(bb) ? '' : 'if nesting too deep!';
    }
    if (word === 'else') {
      return this.beginElse() ? '' : this.insideElse() ? 'else is not allowed after else' : 'else without matching if';
    }
    if (word === 'elif') {
      let bb = !this.estate[this.top];
      for (let i = 0; i < this.top && bb; i++) if (!this.state[i]) bb = false;
      if (bb) {
        const r = testIfExpression(expr, set, ctx, env);
        if (!r.ok) return `${expr} is not a valid elif condition because ${r.reason}`;
        bb = r.value;
      }
      return this.beginElif(bb) ? '' : this.insideElse() ? 'elif is not allowed after else' : 'elif without matching if';
    }
    return this.endIf() ? '' : 'endif without matching if';
  }
}
