/**
 * The values HTCondor detects at startup (fill_attributes and reinsert_specials in condor_config.cpp), from
 * Node's os module and /etc/os-release. Best effort: HTCondor asks DNS for FULL_HOSTNAME; we use os.hostname().
 */
import { readFileSync } from 'node:fs';
import os from 'node:os';

const ARCH: Readonly<Record<string, string>> = { x64: 'X86_64', ia32: 'INTEL', arm64: 'AARCH64', ppc64: 'PPC64LE', s390x: 'S390X' };
const OPSYS: Readonly<Record<string, string>> = { linux: 'LINUX', darwin: 'MACOSX', win32: 'WINDOWS', freebsd: 'FREEBSD' };

function osRelease(): Record<string, string> {
  try {
    const out: Record<string, string> = {};
    for (const line of readFileSync('/etc/os-release', 'utf8').split('\n')) {
      const m = /^([A-Z_]+)=(.*)$/.exec(line);
      if (m) out[m[1]!] = m[2]!.replace(/^"(.*)"$/, '$1');
    }
    return out;
  } catch {
    return {};
  }
}

function condorHome(): string | undefined {
  try {
    const line = readFileSync('/etc/passwd', 'utf8').split('\n').find((l) => l.startsWith('condor:'));
    return line?.split(':')[5] || undefined;
  } catch {
    return undefined;
  }
}

export function detectNodeValues(): Record<string, string> {
  const d: Record<string, string> = {};
  const full = os.hostname();
  d.FULL_HOSTNAME = full;
  d.HOSTNAME = full.split('.')[0]!;
  const tilde = condorHome();
  if (tilde) d.TILDE = tilde;
  d.ARCH = ARCH[process.arch] ?? process.arch.toUpperCase();
  d.UNAME_ARCH = os.machine?.() ?? process.arch;
  d.OPSYS = OPSYS[process.platform] ?? process.platform.toUpperCase();
  d.UNAME_OPSYS = os.type();
  d.UTSNAME_SYSNAME = os.type();
  d.UTSNAME_NODENAME = full;
  d.UTSNAME_RELEASE = os.release();
  d.UTSNAME_VERSION = os.version?.() ?? '';
  d.UTSNAME_MACHINE = d.UNAME_ARCH;
  if (process.platform === 'linux') {
    const r = osRelease();
    const name = (r.NAME ?? 'Linux').split(' ')[0]!;
    const major = (r.VERSION_ID ?? '').split('.')[0] ?? '';
    d.OPSYSNAME = name;
    d.OPSYSSHORTNAME = name;
    d.OPSYSLONGNAME = r.PRETTY_NAME ?? name;
    d.OPSYSLEGACY = 'LINUX';
    if (major) {
      d.OPSYSMAJORVER = major;
      d.OPSYSVER = String(Number(major) * 100);
      d.OPSYSANDVER = `${name}${major}`;
    }
  }
  const uid = typeof process.getuid === 'function' ? process.getuid() : undefined;
  d.CondorIsAdmin = uid === 0 ? 'true' : 'false';
  d.DETECTED_MEMORY = String(Math.floor(os.totalmem() / (1024 * 1024)));
  const cpus = os.availableParallelism?.() ?? os.cpus().length;
  d.DETECTED_CPUS = d.DETECTED_CORES = d.DETECTED_PHYSICAL_CPUS = String(cpus);
  try {
    d.USERNAME = os.userInfo().username;
  } catch {
    /* no passwd entry: HTCondor leaves USERNAME undefined too */
  }
  if (uid !== undefined) d.REAL_UID = String(uid);
  if (typeof process.getgid === 'function') d.REAL_GID = String(process.getgid());
  d.PID = String(process.pid);
  d.PPID = String(process.ppid);
  const addrs = Object.values(os.networkInterfaces()).flat().filter((a) => a && !a.internal);
  const v4 = addrs.find((a) => a?.family === 'IPv4');
  const v6 = addrs.find((a) => a?.family === 'IPv6' && !a.address.startsWith('fe80'));
  d.IP_ADDRESS = v4?.address ?? v6?.address ?? '127.0.0.1';
  d.IP_ADDRESS_IS_IPV6 = !v4 && v6 ? 'true' : 'false';
  if (v4) d.IPV4_ADDRESS = v4.address;
  if (v6) d.IPV6_ADDRESS = v6.address;
  return d;
}
