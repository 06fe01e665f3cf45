/**
 * htcondor.SubsystemType lives in the protocol tables (protocol/enums.json, exported by core's index); here is the
 * subsystem name HTCondor uses for each.
 */
import { SubsystemType } from '../protocol/enums.generated.js';

/** The subsystem name HTCondor uses for each type (get_mySubSystem()->getName()). */
export const SUBSYSTEM_NAMES: Readonly<Record<SubsystemType, string>> = {
  1: 'MASTER', 2: 'COLLECTOR', 3: 'NEGOTIATOR', 4: 'SCHEDD', 5: 'SHADOW', 6: 'STARTD', 7: 'STARTER',
  8: 'GAHP', 9: 'DAGMAN', 10: 'SHARED_PORT', 11: 'DAEMON', 12: 'TOOL', 13: 'SUBMIT', 14: 'JOB',
};
