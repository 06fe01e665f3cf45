// Converts HTCondor's src/condor_utils/param_info.in (the built-in defaults and the metaknob table) into
// protocol/param-defaults.json. We read the facts (names, default values, types, subsystem overrides,
// metaknob bodies) and write our own data file; nothing of HTCondor's generator is copied.
//
// Usage: node scripts/param-info-to-json.mjs <path/to/param_info.in> [version]
//   e.g. git -C <htcondor clone> show v23.9.6:src/condor_utils/param_info.in > /tmp/param_info.in
//
// The grammar (from the header of param_info.in): "[NAME]" starts an entry, followed by "key=value" lines or
// "key : @tag" ... "@tag" multi-line values; '#' lines are comments. NAME may be "SUBSYS.NAME" (a per-subsystem
// default) or "$CATEGORY.NAME" (a metaknob body, used by `use CATEGORY : NAME`).
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const [input, version = '23.9.6'] = process.argv.slice(2);
if (!input) {
  console.error('usage: node scripts/param-info-to-json.mjs <param_info.in> [version]');
  process.exit(2);
}

// A few defaults come from C preprocessor macros at HTCondor build time ("macro=NAME" in the file). These are the
// values the 23.9.6 Debian build reports (condor_config_val -dump with CONDOR_CONFIG=ONLY_ENV), recorded by hand.
const BUILD_MACROS = {
  CONDOR_VERSION: version,
  CONDOR_BUILD_PLATFORM: 'X86_64-Debian_13',
  PYTHON3_MODULE_SUFFIX: '.cpython-313-x86_64-linux-gnu.so',
  PYTHON3_VERSION_MINOR: '13',
  HAVE_EXT_KRB5: '1',
  SEC_DEFAULT_AUTHENTICATION_METHODS: 'FS,IDTOKENS,KERBEROS,SCITOKENS,SSL',
};

// Defaults the Debian 23.9.6+dfsg build has that upstream's v23.9.6 param_info.in lacks (condor_config_val -verbose
// reports them "at: <Default>"), recorded by hand so that our table matches the pool's.
const DISTRIBUTION_DEFAULTS = {
  SEC_ENABLE_SCITOKEN_EXCHANGE: { default: 'true', type: 'bool' },
  SEC_ENABLE_TOKEN_FETCH: { default: 'true', type: 'bool' },
  SEC_ENABLE_TOKEN_REQUEST: { default: 'true', type: 'bool' },
};

const text = readFileSync(input, 'utf8').replace(/\r\n/g, '\n');
const lines = text.split('\n');
const entries = [];
let cur = null;
for (let i = 0; i < lines.length; i++) {
  const line = lines[i];
  const title = /^\[([$a-zA-Z0-9_.]+)\]\s*$/.exec(line);
  if (title) {
    cur = { title: title[1], props: {} };
    entries.push(cur);
    continue;
  }
  if (!cur || /^\s*(#|$)/.test(line)) continue;
  const prop = /^([a-zA-Z0-9_-]+)\s*(:?=?)\s*(.*)$/.exec(line);
  if (!prop) throw new Error(`line ${i + 1}: cannot parse ${JSON.stringify(line)}`);
  const [, name, op, rest] = prop;
  if (op === '=') {
    // the value runs to the end of the line; leading spaces are dropped, trailing ones kept (as HTCondor does)
    cur.props[name] = line.slice(line.indexOf('=') + 1).replace(/^ +/, '');
  } else if (op === ':') {
    const tag = /^(?:\(\s*[a-zA-Z0-9_-]+\s*\)\s*)?([@_A-Za-z]+)\s*$/.exec(rest);
    if (!tag) throw new Error(`line ${i + 1}: bad heredoc ${JSON.stringify(line)}`);
    const body = [];
    for (i++; i < lines.length && lines[i] !== tag[1]; i++) body.push(lines[i]);
    if (i >= lines.length) throw new Error(`unterminated heredoc ${tag[1]} in [${cur.title}]`);
    cur.props[name] = body.join('\n');
  } else {
    throw new Error(`line ${i + 1}: missing = or : in ${JSON.stringify(line)}`);
  }
}

const params = {};
const subsystems = {};
const metaknobs = {};
for (const { title, props } of entries) {
  if (!('default' in props)) throw new Error(`[${title}] has no default`);
  let value = props.default;
  const type = (props.type ?? 'string').toLowerCase();
  const dot = title.indexOf('.');
  if (dot < 0) {
    if (props.macro !== undefined && BUILD_MACROS[title] !== undefined) value = BUILD_MACROS[title];
    // An empty default means "no default": the name is known (condor_config_val -dump lists it) but undefined.
    params[title] = value === '' ? { default: null, type } : { default: value, type };
  } else {
    const prefix = title.slice(0, dot);
    const name = title.slice(dot + 1).split('.')[0];
    if (prefix.startsWith('$')) {
      const cat = prefix.slice(1).toUpperCase();
      (metaknobs[cat] ??= {})[name] = value;
    } else {
      const sub = prefix.toUpperCase();
      (subsystems[sub] ??= {})[name] = value === '' ? null : value;
    }
  }
}

for (const [k, v] of Object.entries(DISTRIBUTION_DEFAULTS)) params[k] ??= v;

const out = {
  description: `Built-in configuration defaults and metaknobs of HTCondor ${version}, converted from src/condor_utils/param_info.in by scripts/param-info-to-json.mjs`,
  source: `htcondor/htcondor v${version} src/condor_utils/param_info.in`,
  version,
  params,
  subsystems,
  metaknobs,
};
writeFileSync(join(root, 'protocol/param-defaults.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`params=${Object.keys(params).length} subsystems=${Object.keys(subsystems).length} metaknob categories=${Object.keys(metaknobs).length}`);
