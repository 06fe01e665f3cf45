/** htcondor.SubsystemType, with the same numbers as the Python bindings. */
export const SubsystemType = {
  Master: 1,
  Collector: 2,
  Negotiator: 3,
  Schedd: 4,
  Shadow: 5,
  Startd: 6,
  Starter: 7,
  GAHP: 8,
  Dagman: 9,
  SharedPort: 10,
  Daemon: 11,
  Tool: 12,
  Submit: 13,
  Job: 14,
} as const;
export type SubsystemType = (typeof SubsystemType)[keyof typeof SubsystemType];

/** The subsystem name HTCondor uses for each type (get_mySubSystem()->getName()). */
export const SUBSYSTEM_NAMES: Readonly<Record<SubsystemType, string>> = {
  1: 'MASTER', 2: 'COLLECTOR', 3: 'NEGOTIATOR', 4: 'SCHEDD', 5: 'SHADOW', 6: 'STARTD', 7: 'STARTER',
  8: 'GAHP', 9: 'DAGMAN', 10: 'SHARED_PORT', 11: 'DAEMON', 12: 'TOOL', 13: 'SUBMIT', 14: 'JOB',
};
