// Parses `condor_config_val -dump [-expanded]` output into { NAME: value }. Multi-line values are printed as
// "NAME @=end", the lines indented by three spaces, then "@end"; a value that only expands to several lines is
// printed as is, so its extra lines (blank ones and ones starting with '#' too) belong to the entry above. A blank
// line before the closing "# Contributing configuration file(s):" is the dump's own separator.
export function parseDump(text) {
  const out = {};
  const lines = text.split('\n');
  let last;
  let blanks = 0;
  const flush = () => {
    if (last !== undefined && blanks) out[last] += '\n'.repeat(blanks);
    blanks = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line === '') { blanks++; continue; }
    // the header line, and the trailer that lists the files read; other lines starting with # continue a value
    if (line.startsWith('# Configuration from machine:')) continue;
    if (line === '# Contributing configuration file(s):') break;
    const here = /^(\S+) @=end$/.exec(line);
    if (here) {
      flush();
      const body = [];
      for (i++; i < lines.length && lines[i] !== '@end'; i++) body.push(lines[i].replace(/^ {3}/, ''));
      out[here[1]] = body.join('\n');
      last = undefined;
      continue;
    }
    const m = /^(\S+) = ?(.*)$/.exec(line);
    if (m) { flush(); out[m[1]] = m[2]; last = m[1]; }
    else if (last !== undefined) { flush(); out[last] += `\n${line}`; }
  }
  return out;
}
