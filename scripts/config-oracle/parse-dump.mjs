// Parses `condor_config_val -dump [-expanded]` output into { NAME: value }. Multi-line values are printed as
// "NAME @=end", the lines indented by three spaces, then "@end".
export function parseDump(text) {
  const out = {};
  const lines = text.split('\n');
  let last;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.startsWith('#') || line === '') continue;
    const here = /^(\S+) @=end$/.exec(line);
    if (here) {
      const body = [];
      for (i++; i < lines.length && lines[i] !== '@end'; i++) body.push(lines[i].replace(/^ {3}/, ''));
      out[here[1]] = body.join('\n');
      last = undefined;
      continue;
    }
    const m = /^(\S+) = ?(.*)$/.exec(line);
    if (m) { out[m[1]] = m[2]; last = m[1]; }
    // a value that expands to several lines (without being an @= value itself) is printed as is
    else if (last !== undefined) out[last] += `\n${line}`;
  }
  return out;
}
