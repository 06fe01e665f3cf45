/**
 * Logical lines of a configuration source, as HTCondor's getline_implementation (config.cpp) makes them:
 * whitespace trimmed at both ends, `\` at the end joins the next line, and the comment/continuation rules of
 * the "new" mode (default) or the "old" mode (`#opt:oldcomment`).
 */

export interface LogicalLine {
  text: string;
  /** Line number of the last physical line consumed (what HTCondor reports in errors). */
  line: number;
}

export const GetlineOptions = {
  /** A `#` line that ends in `\` does not continue. */
  CommentDoesntContinue: 1,
  /** A `#` line inside a continuation is treated as blank (but its last character is kept, as HTCondor does). */
  ContinueMayBeCommentedOut: 2,
} as const;

const isSpace = (c: string | undefined): boolean =>
  c === ' ' || c === '\t' || c === '\n' || c === '\r' || c === '\v' || c === '\f';

/** Reads logical lines one at a time so that the caller can switch comment modes mid-stream. */
export class LineReader {
  private pos = 0;
  private lineNo = 0;
  constructor(private readonly text: string) {}

  get line(): number {
    return this.lineNo;
  }

  next(options: number): LogicalLine | undefined {
    const text = this.text;
    let buf = '';
    let lineStart = 0; // offset in buf of the physical line being appended
    for (;;) {
      if (this.pos >= text.length) return buf === '' ? undefined : { text: buf, line: this.lineNo };
      const nl = text.indexOf('\n', this.pos);
      if (nl < 0) {
        // fgets hit end of file without a newline: HTCondor returns the buffer as is, untrimmed.
        buf += text.slice(this.pos);
        this.pos = text.length;
        return { text: buf, line: this.lineNo };
      }
      let seg = text.slice(this.pos, nl + 1);
      this.pos = nl + 1;
      this.lineNo++;
      let end = seg.length;
      while (end > 0 && isSpace(seg[end - 1])) end--;
      seg = seg.slice(0, end);
      let start = 0;
      while (start < seg.length && isSpace(seg[start])) start++;
      let inComment = seg[start] === '#';
      if (inComment && lineStart !== 0 && options & GetlineOptions.ContinueMayBeCommentedOut) {
        // HTCondor moves its pointer to the last character of the line: only that character survives.
        start = Math.max(seg.length - 1, start);
        inComment = false;
      }
      buf = buf.slice(0, lineStart) + seg.slice(start);
      if (buf.endsWith('\\')) {
        buf = buf.slice(0, -1);
        if (!inComment || !(options & GetlineOptions.CommentDoesntContinue)) {
          lineStart = buf.length;
          continue;
        }
      }
      return { text: buf, line: this.lineNo };
    }
  }
}
