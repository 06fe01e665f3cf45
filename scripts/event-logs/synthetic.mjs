// Hand-written text event logs for the event types and header forms real jobs in a personal pool do not produce,
// written as the 23.9.6 formatBody of each event class prints them (condor_event.cpp), plus variants each reader must
// tolerate. The recorder (scripts/record-event-logs.mjs) has the bindings read them, so every one is a differential
// case. `synthetic-corrupt` holds an event the bindings reject (ULOG_RD_ERROR) after good ones. The space-reservation
// events (041-045) are written here with their first field on the header line: 23.9.6 formats them with a line break
// there, which its own reader then rejects (a parse error for both readers).
const H = '<127.0.0.1:9618?addrs=127.0.0.1-9618&alias=vm&noUDP&sock=schedd_1_2>';
const S = '<127.0.0.1:9618?addrs=127.0.0.1-9618&alias=vm&noUDP&sock=startd_1_2>';
const U0 = '\t\tUsr 0 00:00:00, Sys 0 00:00:00';

export const SYNTHETIC = {
  'synthetic-events': [
    `000 (100.000.000) 2026-11-25 08:31:24 Job submitted from host: ${H}\n    DAG Node: A\n    some user notes\n    WARNING: Committed job submission into the queue with the following warning(s): disk may be low\n...\n`,
    `001 (100.000.000) 2026-11-25 08:31:25 Job executing on host: ${S}\n\tSlotName: "slot1_1@vm"\n\tCpus = 2\n\tMemory = 1.5\n\tName = "x"\n\tGPUs = { "a", "b" }\n...\n`,
    `001 (100.000.000) 2026-11-25 08:31:25 Job executing on host: ${S}\n...\n`,
    `002 (100.000.000) 2026-11-25 08:31:26 (0) Job file not executable.\n...\n`,
    `002 (100.000.000) 2026-11-25 08:31:26 (1) Job not properly linked for Condor.\n...\n`,
    `002 (100.000.000) 2026-11-25 08:31:26 (7) [Bad error number.]\n...\n`,
    `003 (100.000.000) 2026-11-25 08:31:27 Job was checkpointed.\n\tUsr 0 00:00:01, Sys 0 00:00:02  -  Run Remote Usage\n\tUsr 1 02:03:04, Sys 0 00:00:00  -  Run Local Usage\n\t1234  -  Run Bytes Sent By Job For Checkpoint\n...\n`,
    `004 (100.000.000) 2026-11-25 08:31:28 Job was evicted.\n\t(1) Job was checkpointed.\n${U0}  -  Run Remote Usage\n${U0}  -  Run Local Usage\n\t100  -  Run Bytes Sent By Job\n\t200  -  Run Bytes Received By Job\n...\n`,
    `004 (100.000.000) 2026-11-25 08:31:28 Job was evicted.\n\t(0) Job terminated and was requeued\n${U0}  -  Run Remote Usage\n${U0}  -  Run Local Usage\n\t100  -  Run Bytes Sent By Job\n\t200  -  Run Bytes Received By Job\n\t(0) Abnormal termination (signal 11)\n\t(1) Corefile in: /tmp/core.123\n\trequeued: on_exit_remove was false\n...\n`,
    `004 (100.000.000) 2026-11-25 08:31:28 Job was evicted.\n\t(0) Job terminated and was requeued\n${U0}  -  Run Remote Usage\n${U0}  -  Run Local Usage\n\t100  -  Run Bytes Sent By Job\n\t200  -  Run Bytes Received By Job\n\t(1) Normal termination (return value 4)\n...\n`,
    `005 (100.000.000) 2026-11-25 08:31:29 Job terminated.\n\t(0) Abnormal termination (signal 6)\n\t(1) Corefile in: /var/core.1\n\t\tUsr 1 02:03:04, Sys 0 00:00:05  -  Run Remote Usage\n${U0}  -  Run Local Usage\n\t\tUsr 1 02:03:04, Sys 0 00:00:05  -  Total Remote Usage\n${U0}  -  Total Local Usage\n\t16777217  -  Run Bytes Sent By Job\n\t0.5  -  Run Bytes Received By Job\n\t16777217  -  Total Bytes Sent By Job\n\t3  -  Total Bytes Received By Job\n\tPartitionable Resources :    Usage  Request Allocated Assigned\n\t   Cpus                 :     0.50        1         1 \n\t   Disk (KB)            :       14    10240     11264 \n\t   GPUs                 :        0        1         1 GPU-abc\n\t   Memory (MB)          :        4       64       128 \n\n\tJob terminated by the startd at 2026-11-25T08:31:32Z (using method 1: DEACTIVATE_CLAIM).\n...\n`,
    `005 (100.000.000) 2026-11-25 08:31:29 Job terminated.\n\t(1) Normal termination (return value 0)\n${U0}  -  Run Remote Usage\n${U0}  -  Run Local Usage\n${U0}  -  Total Remote Usage\n${U0}  -  Total Local Usage\n\t0  -  Run Bytes Sent By Job\n\t0  -  Run Bytes Received By Job\n\t0  -  Total Bytes Sent By Job\n\t0  -  Total Bytes Received By Job\n\n\tJob terminated of its own accord at 2026-11-25T08:31:32Z with signal 9.\n...\n`,
    `005 (100.000.000) 2026-11-25 08:31:29 Job terminated.\n\t(1) Normal termination (return value 1)\n${U0}  -  Run Remote Usage\n${U0}  -  Run Local Usage\n${U0}  -  Total Remote Usage\n${U0}  -  Total Local Usage\n...\n`,
    `006 (100.000.000) 2026-11-25 08:31:30 Image size of job updated: 1000\n\t10  -  MemoryUsage of job (MB)\n\t900  -  ResidentSetSize of job (KB)\n\t800  -  ProportionalSetSize of job (KB)\n...\n`,
    `006 (100.000.000) 2026-11-25 08:31:30 Image size of job updated: 1000\n...\n`,
    `007 (100.000.000) 2026-11-25 08:31:31 Shadow exception!\n\tError from starter on slot1@vm: something broke\n\t10  -  Run Bytes Sent By Job\n\t20  -  Run Bytes Received By Job\n...\n`,
    `008 (100.000.000) 2026-11-25 08:31:32 Global JobLog: ctime=1700000000 id=abc sequence=1 size=0 events=0 offset=0 event_off=0 max_rotation=1 creator_name=<>\n...\n`,
    `009 (100.000.000) 2026-11-25 08:31:33 Job was aborted.\n\tvia condor_rm (by user alice)\n\n\tJob terminated by the schedd at 2026-11-25T08:31:32Z (using method 2: DEACTIVATE_CLAIM_FORCIBLY).\n...\n`,
    `009 (100.000.000) 2026-11-25 08:31:33 Job was aborted by the user.\n...\n`,
    `010 (100.000.000) 2026-11-25 08:31:34 Job was suspended.\n\tNumber of processes actually suspended: 3\n...\n`,
    `011 (100.000.000) 2026-11-25 08:31:35 Job was unsuspended.\n...\n`,
    `012 (100.000.000) 2026-11-25 08:31:36 Job was held.\n\tReason unspecified\n\tCode 0 Subcode 0\n...\n`,
    `012 (100.000.000) 2026-11-25 08:31:36 Job was held.\n\tError from slot1@vm: Failed to execute '/x': (errno=2: 'No such file or directory')\n\tCode 6 Subcode 2\n...\n`,
    `013 (100.000.000) 2026-11-25 08:31:37 Job was released.\n...\n`,
    `014 (100.000.000) 2026-11-25 08:31:38 Node 3 executing on host: ${S}\n\tSlotName: slot2@vm\n...\n`,
    `015 (100.000.000) 2026-11-25 08:31:39 Node 3 terminated.\n\t(1) Normal termination (return value 2)\n${U0}  -  Run Remote Usage\n${U0}  -  Run Local Usage\n${U0}  -  Total Remote Usage\n${U0}  -  Total Local Usage\n\t5  -  Run Bytes Sent By Node\n\t6  -  Run Bytes Received By Node\n\t7  -  Total Bytes Sent By Node\n\t8  -  Total Bytes Received By Node\n...\n`,
    `016 (100.000.000) 2026-11-25 08:31:40 POST Script terminated.\n\t(0) Abnormal termination (signal 15)\n    DAG Node: B\n...\n`,
    `017 (100.000.000) 2026-11-25 08:31:41 Job submitted to Globus\n    RM-Contact: x\n    JM-Contact: y\n    Can-Restart-JM: 1\n...\n`,
    `021 (100.000.000) 2026-11-25 08:31:42 Error from starter on slot1@vm:\n\tfirst line\n\tsecond line\n\tCode 12 Subcode 13\n...\n`,
    `021 (100.000.000) 2026-11-25 08:31:42 Warning from starter on slot1@vm:\n\tjust a warning\n...\n`,
    `022 (100.000.000) 2026-11-25 08:31:43 Job disconnected, attempting to reconnect\n    Socket between submit and execute hosts closed unexpectedly\n    Trying to reconnect to slot1@vm ${S}\n...\n`,
    `023 (100.000.000) 2026-11-25 08:31:44 Job reconnected to slot1@vm\n    startd address: ${S}\n    starter address: <127.0.0.1:5555>\n...\n`,
    `024 (100.000.000) 2026-11-25 08:31:45 Job reconnection failed\n    Job lease expired\n    Can not reconnect to slot1@vm, rescheduling job\n...\n`,
    `025 (100.000.000) 2026-11-25 08:31:46 Grid Resource Back Up\n    GridResource: batch slurm\n...\n`,
    `026 (100.000.000) 2026-11-25 08:31:47 Detected Down Grid Resource\n    GridResource: batch slurm\n...\n`,
    `027 (100.000.000) 2026-11-25 08:31:48 Job submitted to grid resource\n    GridResource: batch slurm\n    GridJobId: batch slurm 123\n...\n`,
    `028 (100.000.000) 2026-11-25 08:31:49 Job ad information event triggered.\nA = 1\nB = 2.5\nC = true\nD = "str"\nE = A + 1\nF = { 1, 2 }\nEventTime = "1999-01-01T00:00:00"\nG = undefined\n...\n`,
    `029 (100.000.000) 2026-11-25 08:31:50 The job's remote status is unknown\n...\n`,
    `030 (100.000.000) 2026-11-25 08:31:51 The job's remote status is known again\n...\n`,
    `031 (100.000.000) 2026-11-25 08:31:52 Job is performing stage-in of input files\n...\n`,
    `032 (100.000.000) 2026-11-25 08:31:53 Job is performing stage-out of output files\n...\n`,
    `033 (100.000.000) 2026-11-25 08:31:54 Changing job attribute JobPrio from 0 to 5\n...\n`,
    `033 (100.000.000) 2026-11-25 08:31:54 Setting job attribute JobPrio to 5\n...\n`,
    `034 (100.000.000) 2026-11-25 08:31:55 PRE script return value is PRE_SKIP value\n    DAG Node: C\n...\n`,
    `035 (101.-01.000) 2026-11-25 08:31:56 Cluster submitted from host: ${H}\n...\n`,
    `036 (101.-01.000) 2026-11-25 08:31:57 Cluster removed\n\tMaterialized 4 jobs from 2 items.\tError -5\n\tsome notes\n...\n`,
    `036 (101.-01.000) 2026-11-25 08:31:57 Cluster removed\n\tMaterialized 4 jobs from 2 items.\tPaused\n...\n`,
    `037 (101.-01.000) 2026-11-25 08:31:58 Job Materialization Paused\n\tpaused by the user\n\tPauseCode 1\n\tHoldCode 7\n...\n`,
    `038 (101.-01.000) 2026-11-25 08:31:59 Job Materialization Resumed\n\tresumed\n...\n`,
    `040 (100.000.000) 2026-11-25 08:32:00 Entered queue to transfer output files\n\tSeconds spent in queue: 42\n\tTransferring to host: ${S}\n...\n`,
    `040 (100.000.000) 2026-11-25 08:32:00 Finished transferring output files\n...\n`,
    `041 (100.000.000) 2026-11-25 08:32:01 Bytes reserved: 1000\n\tReservation Expiration: 1800000000\n\tReservation UUID: 1234-5678\n\tTag: mytag\n...\n`,
    `042 (100.000.000) 2026-11-25 08:32:02 Reservation UUID: 1234-5678\n...\n`,
    `043 (100.000.000) 2026-11-25 08:32:03 Bytes: 77\n\tChecksum Value: abc\n\tChecksum Type: SHA256\n\tUUID: 99\n...\n`,
    `044 (100.000.000) 2026-11-25 08:32:04 Checksum Value: abc\n\tChecksum Type: SHA256\n\tTag: t\n...\n`,
    `045 (100.000.000) 2026-11-25 08:32:05 Bytes: 77\n\tChecksum Value: abc\n\tChecksum Type: SHA256\n\tTag: t\n...\n`,
    `046 (100.000.000) 2026-11-25 08:32:06 Dataflow job was skipped.\n\toutputs are newer\n...\n`,
    `047 (100.000.000) 2026-11-25 08:32:07 Something from the future\nFoo = 1\nBar = "x"\nnot an attribute\n...\n`,
    `039 (100.000.000) 2026-11-25 08:32:08 none\n...\n`,
  ].join(''),
  'synthetic-headers': [
    `000 (100.000.000) 2026-11-25 08:31:24Z Job submitted from host: ${H}\n...\n`,
    `000 (100.000.000) 2026-11-25 08:31:24.123 Job submitted from host: ${H}\n...\n`,
    `000 (100.000.000) 2026-11-25 08:31:24.007Z Job submitted from host: ${H}\n...\n`,
    `000 (100.000.000) 2026-11-25T08:31:24 Job submitted from host: ${H}\n...\n`,
    `000 (12345.6789.012) 2026-02-28 23:59:59 Job submitted from host: ${H}\n...\n`,
    `000 (1.0.0) 2026-12-31 23:59:60 Job submitted from host: ${H}\n...\n`,
    `000 (100.000.000) 2026-11-25 08:31:24 Job submitted from host: ${H}\r\n...\r\n`,
    `011 (100.000.000) 2026-11-25 08:31:35 Job was unsuspended.\nan extra line the reader ignores\n...\n`,
  ].join(''),
  'synthetic-legacy': [`000 (100.000.000) 11/25 08:31:24 Job submitted from host: ${H}\n...\n`, `001 (100.000.000) 02/03 04:05:06 Job executing on host: ${S}\n...\n`].join(''),
  'synthetic-corrupt': [
    `000 (100.000.000) 2026-11-25 08:31:24 Job submitted from host: ${H}\n...\n`,
    `010 (100.000.000) 2026-11-25 08:31:34 Job was suspended.\n\tNumber of processes: lots\n...\n`,
    `011 (100.000.000) 2026-11-25 08:31:35 Job was unsuspended.\n...\n`,
  ].join(''),
};

/**
 * XML and JSON logs holding the ads of every synthetic text event: each event as our reader gives it (itself checked
 * against the bindings on the text log), unparsed with the classad package's C++-identical XML and JSON writers, as
 * a log with `log_xml` or UserLogUseXML = 2 would hold it. The bindings then read these through their own
 * initFromClassAd/toClassAd path, so every event type is a differential case in those formats too.
 * Needs the built packages (pnpm build).
 */
export async function adLogs() {
  const { JobEventLog } = await import('../../packages/event-log/dist/esm/index.js');
  const { unparseXml } = await import('../../packages/classad/dist/esm/index.js');
  const events = [...new JobEventLog(new TextEncoder().encode(SYNTHETIC['synthetic-events']))];
  // the writer prints EventTime with milliseconds; keep a few so that path is exercised too
  const ads = events.map((e, i) => {
    const ad = e.toClassAd();
    if (i % 3 === 0) ad.set('EventTime', `${ad.get('EventTime')}.${String(100 + i).padStart(3, '0')}`);
    return ad;
  });
  return {
    'synthetic-xml': ads.map((ad) => unparseXml(ad)).join(''),
    'synthetic-json': ads.map((ad) => ad.printJson() + '\n').join(''),
  };
}
