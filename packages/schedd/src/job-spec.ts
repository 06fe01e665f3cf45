// Which jobs a command acts on: the bindings' `job_spec` (a list of "cluster.proc" ids, one id as a string, or a
// constraint). The bindings decide by shape (`job_spec_hack` in htcondor2/_schedd.py): a list means ids, a string that
// looks like "123" or "123.4" means one id, anything else is a constraint.
import { unparse, type ExprTree } from '@htcondor-ts/classad';
import { HTCondorValueError } from '@htcondor-ts/core';
import { constraintExpr, type Constraint } from '@htcondor-ts/collector';

/**
 * Jobs by id ("12.0", or "12" for a whole cluster: every job for act(), the cluster ad that its jobs inherit for
 * edit()) or by constraint (a string or an ExprTree).
 */
export type JobSpec = readonly string[] | Constraint;

export interface JobId {
  cluster: number;
  /** -1 for "the whole cluster" (the id "12"). */
  proc: number;
}

export type ResolvedJobSpec = { kind: 'ids'; ids: JobId[]; text: string[] } | { kind: 'constraint'; expr: ExprTree; text: string };

const ID = /^\s*(\d+)(?:\.(\d+))?\s*$/;

/** Parses one "cluster[.proc]" id; throws HTCondorValueError naming the bad id. */
export function parseJobId(id: string): JobId {
  const m = ID.exec(id);
  if (!m) throw new HTCondorValueError(`${JSON.stringify(id)} is not a job id: use "cluster.proc" (e.g. "12.0") or "cluster"`);
  const cluster = Number(m[1]);
  const proc = m[2] === undefined ? -1 : Number(m[2]);
  if (!Number.isSafeInteger(cluster) || cluster > 0x7fffffff || proc > 0x7fffffff) {
    throw new HTCondorValueError(`job id ${JSON.stringify(id)} is out of range`);
  }
  return { cluster, proc };
}

export function formatJobId(id: JobId): string {
  return id.proc < 0 ? String(id.cluster) : `${id.cluster}.${id.proc}`;
}

/**
 * Resolves a JobSpec as the bindings do. An empty constraint means every job ("true"), as in the bindings' act and
 * edit; an empty id list is refused (the schedd would have nothing to act on and say so less clearly).
 */
export function resolveJobSpec(spec: JobSpec): ResolvedJobSpec {
  if (Array.isArray(spec)) {
    const list = spec as readonly string[];
    if (list.length === 0) throw new HTCondorValueError('the job id list is empty: give at least one "cluster.proc" id, or a constraint');
    const ids = list.map((s) => {
      if (typeof s !== 'string') throw new HTCondorValueError(`job ids must be strings like "12.0", not ${typeof s}`);
      return parseJobId(s);
    });
    return { kind: 'ids', ids, text: ids.map(formatJobId) };
  }
  if (typeof spec === 'string') {
    if (ID.test(spec)) {
      const id = parseJobId(spec);
      return { kind: 'ids', ids: [id], text: [formatJobId(id)] };
    }
    const c = spec.trim() === '' ? 'true' : spec;
    const expr = constraintExpr(c);
    return { kind: 'constraint', expr, text: unparse(expr) };
  }
  const expr = constraintExpr(spec as Constraint);
  return { kind: 'constraint', expr, text: unparse(expr) };
}
