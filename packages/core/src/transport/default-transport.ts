// The transport used when the caller names none: Node TCP. A browser build maps this module to
// default-transport.browser.ts through the package's exports/browser field, never by runtime sniffing.
import type { TransportFactory } from './transport.js';
import { nodeTcp } from './node-tcp.js';

export function defaultTransport(): TransportFactory {
  return nodeTcp;
}
