// The path of one command: connect (shared port included), then either negotiate security through the
// SecurityProvider (DC_AUTHENTICATE) or send the command int raw, and hand back the stream positioned for the
// payload. Daemon packages build on this; nothing here knows what a command means.
import { HTCondorValueError } from '../errors.js';
import { parseSinful, type Sinful } from '../address/sinful.js';
import type { CedarStream, CedarStreamOptions } from '../stream/cedar-stream.js';
import type { TransportFactory } from '../transport/transport.js';
import { defaultTransport } from '../transport/default-transport.js';
import { connectToDaemon } from './connect.js';

/** What a security layer must do to start a command on a fresh stream (see security/). */
export interface SecurityProvider {
  startCommand(
    stream: CedarStream,
    request: { command: number; authCommand?: number; connectSinful: string; daemonKey: string; signal?: AbortSignal },
  ): Promise<unknown>;
}

export interface DaemonClientOptions {
  /** How to reach daemons; Node TCP by default (a WebSocket transport in browsers). */
  transport?: TransportFactory;
  /** Default inactivity timeout of every call, in milliseconds (per call overridable). */
  timeoutMs?: number;
  /** The security context; without one, commands are sent raw (enough for READ on a default pool). */
  security?: SecurityProvider | undefined;
  /** A frame tap for recording and debugging. */
  tap?: CedarStreamOptions['tap'];
}

export interface CallOptions {
  timeoutMs?: number;
  signal?: AbortSignal;
}

export interface StartCommandOptions extends CallOptions {
  /** For DC_SEC_QUERY and DC_AUTHENTICATE: the command whose authorization is being set up or tested. */
  authCommand?: number;
  /** Send the command without security negotiation even if a security context is present. */
  raw?: boolean;
}

export const DEFAULT_TIMEOUT_MS = 30_000;

/** One daemon, by address. Cheap to create; every command opens its own connection (as the C++ clients do). */
export class DaemonClient {
  readonly address: Sinful;
  readonly #options: DaemonClientOptions;

  constructor(address: string | Sinful, options: DaemonClientOptions = {}) {
    this.address = typeof address === 'string' ? parseSinful(address) : address;
    if (options.timeoutMs !== undefined && !(options.timeoutMs > 0)) {
      throw new HTCondorValueError(`timeoutMs must be a positive number of milliseconds, not ${options.timeoutMs}`);
    }
    this.#options = options;
  }

  get security(): SecurityProvider | undefined {
    return this.#options.security;
  }

  /** Connects and starts `command`; the returned stream is ready for the command's payload. The caller closes it. */
  async startCommand(command: number, opts: StartCommandOptions = {}): Promise<CedarStream> {
    try {
      return await this.#startOnce(command, opts);
    } catch (e) {
      // The daemon forgot our cached session (restart, key invalidation): the security layer has dropped it, so one
      // fresh connection authenticates anew, as the C++ client does after SID_NOT_FOUND.
      if ((e as { retryable?: unknown }).retryable === true && !opts.signal?.aborted) return this.#startOnce(command, opts);
      throw e;
    }
  }

  async #startOnce(command: number, opts: StartCommandOptions): Promise<CedarStream> {
    const timeoutMs = opts.timeoutMs ?? this.#options.timeoutMs ?? DEFAULT_TIMEOUT_MS;
    const stream = await connectToDaemon(this.address, {
      transport: this.#options.transport ?? defaultTransport(),
      timeoutMs,
      signal: opts.signal,
      tap: this.#options.tap,
    });
    try {
      const security = this.#options.security;
      if (security && !opts.raw) {
        await security.startCommand(stream, {
          command,
          ...(opts.authCommand !== undefined ? { authCommand: opts.authCommand } : {}),
          connectSinful: this.address.text,
          daemonKey: this.address.text,
          ...(opts.signal ? { signal: opts.signal } : {}),
        });
      } else {
        // Raw (6.2-style) command: the int and then the payload in the same message.
        stream.putInt(command);
      }
      return stream;
    } catch (e) {
      stream.close();
      throw e;
    }
  }
}
