/**
 * The bindings' enumerations, as in `htcondor.JobEventType` / `htcondor.FileTransferEventType` (23.9.6).
 * @htcondor-ts/core generates the same objects from protocol/; they are repeated here because this package must not
 * depend on core (a unit test checks that the two copies agree).
 */
export const JobEventType = {
  SUBMIT: 0, EXECUTE: 1, EXECUTABLE_ERROR: 2, CHECKPOINTED: 3, JOB_EVICTED: 4, JOB_TERMINATED: 5, IMAGE_SIZE: 6,
  SHADOW_EXCEPTION: 7, GENERIC: 8, JOB_ABORTED: 9, JOB_SUSPENDED: 10, JOB_UNSUSPENDED: 11, JOB_HELD: 12,
  JOB_RELEASED: 13, NODE_EXECUTE: 14, NODE_TERMINATED: 15, POST_SCRIPT_TERMINATED: 16, GLOBUS_SUBMIT: 17,
  GLOBUS_SUBMIT_FAILED: 18, GLOBUS_RESOURCE_UP: 19, GLOBUS_RESOURCE_DOWN: 20, REMOTE_ERROR: 21,
  JOB_DISCONNECTED: 22, JOB_RECONNECTED: 23, JOB_RECONNECT_FAILED: 24, GRID_RESOURCE_UP: 25,
  GRID_RESOURCE_DOWN: 26, GRID_SUBMIT: 27, JOB_AD_INFORMATION: 28, JOB_STATUS_UNKNOWN: 29, JOB_STATUS_KNOWN: 30,
  JOB_STAGE_IN: 31, JOB_STAGE_OUT: 32, ATTRIBUTE_UPDATE: 33, PRESKIP: 34, CLUSTER_SUBMIT: 35, CLUSTER_REMOVE: 36,
  FACTORY_PAUSED: 37, FACTORY_RESUMED: 38, NONE: 39, FILE_TRANSFER: 40, RESERVE_SPACE: 41, RELEASE_SPACE: 42,
  FILE_COMPLETE: 43, FILE_USED: 44, FILE_REMOVED: 45, DATAFLOW_JOB_SKIPPED: 46,
} as const;
export type JobEventType = (typeof JobEventType)[keyof typeof JobEventType];

export const FileTransferEventType = {
  IN_QUEUED: 1, IN_STARTED: 2, IN_FINISHED: 3, OUT_QUEUED: 4, OUT_STARTED: 5, OUT_FINISHED: 6,
} as const;
export type FileTransferEventType = (typeof FileTransferEventType)[keyof typeof FileTransferEventType];

/** MyType of each event's ClassAd (C++ ULogEvent::toClassAd); numbers not listed are "FutureEvent". */
export const EVENT_MY_TYPES: Readonly<Record<number, string>> = {
  0: 'SubmitEvent', 1: 'ExecuteEvent', 2: 'ExecutableErrorEvent', 3: 'CheckpointedEvent', 4: 'JobEvictedEvent',
  5: 'JobTerminatedEvent', 6: 'JobImageSizeEvent', 7: 'ShadowExceptionEvent', 8: 'GenericEvent', 9: 'JobAbortedEvent',
  10: 'JobSuspendedEvent', 11: 'JobUnsuspendedEvent', 12: 'JobHeldEvent', 13: 'JobReleaseEvent',
  14: 'NodeExecuteEvent', 15: 'NodeTerminatedEvent', 16: 'PostScriptTerminatedEvent', 21: 'RemoteErrorEvent',
  22: 'JobDisconnectedEvent', 23: 'JobReconnectedEvent', 24: 'JobReconnectFailedEvent', 25: 'GridResourceUpEvent',
  26: 'GridResourceDownEvent', 27: 'GridSubmitEvent', 28: 'JobAdInformationEvent', 33: 'AttributeUpdateEvent',
  35: 'ClusterSubmitEvent', 36: 'ClusterRemoveEvent', 37: 'FactoryPausedEvent', 38: 'FactoryResumedEvent',
  40: 'FileTransferEvent', 41: 'ReserveSpaceEvent', 42: 'ReleaseSpaceEvent', 43: 'FileCompleteEvent',
  44: 'FileUsedEvent', 45: 'FileRemovedEvent', 46: 'DataflowJobSkippedEvent',
};
