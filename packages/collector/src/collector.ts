// htcondor.Collector: queries (streaming or collected), locate, locateAll.
// Wire: startCommand(QUERY_*); putClassAd(query); EOM; then one message of (int 1, ClassAd)* int 0
// (CondorQuery::processAds in src/condor_utils/condor_query.cpp).
import { ClassAd } from '@htcondor-ts/classad';
import {
  AdTypes,
  DaemonClient,
  DaemonTypeAd,
  DaemonTypes,
  HTCondorException,
  HTCondorIOError,
  HTCondorLocateError,
  HTCondorValueError,
  WireAdReader,
  adFromWire,
  param,
  parseSinful,
  type CallOptions,
  type CedarStream,
  type DaemonClientOptions,
  type Sinful,
} from '@htcondor-ts/core';

import { advertiseTo, advertiseCommand, type AdvertiseCommand } from './advertise.js';
import { DEFAULT_FAILOVER_STAGGER_MS, staggeredRace } from './failover.js';
import { buildQuery, type AdTypeName, type Constraint } from './query-ad.js';

/** The attributes a locate asks for (Daemon::locate's projection). */
export const LOCATE_PROJECTION = ['MyAddress', 'AddressV1', 'CondorVersion', 'CondorPlatform', 'Name', 'Machine'] as const;

export interface CollectorOptions extends DaemonClientOptions {
  /**
   * With several collectors: how long to wait for one to answer before also trying the next (default 500 ms). The
   * first to answer wins; see failover.ts.
   */
  failoverStaggerMs?: number;
}

export interface QueryOptions extends CallOptions {
  /** Stop after this many ads (LimitResults). */
  limit?: number;
}

function poolList(pool: string | readonly string[] | ClassAd | undefined): string[] {
  if (pool === undefined || pool === null) {
    const host = param.get('COLLECTOR_HOST');
    if (!host) {
      throw new HTCondorLocateError('no collector given and COLLECTOR_HOST is not configured: pass the pool address, e.g. new Collector("cm.example.org:9618")');
    }
    return host.split(/[\s,]+/).filter(Boolean);
  }
  if (pool instanceof ClassAd) {
    const addr = pool.get('MyAddress');
    if (typeof addr !== 'string') throw new HTCondorValueError('the collector ad has no MyAddress string; pass an ad from locate() or an address');
    return [addr];
  }
  const list = typeof pool === 'string' ? pool.split(/[\s,]+/).filter(Boolean) : [...pool];
  if (list.length === 0) throw new HTCondorValueError('an empty collector list was given');
  return list;
}

export class Collector {
  /** The collectors of this pool, in the order they are tried. */
  readonly addresses: readonly Sinful[];
  readonly #options: CollectorOptions;

  /** `pool`: an address (host:port or sinful), a list of them (COLLECTOR_HOST style), or a located collector ad. */
  constructor(pool?: string | readonly string[] | ClassAd, options: CollectorOptions = {}) {
    this.addresses = poolList(pool).map((a) => parseSinful(a));
    this.#options = options;
  }

  /**
   * Streams the ads matching a query, as they arrive. Leaving the loop early closes the connection.
   * Python: Collector.query (which returns a list; see query()).
   */
  async *queryStream(
    adType: AdTypes | AdTypeName = AdTypes.Any,
    constraint: Constraint = '',
    projection: readonly string[] = [],
    statistics = '',
    opts: QueryOptions = {},
  ): AsyncGenerator<ClassAd, void, undefined> {
    yield* this.#run({ adType, constraint, projection, statistics, limit: opts.limit }, opts);
  }

  /** The ads matching a query, collected (htcondor.Collector.query). */
  async query(
    adType: AdTypes | AdTypeName = AdTypes.Any,
    constraint: Constraint = '',
    projection: readonly string[] = [],
    statistics = '',
    opts: QueryOptions = {},
  ): Promise<ClassAd[]> {
    const out: ClassAd[] = [];
    for await (const ad of this.queryStream(adType, constraint, projection, statistics, opts)) out.push(ad);
    return out;
  }

  /**
   * The ad of one daemon, with its MyAddress (htcondor.Collector.locate: the whole ad, as the bindings give it);
   * with no name, the first one the collector knows.
   */
  async locate(daemonType: DaemonTypes, name?: string, opts: CallOptions = {}): Promise<ClassAd> {
    const adType = daemonAdType(daemonType);
    const constraint = name === undefined ? '' : `stricmp(Name, ${JSON.stringify(name)}) == 0`;
    for await (const ad of this.#run({ adType, constraint, locationQuery: name, limit: 1 }, opts)) {
      return ad;
    }
    const what = daemonTypeName(daemonType);
    throw new HTCondorLocateError(
      name === undefined
        ? `the collector knows no ${what} daemon; is it running and has it advertised itself yet?`
        : `the collector knows no ${what} daemon named ${JSON.stringify(name)}; check the name with locateAll()`,
      { where: this.addresses.map((a) => a.text).join(', ') },
    );
  }

  /** The location ads of every daemon of a type (htcondor.Collector.locateAll). */
  async locateAll(daemonType: DaemonTypes, opts: CallOptions = {}): Promise<ClassAd[]> {
    const out: ClassAd[] = [];
    for await (const ad of this.#run({ adType: daemonAdType(daemonType), projection: LOCATE_PROJECTION }, opts)) out.push(ad);
    return out;
  }

  /**
   * The ads a daemon gives of itself, asked of the daemon rather than of the collector (htcondor.Collector.directQuery,
   * which returns a list as here: a startd answers with its slots). Locates the daemon here, then sends it the query.
   * Masters and credds do not answer queries (as with the bindings): HTCondorIOError.
   */
  async directQuery(
    daemonType: DaemonTypes,
    name?: string,
    projection: readonly string[] = [],
    statistics = '',
    opts: CallOptions = {},
  ): Promise<ClassAd[]> {
    const located = await this.locate(daemonType, name, opts);
    const addr = located.get('MyAddress');
    if (typeof addr !== 'string') throw new HTCondorLocateError(`the collector's ad of ${String(located.get('Name'))} has no MyAddress`);
    const adType = daemonAdType(daemonType);
    const out: ClassAd[] = [];
    try {
      for await (const ad of this.#run({ adType, projection, statistics }, opts, [parseSinful(addr)])) out.push(ad);
    } catch (e) {
      if (e instanceof HTCondorIOError && !opts.signal?.aborted) {
        throw new HTCondorIOError(
          `the ${daemonTypeName(daemonType)} daemon at ${addr} did not answer the query (${e.cause instanceof Error ? e.cause.message : e.message}); not every daemon answers queries of its own ad type (masters and credds do not)`,
          { cause: e, where: addr },
        );
      }
      throw e;
    }
    return out;
  }

  /**
   * Sends ads to every collector of the pool (htcondor.Collector.advertise): UPDATE_* ads, or INVALIDATE_* query ads
   * that remove ads. All ads go over one connection per collector, ended by DC_NOP. The collector sends no answer;
   * a refusal shows as HTCondorAuthorizationError from the security handshake (updates need ADVERTISE_* or DAEMON).
   * Only TCP: `useTcp = false` (UDP) throws HTCondorNotSupportedError.
   */
  async advertise(ads: readonly ClassAd[], command: AdvertiseCommand = 'UPDATE_AD_GENERIC', useTcp = true, opts: CallOptions = {}): Promise<void> {
    const cmd = advertiseCommand(command, useTcp);
    if (!Array.isArray(ads) || !ads.every((a) => a instanceof ClassAd)) throw new HTCondorValueError('ads must be an array of ClassAds');
    if (ads.length === 0) return;
    const results = await Promise.allSettled(this.addresses.map((a) => advertiseTo(new DaemonClient(a, this.#options), cmd, ads, opts)));
    const failures = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : []));
    if (failures.length === 0) return;
    if (failures.length === 1 && this.addresses.length === 1) throw failures[0];
    const first = failures[0];
    if (failures.length === this.addresses.length && first instanceof HTCondorException && !(first instanceof HTCondorIOError)) throw first;
    throw new HTCondorIOError(
      `advertise failed at ${failures.length} of ${this.addresses.length} collectors: ${failures.map((f) => (f as Error).message).join('; ')}`,
      { cause: first },
    );
  }

  /**
   * Sends the query to the collectors (staggered, see failover.ts) and streams the answer of the first one whose
   * reply starts; errors after that are not retried (no duplicates).
   */
  async *#run(spec: Parameters<typeof buildQuery>[0], opts: CallOptions, addresses: readonly Sinful[] = this.addresses): AsyncGenerator<ClassAd, void, undefined> {
    const { command, ad } = buildQuery(spec);
    const staggerMs = this.#options.failoverStaggerMs ?? DEFAULT_FAILOVER_STAGGER_MS;
    const { value: stream } = await staggeredRace(
      addresses,
      async (address, signal) => {
        const stream = await new DaemonClient(address, this.#options).startCommand(command, { ...opts, signal });
        try {
          stream.putClassAd(ad);
          await stream.endOfMessage();
          // Raw commands need no round trip: a collector has answered only when its reply's first packet is here.
          await stream.fill();
        } catch (e) {
          stream.close();
          throw e;
        }
        return stream;
      },
      (loser) => loser.close(),
      { staggerMs, signal: opts.signal },
    );
    stream.setSignal(opts.signal);
    try {
      yield* readAds(stream);
    } finally {
      stream.close();
    }
  }
}

/** Reads (int more, ClassAd)* until more == 0, then the end of the message. */
async function* readAds(stream: CedarStream): AsyncGenerator<ClassAd, void, undefined> {
  const reader = stream.reader;
  const adReader = new WireAdReader();
  let inAd = false;
  for (;;) {
    // Decode every ad already buffered without awaiting; wait only when the packet runs dry.
    for (;;) {
      if (!inAd) {
        const more = reader.tryInt();
        if (more === undefined) break;
        if (more === 0) {
          await stream.finishMessage();
          return;
        }
        inAd = true;
      }
      const wire = adReader.tryRead(reader, stream.cryptoMode);
      if (!wire) break;
      inAd = false;
      yield adFromWire(wire);
    }
    await stream.fill();
  }
}

function daemonAdType(t: DaemonTypes): AdTypes {
  const name = daemonTypeName(t);
  const entry = (DaemonTypeAd as Record<string, { adType: keyof typeof AdTypes } | undefined>)[name];
  if (!entry) throw new HTCondorValueError(`cannot locate daemons of type ${name}; use one of ${Object.keys(DaemonTypeAd).filter((k) => !k.startsWith('//')).join(', ')}`);
  return AdTypes[entry.adType];
}

function daemonTypeName(t: DaemonTypes): string {
  for (const [k, v] of Object.entries(DaemonTypes)) if (v === t) return k;
  throw new HTCondorValueError(`${String(t)} is not a DaemonTypes value`);
}
