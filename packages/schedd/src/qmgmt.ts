// The queue-management RPC client: the calls of src/condor_schedd.V6/qmgmt_send_stubs.cpp that edit and
// transactions need, over one QMGMT_WRITE_CMD (1112) connection. Server side: handle_q (qmgmt.cpp) and do_Q_request
// (qmgmt_receivers.cpp).
//
// Facts the layout depends on (checked against the 23.9.6 sources):
// - Each RPC is `int rpc#` + arguments + EOM; the reply is `int rval` (+ `int errno` when rval < 0) + EOM.
// - The flags of SetAttribute2 / SetAttributeByConstraint2 travel as ONE BYTE (SetAttributePublicFlags_t is an
//   unsigned char; Stream::put(unsigned char) writes one byte), while CommitTransaction's flags are an int.
// - SetAttribute with the NoAck flag gets no reply; a failure is recorded in the schedd's per-transaction error
//   stack (g_transaction_error) and reported by the commit. That stack only exists after BeginTransaction or
//   NewCluster, and is a static that can outlive a connection which failed without committing, so a connection
//   starts with AbortTransaction + BeginTransaction: a fresh stack, and the schedd's implicit transaction replaced.
//   (A bare BeginTransaction would trip ASSERT(!active_transaction) in ClassAdLog: handle_q has already begun one.)
// - The schedd serves a write connection in its main loop and does nothing else until the connection closes, so a
//   transaction must not wait on other calls to the same schedd.
import { HTCondorProtocolError, type CedarStream } from '@htcondor-ts/core';

export const QmgmtRpc = {
  SetAttribute: 10006,
  CommitTransactionNoFlags: 10007,
  DeleteAttribute: 10012,
  SetAttributeByConstraint: 10021,
  BeginTransaction: 10023,
  AbortTransaction: 10024,
  SetAttribute2: 10027,
  CloseSocket: 10028,
  CommitTransaction: 10031,
  SetAttributeByConstraint2: 10032,
} as const;

/** SetAttribute flags (condor_qmgr.h); only the low 8 bits go on the wire. */
export const SetAttributeFlags = {
  NonDurable: 1,
  NoAck: 2,
  SetDirty: 4,
  ShouldLog: 8,
  OnlyMyJobs: 16,
  QueryOnly: 32,
  PostSubmitClusterChange: 128,
} as const;

export interface RpcReply {
  rval: number;
  /** The schedd's errno when rval < 0. */
  errno?: number;
}

export interface CommitReply extends RpcReply {
  /** ErrorReason / WarningReason of the reply ad, when the schedd sent one. */
  errorReason?: string;
  errorCode?: number;
  warning?: string;
}

/** One write connection's RPCs. Stateless beyond the stream; Transaction keeps the bookkeeping. */
export class QmgmtStream {
  readonly stream: CedarStream;
  readonly where: string;
  constructor(stream: CedarStream, where: string) {
    this.stream = stream;
    this.where = where;
  }

  async #reply(what: string): Promise<RpcReply> {
    const rval = await this.stream.getInt();
    if (rval < 0) {
      const errno = await this.stream.getInt();
      await this.stream.finishMessage();
      return { rval, errno };
    }
    await this.stream.finishMessage();
    if (!Number.isInteger(rval)) throw new HTCondorProtocolError(`bad reply to ${what} from ${this.where}`, { where: this.where });
    return { rval };
  }

  /** AbortTransaction then BeginTransaction, sent together; see the header for why. */
  async freshTransaction(): Promise<void> {
    this.stream.putInt(QmgmtRpc.AbortTransaction);
    await this.stream.endOfMessage();
    this.stream.putInt(QmgmtRpc.BeginTransaction);
    await this.stream.endOfMessage();
    await this.#reply('AbortTransaction');
    const r = await this.#reply('BeginTransaction');
    if (r.rval < 0) throw new HTCondorProtocolError(`the schedd at ${this.where} could not begin a transaction (errno ${r.errno})`, { where: this.where });
  }

  /** SetAttribute2 without an acknowledgement (errors come back at commit). Value before name, as on the wire. */
  async setAttributeNoAck(cluster: number, proc: number, name: string, value: string, flags: number): Promise<void> {
    const f = (flags | SetAttributeFlags.NoAck) & 0xff;
    this.stream.putInt(QmgmtRpc.SetAttribute2).putInt(cluster).putInt(proc).putString(value).putString(name).putChar(f);
    await this.stream.endOfMessage();
  }

  /** SetAttributeByConstraint2 (always answered): rval is the number of jobs matched, or -1 with errno. */
  async setAttributeByConstraint(constraint: string, name: string, value: string, flags: number): Promise<RpcReply> {
    const f = flags & 0xff;
    this.stream.putInt(f ? QmgmtRpc.SetAttributeByConstraint2 : QmgmtRpc.SetAttributeByConstraint).putString(constraint).putString(value).putString(name);
    if (f) this.stream.putChar(f);
    await this.stream.endOfMessage();
    return this.#reply('SetAttributeByConstraint');
  }

  /** DeleteAttribute (answered). */
  async deleteAttribute(cluster: number, proc: number, name: string): Promise<RpcReply> {
    this.stream.putInt(QmgmtRpc.DeleteAttribute).putInt(cluster).putInt(proc).putString(name);
    await this.stream.endOfMessage();
    return this.#reply('DeleteAttribute');
  }

  /** CommitTransaction (RemoteCommitTransaction): rval, errno if < 0, then an optional ad (peek for it). */
  async commit(flags: number): Promise<CommitReply> {
    const f = flags & 0xff;
    if (f === 0) this.stream.putInt(QmgmtRpc.CommitTransactionNoFlags);
    else this.stream.putInt(QmgmtRpc.CommitTransaction).putInt(f);
    await this.stream.endOfMessage();
    const rval = await this.stream.getInt();
    const out: CommitReply = { rval };
    if (rval < 0) out.errno = await this.stream.getInt();
    if (!(await this.stream.peekEndOfMessage())) {
      const ad = await this.stream.getClassAd();
      const reason = ad.get('ErrorReason');
      const code = ad.get('ErrorCode');
      const warning = ad.get('WarningReason');
      if (typeof reason === 'string') out.errorReason = reason;
      if (typeof code === 'bigint') out.errorCode = Number(code);
      if (typeof warning === 'string' && warning !== '') out.warning = warning;
    }
    await this.stream.finishMessage();
    return out;
  }

  /** AbortTransaction (answered). */
  async abort(): Promise<RpcReply> {
    this.stream.putInt(QmgmtRpc.AbortTransaction);
    await this.stream.endOfMessage();
    return this.#reply('AbortTransaction');
  }

  /** CloseSocket (no reply), then the connection. The schedd aborts anything not committed. */
  async close(): Promise<void> {
    try {
      if (!this.stream.closed) {
        this.stream.putInt(QmgmtRpc.CloseSocket);
        await this.stream.endOfMessage();
      }
    } catch {
      // The connection is going away either way; the schedd aborts an uncommitted transaction when it sees EOF.
    } finally {
      this.stream.close();
    }
  }
}
