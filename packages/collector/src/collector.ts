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

import { buildQuery, type Constraint } from './query-ad.js';

/** The attributes a locate asks for (Daemon::locate's projection). */
export const LOCATE_PROJECTION = ['MyAddress', 'AddressV1', 'CondorVersion', 'CondorPlatform', 'Name', 'Machine'] as const;

export interface CollectorOptions extends DaemonClientOptions {}

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
    adType: AdTypes = AdTypes.Any,
    constraint: Constraint = '',
    projection: readonly string[] = [],
    statistics = '',
    opts: QueryOptions = {},
  ): AsyncGenerator<ClassAd, void, undefined> {
    yield* this.#run({ adType, constraint, projection, statistics, limit: opts.limit }, opts);
  }

  /** The ads matching a query, collected (htcondor.Collector.query). */
  async query(
    adType: AdTypes = AdTypes.Any,
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

  /** Tries each collector in turn until one answers; errors after the first ad are not retried (no duplicates). */
  async *#run(spec: Parameters<typeof buildQuery>[0], opts: CallOptions): AsyncGenerator<ClassAd, void, undefined> {
    const { command, ad } = buildQuery(spec);
    const errors: HTCondorException[] = [];
    for (const address of this.addresses) {
      const client = new DaemonClient(address, this.#options);
      let stream: CedarStream;
      try {
        stream = await client.startCommand(command, opts);
        stream.putClassAd(ad);
        await stream.endOfMessage();
      } catch (e) {
        if (!(e instanceof HTCondorIOError) || opts.signal?.aborted) throw e;
        errors.push(e);
        continue;
      }
      try {
        yield* readAds(stream);
      } finally {
        stream.close();
      }
      return;
    }
    throw new HTCondorIOError(`no collector answered: ${errors.map((e) => e.message).join('; ')}`, { cause: errors[errors.length - 1] });
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
