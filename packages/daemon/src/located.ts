// A daemon given as a located ad, an address, or nothing (then the pool's collector locates it on first use).
// Every daemon client of the bindings (Negotiator, Startd, Credd, RemoteParam, send_command) takes its location
// this way; the lookup is shared here so each of them only speaks its own commands.
import { ClassAd } from '@htcondor-ts/classad';
import { Collector } from '@htcondor-ts/collector';
import {
  DaemonClient,
  HTCondorValueError,
  parseSinful,
  type CallOptions,
  type DaemonClientOptions,
  type DaemonTypes,
  type TransportFactory,
} from '@htcondor-ts/core';

export type DaemonLocation = ClassAd | string;

export interface LocatedOptions extends DaemonClientOptions {
  /** The collector that locates the daemon when no location is given (an address, or a Collector). */
  collector?: Collector | string;
  /**
   * How to reach a daemon whose address carries a CCB contact (CCBID): e.g.
   * `(contact) => reverseConnectTransport(contact, { security })` from '@htcondor-ts/daemon/node'. Without it such a
   * daemon is dialled directly, which works only when nothing blocks the way.
   */
  ccb?: (ccbContact: string) => TransportFactory;
}

/** A DaemonClient for `address`, through CCB when the address has a contact and the options say how. */
export function clientFor(address: string, options: LocatedOptions): DaemonClient {
  const sinful = parseSinful(address);
  if (sinful.ccbId && options.ccb) return new DaemonClient(sinful, { ...options, transport: options.ccb(sinful.ccbId) });
  return new DaemonClient(sinful, options);
}

/** The address a located ad or an address string names; throws HTCondorValueError when there is none. */
export function addressOf(location: DaemonLocation, what = 'daemon'): string {
  if (typeof location === 'string') {
    parseSinful(location);
    return location;
  }
  const addr = location.get('MyAddress');
  if (typeof addr !== 'string') {
    throw new HTCondorValueError(`the ${what} ad has no MyAddress string; pass an ad from Collector.locate() or an address`);
  }
  return addr;
}

/** One daemon, located lazily; a failed locate is retried on the next call. */
export class LocatedDaemon {
  readonly #type: DaemonTypes;
  readonly #options: LocatedOptions;
  #client: Promise<DaemonClient> | undefined;

  constructor(daemonType: DaemonTypes, location: DaemonLocation | undefined, options: LocatedOptions = {}) {
    this.#type = daemonType;
    this.#options = options;
    if (location !== undefined) this.#client = Promise.resolve(clientFor(addressOf(location), options));
  }

  client(opts: CallOptions = {}): Promise<DaemonClient> {
    if (!this.#client) {
      const c = this.#options.collector;
      const collector = c instanceof Collector ? c : new Collector(c, this.#options);
      const p = collector.locate(this.#type, undefined, opts).then((ad) => clientFor(addressOf(ad), this.#options));
      p.catch(() => {
        if (this.#client === p) this.#client = undefined;
      });
      this.#client = p;
    }
    return this.#client;
  }
}
