// htcondor.RemoteParam: one daemon's configuration, read and set over the daemon-core config commands
// (server: handle_config_val / handle_config in src/condor_daemon_core.V6/daemon_core_main.cpp).
//   keys:  DC_CONFIG_VAL "?names" EOM -> string* EOM ("Not defined" = refused, "!..." = error)
//   get:   DC_CONFIG_VAL name EOM -> nullable value (NULL = not defined) [raw, location, default, use count] EOM
//   set:   DC_CONFIG_RUNTIME (or DC_CONFIG_PERSIST) name, "name = value" EOM -> int rval (< 0 refused) EOM
//   unset: the same with an empty assignment, which removes the runtime setting (condor_config_val -runset/-unset).
// A setting takes effect at the daemon's next reconfig (sendCommand(ad, DaemonCommands.Reconfig)).
import {
  Commands,
  DaemonTypes,
  HTCondorAuthorizationError,
  HTCondorIOError,
  HTCondorReplyError,
  HTCondorValueError,
  type CallOptions,
  type CedarStream,
} from '@htcondor-ts/core';
import { LocatedDaemon, type DaemonLocation, type LocatedOptions } from './located.js';

/** What DC_CONFIG_VAL tells about one knob besides its value (condor_config_val -verbose). */
export interface ParamInfo {
  /** The expanded value; undefined when the knob is not defined. */
  value: string | undefined;
  /** `NAME = raw value` as written in the configuration. */
  raw: string;
  /** Where it was set: `file, line n`, `<Default>`, ... */
  location: string;
  /** The built-in default, if the knob has one. */
  defaultValue: string | undefined;
  /** `uses` or `uses / references`, as the daemon counts them. */
  useCount: string;
}

export interface RemoteParamOptions extends LocatedOptions {
  /** Set persistently (DC_CONFIG_PERSIST, needs ENABLE_PERSISTENT_CONFIG) instead of at runtime. Default false. */
  persistent?: boolean;
}

const PARAM_NAME = /^\$?[A-Za-z_][A-Za-z0-9_.]*$/;

function checkName(name: string): void {
  if (typeof name !== 'string' || !PARAM_NAME.test(name)) {
    throw new HTCondorValueError(`${JSON.stringify(name)} is not a configuration knob name (letters, digits, _ and .)`);
  }
}

/**
 * A daemon's configuration, Map-like but asynchronous (every read may go to the daemon). `keys()` is fetched once
 * and cached until `refresh()`, as the bindings do; values are cached per key until refresh() or a set.
 */
export class RemoteParam {
  readonly #daemon: LocatedDaemon;
  readonly #persistent: boolean;
  #keys: Promise<string[]> | undefined;
  readonly #cache = new Map<string, string | undefined>();

  /** `location`: the daemon's located ad or address (no default: the bindings require one). */
  constructor(location: DaemonLocation, options: RemoteParamOptions = {}) {
    this.#daemon = new LocatedDaemon(DaemonTypes.Any, location, options);
    this.#persistent = options.persistent ?? false;
  }

  /** Forgets the cached names and values; the next read asks the daemon again. */
  refresh(): void {
    this.#keys = undefined;
    this.#cache.clear();
  }

  /** The names of every knob the daemon has a value for (DC_CONFIG_VAL "?names"). */
  async keys(opts: CallOptions = {}): Promise<string[]> {
    if (!this.#keys) {
      const p = this.#fetchKeys(opts);
      p.catch(() => {
        if (this.#keys === p) this.#keys = undefined;
      });
      this.#keys = p;
    }
    return [...(await this.#keys)];
  }

  async has(name: string, opts: CallOptions = {}): Promise<boolean> {
    return (await this.get(name, opts)) !== undefined;
  }

  /** The daemon's expanded value of `name`, or undefined when it is not defined there. */
  async get(name: string, opts: CallOptions = {}): Promise<string | undefined> {
    checkName(name);
    const key = name.toUpperCase();
    if (this.#cache.has(key)) return this.#cache.get(key);
    const info = await this.getInfo(name, opts);
    this.#cache.set(key, info?.value);
    return info?.value;
  }

  /** Everything the daemon says about `name` (undefined when it does not know the name at all). */
  async getInfo(name: string, opts: CallOptions = {}): Promise<ParamInfo | undefined> {
    checkName(name);
    return this.#call(Commands.DC_CONFIG_VAL, opts, async (s) => {
      s.putString(name);
      await s.endOfMessage();
      const value = await s.getNullableString();
      if (await s.peekEndOfMessage()) {
        await s.finishMessage();
        return undefined;
      }
      const raw = await s.getString();
      const location = await s.getString();
      const def = await s.getNullableString();
      const useCount = await s.getString();
      await s.finishMessage();
      return { value: value ?? undefined, raw, location, defaultValue: def ?? undefined, useCount };
    });
  }

  /**
   * Sets `name = value` in the daemon's runtime (or persistent) configuration. The daemon accepts it only from an
   * identity whose level has the knob in SETTABLE_ATTRS_<level>, with ENABLE_RUNTIME_CONFIG (ENABLE_PERSISTENT_CONFIG)
   * on when the daemon started; it takes effect at the next reconfig.
   */
  async set(name: string, value: string, opts: CallOptions = {}): Promise<void> {
    checkName(name);
    if (typeof value !== 'string' || /[\r\n]/.test(value)) throw new HTCondorValueError(`the value of ${name} must be a one-line string`);
    await this.#assign(name, `${name} = ${value}`, opts);
    this.#cache.set(name.toUpperCase(), value);
    const keys = this.#keys && (await this.#keys.catch(() => undefined));
    if (keys && !keys.some((k) => k.toUpperCase() === name.toUpperCase())) keys.push(name);
  }

  /**
   * Removes the runtime (persistent) setting of `name` (an empty assignment, as condor_config_val -runset/-unset
   * sends; the Python bindings send `name = ` instead, which leaves an empty value behind). Resolves true when the
   * daemon accepted it.
   */
  async delete(name: string, opts: CallOptions = {}): Promise<boolean> {
    checkName(name);
    await this.#assign(name, '', opts);
    this.#cache.delete(name.toUpperCase());
    return true;
  }

  async #assign(name: string, assignment: string, opts: CallOptions): Promise<void> {
    const command = this.#persistent ? Commands.DC_CONFIG_PERSIST : Commands.DC_CONFIG_RUNTIME;
    const rval = await this.#call(command, opts, async (s) => {
      s.putString(name).putString(assignment);
      await s.endOfMessage();
      const r = await s.getInt();
      await s.finishMessage();
      return r;
    });
    if (rval < 0) {
      const client = await this.#daemon.client(opts);
      const knob = this.#persistent ? 'ENABLE_PERSISTENT_CONFIG' : 'ENABLE_RUNTIME_CONFIG';
      throw new HTCondorAuthorizationError(
        `${client.address.text} refused to ${assignment ? 'set' : 'unset'} ${name}: the identity must have a permission level whose ` +
          `SETTABLE_ATTRS_<level> lists ${name}, and the daemon must have started with ${knob} = true`,
        { where: client.address.text, code: rval },
      );
    }
  }

  async #fetchKeys(opts: CallOptions): Promise<string[]> {
    return this.#call(Commands.DC_CONFIG_VAL, opts, async (s) => {
      s.putString('?names');
      await s.endOfMessage();
      const names: string[] = [];
      while (!(await s.peekEndOfMessage())) names.push(await s.getString());
      await s.finishMessage();
      const first = names[0];
      if (first === 'Not defined') throw new HTCondorReplyError('the daemon does not list its configuration names (older than 8.1.2, or not authorized)');
      if (first !== undefined && first.startsWith('!')) throw new HTCondorReplyError(`the daemon could not list its configuration names: ${first.slice(1)}`);
      return names.filter((n) => n !== '');
    });
  }

  async #call<T>(command: number, opts: CallOptions, body: (s: CedarStream) => Promise<T>): Promise<T> {
    const client = await this.#daemon.client(opts);
    const stream = await client.startCommand(command, opts);
    try {
      return await body(stream);
    } catch (e) {
      if (e instanceof HTCondorIOError || e instanceof HTCondorReplyError || e instanceof HTCondorValueError) throw e;
      throw new HTCondorIOError(`config command ${command} to ${client.address.text} failed: ${(e as Error).message}`, { cause: e });
    } finally {
      stream.close();
    }
  }
}
