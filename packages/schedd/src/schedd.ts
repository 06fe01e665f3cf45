// htcondor.Schedd: job queries (query, xquery). Actions, edits, transactions, history and submit are added by their
// own modules onto the same DaemonClient.
import { ClassAd } from '@htcondor-ts/classad';
import { Collector, type Constraint } from '@htcondor-ts/collector';
import {
  Commands,
  DaemonClient,
  DaemonTypes,
  HTCondorValueError,
  QueryOpts,
  parseSinful,
  type CallOptions,
  type DaemonClientOptions,
  type Sinful,
} from '@htcondor-ts/core';
import { buildJobQuery, readJobAds } from './job-query.js';

export interface ScheddOptions extends DaemonClientOptions {
  /** The collector used to find the schedd when no location is given. */
  collector?: Collector | string;
  /** The owner for QueryOpts.DefaultMyJobsOnly. */
  owner?: string;
}

/** A stream of job ads. `for await` it; leaving the loop early closes the connection. */
export type QueryIterator = AsyncGenerator<ClassAd, void, undefined>;

export class Schedd {
  readonly #options: ScheddOptions;
  #client: Promise<DaemonClient> | undefined;

  /**
   * `location`: a located ad (from Collector.locate), an address (sinful or host:port), or nothing for the pool's
   * schedd as the collector knows it (located on first use).
   */
  constructor(location?: ClassAd | string, options: ScheddOptions = {}) {
    this.#options = options;
    if (location !== undefined) this.#client = Promise.resolve(new DaemonClient(addressOf(location), options));
  }

  /** The schedd's address (locating it first if needed). */
  async address(opts: CallOptions = {}): Promise<Sinful> {
    return (await this.#daemon(opts)).address;
  }

  #daemon(opts: CallOptions): Promise<DaemonClient> {
    if (!this.#client) {
      const c = this.#options.collector;
      const collector = c instanceof Collector ? c : new Collector(c, this.#options);
      this.#client = collector.locate(DaemonTypes.Schedd, undefined, opts).then((ad) => new DaemonClient(addressOf(ad), this.#options));
      // A failed locate is retried on the next call.
      this.#client.catch(() => {
        this.#client = undefined;
      });
    }
    return this.#client;
  }

  /**
   * Streams job ads as they arrive (htcondor.Schedd.xquery). `limit` -1: all.
   */
  async *xquery(
    constraint: Constraint = 'true',
    projection: readonly string[] = [],
    limit = -1,
    opts: number = QueryOpts.Default,
    callOpts: CallOptions = {},
  ): QueryIterator {
    const request = buildJobQuery({ constraint, projection, limit, opts, owner: this.#options.owner, serverTime: false });
    yield* this.#query(request, (opts & QueryOpts.SummaryOnly) !== 0, callOpts);
  }

  /**
   * The job ads matching a constraint, collected (htcondor.Schedd.query); each carries ServerTime as in the
   * bindings. `callback`, if given, is called on each ad and its non-undefined results are returned instead.
   */
  async query<T = ClassAd>(
    constraint: Constraint = '',
    projection: readonly string[] = [],
    callback?: (ad: ClassAd) => T | undefined,
    limit = -1,
    opts: number = QueryOpts.Default,
    callOpts: CallOptions = {},
  ): Promise<T[]> {
    const request = buildJobQuery({ constraint, projection, limit, opts, owner: this.#options.owner, serverTime: true });
    const out: T[] = [];
    for await (const ad of this.#query(request, (opts & QueryOpts.SummaryOnly) !== 0, callOpts)) {
      if (callback) {
        const r = callback(ad);
        if (r !== undefined) out.push(r);
      } else {
        out.push(ad as unknown as T);
      }
    }
    return out;
  }

  async *#query(request: ClassAd, summary: boolean, callOpts: CallOptions): QueryIterator {
    const client = await this.#daemon(callOpts);
    const stream = await client.startCommand(Commands.QUERY_JOB_ADS, callOpts);
    try {
      stream.putClassAd(request);
      await stream.endOfMessage();
      yield* readJobAds(stream, client.address.text, summary);
    } finally {
      stream.close();
    }
  }
}

function addressOf(location: ClassAd | string): string {
  if (typeof location === 'string') {
    parseSinful(location);
    return location;
  }
  const addr = location.get('MyAddress') ?? location.get('ScheddIpAddr');
  if (typeof addr !== 'string') throw new HTCondorValueError('the schedd ad has no MyAddress; pass an ad from Collector.locate() or an address');
  return addr;
}
