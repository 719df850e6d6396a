import type { Logger } from '@sfmeta/logger/logger';

/** A check a worker process runs at start and then every interval, until closed. */
export interface PeriodicCheck {
  close(): Promise<void>;
}

/**
 * Runs `check` now and then `intervalMs` after each run ends, so that two never overlap. A failed
 * run is logged as `failure` and tried again at the next turn; closing waits at most a second for a
 * run in progress, since one waiting on an unreachable Redis or database must not hold up shutdown.
 */
export function startPeriodicCheck(
  check: () => Promise<unknown>,
  options: { intervalMs: number; logger: Logger; failure: string },
): PeriodicCheck {
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let checking: Promise<void> = Promise.resolve();
  const tick = () => {
    checking = check()
      .then(() => undefined)
      .catch((error: unknown) => options.logger.warn({ err: error }, options.failure))
      .finally(() => {
        if (!closed) timer = setTimeout(tick, options.intervalMs);
      });
  };
  tick();
  return {
    close: async () => {
      closed = true;
      clearTimeout(timer);
      await Promise.race([checking, new Promise((resolve) => setTimeout(resolve, 1000).unref())]);
    },
  };
}
