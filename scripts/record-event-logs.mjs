#!/usr/bin/env node
// Records job event logs from real jobs in the local pool (scripts/pool up) into fixtures/event-logs/, then asks the
// official Python bindings (v1 htcondor.JobEventLog, the oracle) for every event's keys and values and stores that
// answer beside each log as <name>.oracle.json. Run as root on the host: node scripts/record-event-logs.mjs [scenario...]
// Each scenario submits as alice into /tmp/htcts-evlog/<name>/ (the chroot shares /tmp), drives the job with
// condor_hold/release/rm/vacate/suspend where needed, waits for its final event and copies the log.
// `synthetic-*` scenarios write hand-made logs instead (scripts/event-logs/synthetic.mjs; the XML/JSON ones need
// `pnpm build`); `--collect` re-asks the oracle about logs already in /tmp/htcts-evlog without submitting.
import { spawnSync } from 'node:child_process';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { SYNTHETIC as TEXT_SYNTHETIC, adLogs } from './event-logs/synthetic.mjs';

const repo = new URL('..', import.meta.url).pathname;
const env = JSON.parse(readFileSync(join(repo, '.pool', 'env.json'), 'utf8'));
const out = join(repo, 'fixtures', 'event-logs');
const base = '/tmp/htcts-evlog';

function run(args, { user, input, allowFail } = {}) {
  const argv = ['chroot', env.root, 'env', 'TZ=UTC', ...(user ? ['runuser', '-u', user, '--'] : []), ...args];
  const r = spawnSync(argv[0], argv.slice(1), { input, encoding: 'utf8', timeout: 300_000, maxBuffer: 1 << 30 });
  if (r.status !== 0 && !allowFail) throw new Error(`${args.join(' ')}: ${r.status ?? r.signal} ${r.stderr}`);
  return r.stdout;
}
const sleep = (s) => new Promise((r) => setTimeout(r, s * 1000));
const alice = (...a) => run(a, { user: 'alice' });

/** Wait until the log holds an event matching `re` (or time out: the scenario then records what it has). */
async function waitFor(log, re, seconds = 90) {
  for (let i = 0; i < seconds * 2; i++) {
    if (existsSync(log) && re.test(readFileSync(log, 'utf8'))) return true;
    await sleep(0.5);
  }
  console.warn(`timed out waiting for ${re} in ${log}`);
  return false;
}
const cluster = (submitOut) => /submitted to cluster (\d+)/.exec(submitOut)?.[1];

// A job script that can exit normally, with a code, or by a signal, and that touches its transferred input.
const script = `#!/bin/sh
cat in.txt > out.txt 2>/dev/null
echo "hello from $$" > result.txt
sleep "\${2:-1}"
case "$1" in
  signal) kill -KILL $$ ;;
  *) exit "$1" ;;
esac
`;

const common = (name, extra) => `executable = job.sh
transfer_executable = true
should_transfer_files = YES
when_to_transfer_output = ON_EXIT
transfer_input_files = in.txt
output = out.$(Process)
error = err.$(Process)
log = ${base}/${name}/job.log
request_memory = 64
request_disk = 10240
${extra}
`;

const S = {
  normal: { sub: common('normal', 'arguments = 0 1\nqueue 2'), done: /^005 .*\n(.*\n)*^005 /m },
  nonzero: { sub: common('nonzero', 'arguments = 3 1\nqueue'), done: /^005 /m },
  signal: { sub: common('signal', 'arguments = signal 1\nqueue'), done: /^005 /m },
  held: {
    sub: common('held', 'arguments = 0 6\nqueue'),
    drive: async (d, c) => {
      await waitFor(join(d, 'job.log'), /^001 /m);
      alice('condor_hold', '-reason', 'held by the recorder: testing', c);
      await waitFor(join(d, 'job.log'), /^012 /m);
      alice('condor_release', c);
    },
    done: /^005 /m,
  },
  periodichold: {
    sub: common('periodichold', 'arguments = 0 30\nperiodic_hold = JobStatus == 2 && time() - EnteredCurrentStatus > 2\nperiodic_hold_reason = "too slow"\nperiodic_hold_subcode = 42\nqueue'),
    drive: async (d, c) => {
      await waitFor(join(d, 'job.log'), /^012 /m);
      alice('condor_rm', '-reason', 'removed by the recorder', c);
    },
    done: /^009 /m,
  },
  removed: {
    sub: common('removed', 'arguments = 0 60\nqueue'),
    drive: async (d, c) => {
      await waitFor(join(d, 'job.log'), /^001 /m);
      await sleep(2);
      alice('condor_rm', c);
    },
    done: /^009 /m,
  },
  vacated: {
    sub: common('vacated', 'arguments = 0 10\nqueue'),
    drive: async (d, c) => {
      await waitFor(join(d, 'job.log'), /^001 /m);
      await sleep(2);
      run(['condor_vacate_job', c], { allowFail: true });
    },
    done: /^005 /m,
  },
  suspended: {
    sub: common('suspended', 'arguments = 0 6\nqueue'),
    drive: async (d, c) => {
      await waitFor(join(d, 'job.log'), /^001 /m);
      await sleep(1);
      run(['condor_suspend', c], { allowFail: true });
      await sleep(2);
      run(['condor_continue', c], { allowFail: true });
    },
    done: /^005 /m,
  },
  nostart: {
    sub: `executable = /nonexistent/program
transfer_executable = false
should_transfer_files = NO
log = ${base}/nostart/job.log
queue
`,
    drive: async (d, c) => {
      await waitFor(join(d, 'job.log'), /^012 /m);
      alice('condor_rm', c);
    },
    done: /^009 /m,
  },
  local: { sub: `universe = local\nexecutable = /bin/sh\narguments = "-c 'exit 2'"\nlog = ${base}/local/job.log\nqueue\n`, done: /^005 /m },
  scheduler: { sub: `universe = scheduler\nexecutable = /bin/echo\narguments = hi\noutput = sched.out\nlog = ${base}/scheduler/job.log\nqueue\n`, done: /^005 /m },
  factory: { sub: common('factory', 'arguments = 0 0\nmax_materialize = 2\nqueue 3'), done: /^036 /m },
  adinfo: { sub: common('adinfo', 'arguments = 0 1\njob_ad_information_attrs = Owner, JobPrio, RequestMemory, Cmd\nqueue'), done: /^005 /m },
  longrun: { sub: common('longrun', 'arguments = 0 20\nqueue'), done: /^005 /m },
  json: { sub: common('json', 'arguments = 3 1\n+UserLogUseXML = 2\nqueue'), done: /"EventTypeNumber":5\b|"EventTypeNumber" ?: ?5\b/, file: 'job.log' },
  xml: {
    sub: common('xml', 'arguments = 0 1\nlog_xml = true\nqueue 2'),
    done: /EventTypeNumber"><i>5<\/i>(.|\n)*EventTypeNumber"><i>5<\/i>/,
  },
  xmlheld: {
    sub: common('xmlheld', 'arguments = 0 30\nlog_xml = true\nqueue'),
    drive: async (d, c) => {
      await waitFor(join(d, 'job.log'), /EventTypeNumber"><i>1</);
      alice('condor_hold', c);
      await waitFor(join(d, 'job.log'), /EventTypeNumber"><i>12</);
      alice('condor_rm', c);
    },
    done: /EventTypeNumber"><i>9</,
  },
};

/**
 * The oracle: every event that v1 htcondor.JobEventLog(path).events(0) yields, with type, cluster, proc, timestamp and
 * each key's value tagged with its Python type (so ints, floats, bools and strings stay distinct in JSON).
 */
export function oracleAnswer(path) {
  const head = readFileSync(path, 'utf8').trimStart()[0];
  return run(['python3', '-c', head === '{' ? JSON_ORACLE : ORACLE, path]);
}


const ORACLE = String.raw`
import sys, json, htcondor, classad
def conv(v):
    if isinstance(v, classad.Value): return {'t': 'undefined' if v is classad.Value.Undefined else 'error', 'v': str(v)}
    if isinstance(v, bool): return {'t': 'bool', 'v': v}
    if isinstance(v, int): return {'t': 'int', 'v': str(v)}
    if isinstance(v, float): return {'t': 'float', 'v': repr(v)}
    if isinstance(v, str): return {'t': 'str', 'v': v}
    if isinstance(v, classad.ClassAd): return {'t': 'ad', 'v': {k: conv(v[k]) for k in v.keys()}}
    if isinstance(v, dict): return {'t': 'dict', 'v': {k: conv(x) for k, x in v.items()}}
    if isinstance(v, list): return {'t': 'list', 'v': [conv(x) for x in v]}
    return {'t': type(v).__name__, 'v': str(v)}
evs = []
err = None
try:
    for e in htcondor.JobEventLog(sys.argv[1]).events(0):
        evs.append({'type': int(e.type), 'cluster': e.cluster, 'proc': e.proc, 'timestamp': e.timestamp,
                    'keys': list(e.keys()), 'items': {k: conv(v) for k, v in e.items()}})
except Exception as x:
    err = type(x).__name__ + ': ' + str(x)
import time
print(json.dumps({'events': evs, 'error': err, 'recordedAt': int(time.time())}, indent=1))
`;

/*
 * 23.9.6's readers stop after the first event of a JSON log (the C++ JSON parser reading a FILE consumes more than one
 * object), so for JSON the oracle splits the log into one object per file (Python's json finds the boundaries only),
 * has the C++ JSON ClassAd parser read each (condor_status -ads:json FILE -xml), joins the resulting <c> elements
 * into an XML event log, and answers for that with htcondor.JobEventLog: the C++ JSON parser, then the bindings'
 * own initFromClassAd/toClassAd path, event by event.
 */
const JSON_ORACLE = String.raw`
import sys, json, os, re, subprocess, tempfile
text = open(sys.argv[1]).read()
dec = json.JSONDecoder()
i, objs = 0, []
while True:
    while i < len(text) and text[i].isspace(): i += 1
    if i >= len(text): break
    _, j = dec.raw_decode(text, i)
    objs.append(text[i:j]); i = j
d = tempfile.mkdtemp()
xml = []
for k, o in enumerate(objs):
    f = os.path.join(d, 'e%d.json' % k)
    open(f, 'w').write(o + chr(10))
    out = subprocess.run(['condor_status', '-ads:json', f, '-xml'], capture_output=True, text=True, check=True).stdout
    xml.append(out[out.index('<c>'):out.rindex('</c>') + 4] + chr(10))
conv = os.path.join(d, 'events.xml')
open(conv, 'w').write(''.join(xml))
sys.argv[1] = conv
` + ORACLE;

const collectOnly = process.argv.includes('--collect');
const SYNTHETIC = { ...TEXT_SYNTHETIC, ...(await adLogs()) };
const args = process.argv.slice(2).filter((a) => !a.startsWith('--'));
const names = args.length ? args : [...Object.keys(S), ...Object.keys(SYNTHETIC)];
mkdirSync(base, { recursive: true });
chmodSync(base, 0o777);
const pending = [];
for (const name of names) {
  const s = S[name] ?? {};
  const d = join(base, name);
  if (SYNTHETIC[name] !== undefined) {
    // hand-written logs: no job, only the oracle's answer
    mkdirSync(d, { recursive: true });
    writeFileSync(join(d, 'job.log'), SYNTHETIC[name]);
    pending.push({ name, d, c: '', s: { done: /(?:)/ } });
    continue;
  }
  if (collectOnly) {
    pending.push({ name, d, c: '', s: { ...s, drive: undefined } });
    continue;
  }
  rmSync(d, { recursive: true, force: true });
  mkdirSync(d);
  writeFileSync(join(d, 'job.sh'), script, { mode: 0o755 });
  writeFileSync(join(d, 'in.txt'), 'input\n');
  writeFileSync(join(d, 'job.sub'), s.sub);
  chmodSync(d, 0o777);
  const c = cluster(run(['bash', '-c', `cd ${d} && condor_submit job.sub`], { user: 'alice' }));
  console.log(`${name}: cluster ${c}`);
  pending.push({ name, d, c, s });
}
await Promise.all(pending.map(async (p) => {
  if (p.s.drive) await p.s.drive(p.d, p.c).catch((e) => console.warn(`${p.name}: ${e.message}`));
  const log = join(p.d, 'job.log');
  await waitFor(log, p.s.done, 180);
  await sleep(1);
  copyFileSync(log, join(out, `${p.name}.log`));
  writeFileSync(join(out, `${p.name}.oracle.json`), oracleAnswer(log));
  console.log(`recorded ${p.name}`);
}));

