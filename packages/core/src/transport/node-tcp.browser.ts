// What a browser build gets for node-tcp.ts (the package's "browser" field swaps the module; nothing sniffs the
// runtime): the same export, refusing with a clear error instead of pulling node:net into the bundle.
import { HTCondorValueError } from '../errors.js';
import type { Transport, TransportFactory } from './transport.js';

export const nodeTcp: TransportFactory = {
  connect(): Promise<Transport> {
    return Promise.reject(new HTCondorValueError('Node TCP is not available in a browser build: pass webSocketTransport({ url }) (through ws-proxy) as the transport'));
  },
};
