/**
 * What each event carries, as C++ `toClassAd` writes it: per event type, the attributes in order, their kind, the
 * default the C++ constructor sets, and when toClassAd writes them. Text bodies (text-events.ts) and JSON/XML ads
 * (ad-events.ts) both fill a record keyed by attribute name; `emit` then produces the event's attributes exactly as
 * `initFromClassAd`/`readEvent` followed by `toClassAd` would, so all three formats give the bindings' keys and types.
 */
import { ClassAd, type ClassAdValue } from '@htcondor-ts/classad';

/** s: string, i: integer (bigint), r: real, b: boolean, u: rusage string "Usr d hh:mm:ss, Sys d hh:mm:ss". */
export type Kind = 's' | 'i' | 'r' | 'b' | 'u';
/** always; nonEmpty (strings); nonNeg (>= 0); notMinus1; present (written when the reader set it) */
export type Cond = 'always' | 'nonEmpty' | 'nonNeg' | 'notMinus1' | 'present';
export type Spec = readonly (readonly [name: string, kind: Kind, dflt: number | string | boolean, cond: Cond])[];

export const ZERO_RUSAGE = 'Usr 0 00:00:00, Sys 0 00:00:00';

const STR = (name: string): readonly [string, Kind, string, Cond] => [name, 's', '', 'nonEmpty'];
const TERM_COMMON = [
  ['RunLocalUsage', 'u', ZERO_RUSAGE, 'always'],
  ['RunRemoteUsage', 'u', ZERO_RUSAGE, 'always'],
  ['TotalLocalUsage', 'u', ZERO_RUSAGE, 'always'],
  ['TotalRemoteUsage', 'u', ZERO_RUSAGE, 'always'],
  ['SentBytes', 'r', 0, 'always'],
  ['ReceivedBytes', 'r', 0, 'always'],
  ['TotalSentBytes', 'r', 0, 'always'],
  ['TotalReceivedBytes', 'r', 0, 'always'],
] as const;

/**
 * Attributes written after the common ones (EventTypeNumber, MyType, EventTime, Cluster, Proc, Subproc). Numbers
 * without an entry are read as C++ FutureEvent (instantiateEvent has no case for them: 17-20, 31, 32, 39, 47 and up).
 */
export const SPECS: Readonly<Record<number, Spec>> = {
  0: [STR('SubmitHost'), STR('LogNotes'), STR('UserNotes'), STR('Warnings')],
  1: [STR('ExecuteHost'), STR('SlotName')],
  2: [['ExecuteErrorType', 'i', -1, 'nonNeg']],
  3: [['RunLocalUsage', 'u', ZERO_RUSAGE, 'always'], ['RunRemoteUsage', 'u', ZERO_RUSAGE, 'always'], ['SentBytes', 'r', 0, 'always']],
  4: [
    ['Checkpointed', 'b', false, 'always'],
    ['RunLocalUsage', 'u', ZERO_RUSAGE, 'always'],
    ['RunRemoteUsage', 'u', ZERO_RUSAGE, 'always'],
    ['SentBytes', 'r', 0, 'always'],
    ['ReceivedBytes', 'r', 0, 'always'],
    ['TerminatedAndRequeued', 'b', false, 'always'],
    ['TerminatedNormally', 'b', false, 'always'],
    ['ReturnValue', 'i', -1, 'nonNeg'],
    ['TerminatedBySignal', 'i', -1, 'nonNeg'],
    STR('Reason'),
    STR('CoreFile'),
  ],
  5: [
    ['TerminatedNormally', 'b', false, 'always'],
    ['ReturnValue', 'i', -1, 'nonNeg'],
    ['TerminatedBySignal', 'i', -1, 'nonNeg'],
    STR('CoreFile'),
    ...TERM_COMMON,
  ],
  6: [
    ['Size', 'i', -1, 'nonNeg'],
    ['MemoryUsage', 'i', -1, 'nonNeg'],
    ['ResidentSetSize', 'i', 0, 'nonNeg'],
    ['ProportionalSetSize', 'i', -1, 'nonNeg'],
  ],
  7: [['Message', 's', '', 'always'], ['SentBytes', 'r', 0, 'always'], ['ReceivedBytes', 'r', 0, 'always']],
  8: [STR('Info')],
  9: [STR('Reason')],
  10: [['NumberOfPIDs', 'i', -1, 'always']],
  11: [],
  12: [STR('HoldReason'), ['HoldReasonCode', 'i', 0, 'always'], ['HoldReasonSubCode', 'i', 0, 'always']],
  13: [STR('Reason')],
  14: [STR('ExecuteHost'), ['Node', 'i', -1, 'always'], STR('SlotName')],
  15: [
    ['TerminatedNormally', 'b', false, 'always'],
    ['ReturnValue', 'i', -1, 'always'],
    ['TerminatedBySignal', 'i', -1, 'always'],
    STR('CoreFile'),
    ...TERM_COMMON,
    ['Node', 'i', -1, 'nonNeg'],
  ],
  16: [['TerminatedNormally', 'b', false, 'always'], ['ReturnValue', 'i', -1, 'nonNeg'], ['TerminatedBySignal', 'i', -1, 'nonNeg'], STR('DAGNodeName')],
  21: [STR('Daemon'), STR('ExecuteHost'), STR('ErrorMsg')],
  22: [['StartdAddr', 's', '', 'always'], ['StartdName', 's', '', 'always'], ['DisconnectReason', 's', '', 'always']],
  23: [['StartdAddr', 's', '', 'always'], ['StartdName', 's', '', 'always'], ['StarterAddr', 's', '', 'always']],
  24: [['StartdName', 's', '', 'always'], ['Reason', 's', '', 'always']],
  25: [STR('GridResource')],
  26: [STR('GridResource')],
  27: [STR('GridResource'), STR('GridJobId')],
  28: [],
  29: [],
  30: [],
  33: [['Attribute', 's', '', 'present'], ['Value', 's', '', 'present']],
  34: [STR('SkipEventLogNotes')],
  35: [STR('SubmitHost')],
  36: [STR('Notes'), ['NextProcId', 'i', 0, 'always'], ['NextRow', 'i', 0, 'always'], ['Completion', 'i', 0, 'always']],
  37: [STR('Reason'), ['PauseCode', 'i', 0, 'always'], ['HoldCode', 'i', 0, 'always']],
  38: [STR('Reason')],
  40: [['Type', 'i', 0, 'always'], ['QueueingDelay', 'i', -1, 'notMinus1'], STR('Host')],
  41: [['ExpirationTime', 'i', 0, 'always'], ['ReservedSpace', 'i', 0, 'always'], ['UUID', 's', '', 'always'], ['Tag', 's', '', 'always']],
  42: [['UUID', 's', '', 'always']],
  43: [['Size', 'i', 0, 'always'], ['Checksum', 's', '', 'always'], ['ChecksumType', 's', '', 'always'], ['UUID', 's', '', 'always']],
  44: [['Checksum', 's', '', 'always'], ['ChecksumType', 's', '', 'always'], ['Tag', 's', '', 'always']],
  45: [['Size', 'i', 0, 'always'], ['Checksum', 's', '', 'always'], ['ChecksumType', 's', '', 'always'], ['Tag', 's', '', 'always']],
  46: [STR('Reason')],
};

/** A record of parsed fields plus the extras some events carry. */
export interface Rec {
  [name: string]: number | string | boolean | undefined;
}

export interface Extras {
  /** ordered usage attributes (JobTerminated/NodeTerminated), written before the spec attributes */
  usage?: [string, ClassAdValue][];
  /** ExecuteProps / ToE and other ads written after the spec attributes */
  after?: [string, ClassAdValue][];
  /** JobAdInformation: the job ad merged into the event ad */
  jobAd?: ClassAd;
  /** RemoteError's CriticalError / hold codes and FutureEvent's head: extra attributes in order */
  tail?: [string, ClassAdValue][];
  /** the event has no ClassAd form (C++ toClassAd returns NULL): the bindings fail when its keys are read */
  noAd?: string;
}

/** Writes the spec attributes of `type` from `r` into names/values. */
export function emit(type: number, r: Rec, names: string[], values: ClassAdValue[]): void {
  const spec = SPECS[type];
  if (!spec) return;
  for (let k = 0; k < spec.length; k++) {
    const [name, kind, dflt, cond] = spec[k] as Spec[number];
    const raw = r[name];
    if (raw === undefined && cond === 'present') continue;
    const v = raw === undefined ? dflt : raw;
    switch (cond) {
      case 'nonEmpty':
        if (v === '') continue;
        break;
      case 'nonNeg':
        if ((v as number) < 0) continue;
        break;
      case 'notMinus1':
        if (v === -1) continue;
        break;
      default:
    }
    names.push(name);
    values.push(kind === 'i' ? BigInt(v as number) : v);
  }
}

const s2 = (n: number): string => (n < 10 ? '0' + n : String(n));

/** C++ rusageToStr of user and system seconds. */
export function formatRusage(usr: number, sys: number): string {
  const f = (t: number): string => {
    const d = Math.trunc(t / 86400);
    t -= d * 86400;
    const h = Math.trunc(t / 3600);
    t -= h * 3600;
    const m = Math.trunc(t / 60);
    return `${d} ${s2(h)}:${s2(m)}:${s2(t - m * 60)}`;
  };
  return `Usr ${f(usr)}, Sys ${f(sys)}`;
}
