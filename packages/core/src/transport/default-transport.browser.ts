// Browsers have no raw TCP: the caller must pass a transport (a WebSocket through ws-proxy).
import { HTCondorValueError } from '../errors.js';
import type { TransportFactory } from './transport.js';

export function defaultTransport(): TransportFactory {
  throw new HTCondorValueError('no transport given: in a browser, pass a WebSocket transport (through ws-proxy) in the client options');
}
