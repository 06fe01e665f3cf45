// Reaching a daemon behind a firewall through CCB (src/ccb/ccb_client.cpp, CCBClient::ReverseConnect_blocking):
// the daemon keeps a connection open to a CCB broker (normally the collector) and its address carries
// CCBID=<broker address>#<id>. We listen on a port of our own, ask the broker (CCB_REQUEST with
// {CCBID, ClaimId = a fresh connect id, Name, MyAddress = where we listen}) to have the daemon connect to us, accept
// its connection, check its hello (int CCB_REVERSE_CONNECT, {ClaimId, ...}, EOM: plain CEDAR), and then speak as
// the client on that connection: security negotiation and the command, as on any other. The broker answers
// {Result = false, ErrorString} when it cannot pass the request on.
import { randomBytes } from 'node:crypto';
import { connect as tcpConnect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { ClassAd } from '@htcondor-ts/classad';
import {
  CedarStream,
  Commands,
  DaemonClient,
  HTCondorAbortError,
  HTCondorIOError,
  HTCondorTimeoutError,
  HTCondorValueError,
  nodeTcp,
  parseSinful,
  type TransportConnectOptions as ConnectOptionsLike,
  type SecurityProvider,
  type Sinful,
  type Transport,
  type TransportFactory,
} from '@htcondor-ts/core';
import { SocketTransport } from './socket-transport.js';

export interface ReverseConnectOptions {
  /** The security context for the CCB_REQUEST to the broker (the broker's READ level is enough). */
  security?: SecurityProvider | undefined;
  /** The address the daemon should connect back to; default: our address on the route to the broker. */
  returnHost?: string;
  /** Who we are, in the broker's and the daemon's logs. */
  name?: string;
}

/** The broker address and id of one CCB contact ("<broker sinful or host:port>#<id>"). */
export function splitCcbContact(contact: string): { broker: Sinful; id: string } {
  const hash = contact.lastIndexOf('#');
  if (hash <= 0 || hash === contact.length - 1) throw new HTCondorValueError(`bad CCB contact ${JSON.stringify(contact)}: expected <broker address>#<id>`);
  const addr = contact.slice(0, hash);
  return { broker: parseSinful(addr.startsWith('<') ? addr : `<${addr}>`), id: contact.slice(hash + 1) };
}

/** Our address as the broker sees it: the local end of a TCP connection to it. */
function localAddressToward(host: string, port: number, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const s: Socket = tcpConnect({ host, port });
    const t = setTimeout(() => {
      s.destroy();
      reject(new HTCondorTimeoutError(`could not reach the CCB broker ${host}:${port} within ${timeoutMs} ms`));
    }, timeoutMs);
    s.once('connect', () => {
      clearTimeout(t);
      const local = s.localAddress;
      s.destroy();
      if (local) resolve(local);
      else reject(new HTCondorIOError(`no local address toward the CCB broker ${host}:${port}`));
    });
    s.once('error', (e) => {
      clearTimeout(t);
      reject(new HTCondorIOError(`could not reach the CCB broker ${host}:${port}: ${e.message}`, { cause: e }));
    });
  });
}

/** Accepts connections on `server` until one says hello with `connectId`. */
function awaitReversed(server: Server, connectId: string, timeoutMs: number): { promise: Promise<Transport>; cancel: () => void } {
  let cancel = (): void => {};
  const promise = new Promise<Transport>((resolve, reject) => {
    cancel = () => reject(new HTCondorAbortError('the reverse connection was cancelled'));
    server.on('connection', (socket: Socket) => {
      const peer = `${socket.remoteAddress ?? '?'}:${socket.remotePort ?? '?'}`;
      const transport = new SocketTransport(socket, peer);
      const hello = new CedarStream(transport, { timeoutMs });
      void (async () => {
        try {
          const cmd = await hello.getInt();
          const ad = await hello.getClassAd();
          await hello.finishMessage();
          if (cmd === Commands.CCB_REVERSE_CONNECT && ad.get('ClaimId') === connectId) resolve(transport);
          else transport.close();
        } catch {
          transport.close();
        }
      })();
    });
  });
  return { promise, cancel };
}

/**
 * A TransportFactory that reaches the daemon whose address carries `ccbContact` (the CCBID parameter, one or more
 * contacts separated by spaces) by reverse connection. Give it to a DaemonClient (or any daemon client's options)
 * for that daemon; the host and port it is asked for are ignored. Daemons behind a shared port are not supported
 * (their reversed connection would still expect a shared-port id).
 */
export function reverseConnectTransport(ccbContact: string, options: ReverseConnectOptions = {}): TransportFactory {
  const contacts = ccbContact.split(/\s+/).filter(Boolean).map(splitCcbContact);
  if (contacts.length === 0) throw new HTCondorValueError('the CCB contact is empty');
  return {
    async connect(_host: string, _port: number, opts: ConnectOptionsLike): Promise<Transport> {
      const errors: string[] = [];
      for (const { broker, id } of contacts) {
        try {
          return await viaBroker(broker, id, options, opts);
        } catch (e) {
          if (opts.signal?.aborted) throw e;
          errors.push(`${broker.text}#${id}: ${(e as Error).message}`);
        }
      }
      throw new HTCondorIOError(`no CCB broker could get the daemon to connect back (${errors.join('; ')}); is our return address reachable from it?`);
    },
  };
}

async function viaBroker(broker: Sinful, id: string, options: ReverseConnectOptions, opts: ConnectOptionsLike): Promise<Transport> {
  const ep = broker.endpoints[0] ?? { host: broker.host, port: broker.port };
  const returnHost = options.returnHost ?? (await localAddressToward(ep.host, ep.port, opts.timeoutMs));
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, returnHost, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const connectId = randomBytes(20).toString('hex');
  const reversed = awaitReversed(server, connectId, opts.timeoutMs);
  const client = new DaemonClient(broker, { transport: nodeTcp, security: options.security, timeoutMs: opts.timeoutMs });
  let request: CedarStream | undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const onAbort = (): void => reversed.cancel();
  opts.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    request = await client.startCommand(Commands.CCB_REQUEST, { timeoutMs: opts.timeoutMs, ...(opts.signal ? { signal: opts.signal } : {}) });
    const ad = new ClassAd({ CCBID: id, ClaimId: connectId, Name: options.name ?? 'htcondor-ts', MyAddress: `<${returnHost.includes(':') ? `[${returnHost}]` : returnHost}:${port}>` });
    request.putClassAd(ad);
    await request.endOfMessage();
    const brokerSaysNo = request.getClassAd().then((reply) => {
      if (reply.get('Result') !== true) {
        const why = reply.get('ErrorString');
        throw new HTCondorIOError(`the CCB broker ${broker.text} could not reach daemon ${id}: ${typeof why === 'string' ? why : 'no reason given'}`);
      }
      return new Promise<never>(() => {}); // success is the daemon's connection, not this reply
    });
    brokerSaysNo.catch(() => undefined);
    const timeout = new Promise<never>((_r, reject) => {
      timer = setTimeout(() => reject(new HTCondorTimeoutError(`the daemon did not connect back through CCB broker ${broker.text} within ${opts.timeoutMs} ms`)), opts.timeoutMs);
    });
    return await Promise.race([reversed.promise, brokerSaysNo, timeout]);
  } finally {
    if (timer) clearTimeout(timer);
    opts.signal?.removeEventListener('abort', onAbort);
    reversed.cancel();
    request?.close();
    server.close();
  }
}
