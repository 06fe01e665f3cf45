/**
 * Configuration errors. condor_config_val prints a message and exits (or spins forever on a macro cycle);
 * we throw one of these instead, always naming the source and line when there is one.
 */
import { HTCondorException, type HTCondorErrorOptions } from '../errors.js';

export interface ConfigErrorOptions extends HTCondorErrorOptions {
  /** The configuration source (file name, command, or in-memory name). */
  source?: string;
  /** 1-based line number in `source`. */
  line?: number;
}

/** The parent of every configuration error. */
export class HTCondorConfigError extends HTCondorException {
  override name = 'HTCondorConfigError';
  source: string | undefined;
  line: number | undefined;
  constructor(message: string, options: ConfigErrorOptions = {}) {
    super(message + where(options.source, options.line), options);
    this.source = options.source;
    this.line = options.line;
  }

  /** Adds the source and line once the caller that knows them catches the error. */
  locate(source: string, line: number): this {
    if (this.source === undefined) {
      this.source = source;
      this.line = line;
      this.message += where(source, line);
    }
    return this;
  }
}

const where = (source: string | undefined, line: number | undefined): string =>
  source === undefined ? '' : ` (${source}${line === undefined ? '' : `, line ${line}`})`;

/** A line HTCondor's parser rejects (bad identifier, missing operator, unbalanced if/endif, ...). */
export class ConfigSyntaxError extends HTCondorConfigError {
  override name = 'ConfigSyntaxError';
}

/** `$(A)` needs `$(B)` needs `$(A)`: condor_config_val loops forever here, we stop. */
export class ConfigMacroCycleError extends HTCondorConfigError {
  override name = 'ConfigMacroCycleError';
  /** The macro names around the cycle, first repeated at the end. */
  readonly cycle: readonly string[];
  constructor(cycle: readonly string[], options: ConfigErrorOptions = {}) {
    super(`macro expansion cycle: ${cycle.join(' -> ')}; break the cycle by giving one of these a literal value`, options);
    this.cycle = cycle;
  }
}

/** A macro function failed ($INT of a non-number, $CHOICE out of range, ...): HTCondor aborts on these. */
export class ConfigMacroError extends HTCondorConfigError {
  override name = 'ConfigMacroError';
}

/** A configuration source could not be read or run (missing required file, failing include command, nesting). */
export class ConfigSourceError extends HTCondorConfigError {
  override name = 'ConfigSourceError';
}

/** The configuration itself said `error : message`. */
export class ConfigUserError extends HTCondorConfigError {
  override name = 'ConfigUserError';
}
