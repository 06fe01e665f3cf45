// Several collectors (a COLLECTOR_HOST list): the C++ client picks one at random and tries the next only after the
// first has failed, which costs a whole timeout when a collector is down without refusing connections. Here the
// attempts are staggered instead (as Happy Eyeballs does for addresses): the first collector is tried at once, the
// next one when the previous has failed or after `staggerMs`, whichever comes first, and the first to answer wins;
// the others are cancelled and their connections closed.
import { HTCondorAbortError, HTCondorException, HTCondorIOError, type Sinful } from '@htcondor-ts/core';

/** The default wait before trying the next collector while the previous one has not answered yet. */
export const DEFAULT_FAILOVER_STAGGER_MS = 500;

export interface RaceOptions {
  staggerMs: number;
  signal?: AbortSignal | undefined;
}

/**
 * Runs `attempt` against the candidates, staggered, and resolves with the first success. Errors that are not
 * HTCondorIOError (authorization refused, bad arguments) end the race at once: another collector would say the same.
 * `discard` releases a success that lost the race. The winner was started with its own signal: the caller links it
 * back to the call's signal (the race's link is removed when it ends).
 */
export async function staggeredRace<T>(
  candidates: readonly Sinful[],
  attempt: (address: Sinful, signal: AbortSignal) => Promise<T>,
  discard: (value: T) => void,
  options: RaceOptions,
): Promise<{ value: T; address: Sinful }> {
  if (options.signal?.aborted) throw new HTCondorAbortError('the call was aborted before any collector was tried');
  const controllers = candidates.map(() => new AbortController());
  const onOuterAbort = (): void => controllers.forEach((c) => c.abort(options.signal?.reason));
  options.signal?.addEventListener('abort', onOuterAbort, { once: true });
  const errors: Array<HTCondorException | undefined> = candidates.map(() => undefined);

  try {
    return await new Promise((resolve, reject) => {
      let decided = false;
      let started = 0;
      let failed = 0;
      let timer: ReturnType<typeof setTimeout> | undefined;

      const startNext = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        timer = undefined;
        if (decided || started >= candidates.length) return;
        const i = started++;
        const address = candidates[i]!;
        attempt(address, controllers[i]!.signal).then(
          (value) => {
            if (decided) {
              discard(value);
              return;
            }
            decided = true;
            if (timer !== undefined) clearTimeout(timer);
            controllers.forEach((c, j) => j !== i && c.abort(new HTCondorAbortError('another collector answered first')));
            resolve({ value, address });
          },
          (e: unknown) => {
            if (decided) return;
            if (!(e instanceof HTCondorIOError) || options.signal?.aborted) {
              decided = true;
              if (timer !== undefined) clearTimeout(timer);
              controllers.forEach((c) => c.abort(e));
              reject(e);
              return;
            }
            errors[i] = e;
            failed++;
            if (failed === candidates.length) {
              decided = true;
              const list = errors.map((err, j) => `${candidates[j]!.text}: ${err?.message ?? 'not tried'}`).join('; ');
              reject(new HTCondorIOError(`no collector answered (${list}); check COLLECTOR_HOST and that a collector runs`, { cause: e }));
              return;
            }
            startNext();
          },
        );
        if (started < candidates.length) timer = setTimeout(startNext, options.staggerMs);
      };
      startNext();
    });
  } finally {
    options.signal?.removeEventListener('abort', onOuterAbort);
  }
}
