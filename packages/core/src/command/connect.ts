// Opening a CEDAR stream to a daemon: pick an endpoint from its sinful (falling back along addrs=), connect, and
// speak the shared-port preamble when the address names a shared-port id (sock=).
// Refs: SharedPortClient::sendSharedPortID (src/condor_io/shared_port_client.cpp), Daemon::connectSock.
import { HTCondorAbortError, HTCondorException, HTCondorIOError } from '../errors.js';
import { Commands } from '../protocol/commands.generated.js';
import { connectOrder, parseSinful, type Sinful } from '../address/sinful.js';
import { CedarStream, type CedarStreamOptions } from '../stream/cedar-stream.js';
import type { TransportFactory } from '../transport/transport.js';

export interface ConnectOptions {
  transport: TransportFactory;
  /** Connect and per-read inactivity timeout, in milliseconds. */
  timeoutMs: number;
  signal?: AbortSignal | undefined;
  tap?: CedarStreamOptions['tap'];
  /** Our name in the shared-port daemon's log. */
  clientName?: string;
}

/** Connects to the daemon at `address` (a sinful string or host:port) and returns a stream ready for a command. */
export async function connectToDaemon(address: string | Sinful, options: ConnectOptions): Promise<CedarStream> {
  const sinful = typeof address === 'string' ? parseSinful(address) : address;
  const errors: HTCondorException[] = [];
  for (const ep of connectOrder(sinful)) {
    if (options.signal?.aborted) throw new HTCondorAbortError(`connecting to ${sinful.text} was aborted`, { where: sinful.text, cause: options.signal.reason });
    let transport;
    try {
      transport = await options.transport.connect(ep.host, ep.port, { timeoutMs: options.timeoutMs, signal: options.signal });
    } catch (e) {
      if (e instanceof HTCondorAbortError) throw e;
      errors.push(e instanceof HTCondorException ? e : new HTCondorIOError(String(e), { cause: e }));
      continue;
    }
    const stream = new CedarStream(transport, { timeoutMs: options.timeoutMs, signal: options.signal, tap: options.tap });
    if (sinful.sharedPortId) {
      try {
        await sendSharedPortId(stream, sinful.sharedPortId, options.clientName ?? 'htcondor-ts', options.timeoutMs);
      } catch (e) {
        stream.close();
        throw e;
      }
    }
    return stream;
  }
  const last = errors[errors.length - 1];
  const detail = errors.map((e) => e.message).join('; ');
  throw new HTCondorIOError(`cannot reach the daemon at ${sinful.text}: ${detail}`, { where: sinful.text, cause: last });
}

/**
 * The shared-port preamble: int SHARED_PORT_CONNECT, the daemon's id, our name, the deadline in seconds (-1: none),
 * int 0 (more args), end of message. The daemon behind the shared port never sees it, so the AES-GCM transcript
 * starts after it (except for the shared port's own id "self").
 */
export async function sendSharedPortId(stream: CedarStream, id: string, clientName: string, timeoutMs: number): Promise<void> {
  stream
    .putInt(Commands.SHARED_PORT_CONNECT)
    .putString(id)
    .putString(clientName)
    .putInt(timeoutMs > 0 ? Math.max(1, Math.ceil(timeoutMs / 1000)) : -1)
    .putInt(0);
  await stream.endOfMessage();
  if (id !== 'self') stream.resetTranscript();
}
