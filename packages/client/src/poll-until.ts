/** How a poll goes on. */
export interface PollOptions<T> {
  /** Between two reads; 500 ms by default. */
  intervalMs?: number;
  /** Called with every value read, the last one included (progress display). */
  onPoll?: (value: T) => void;
  /** Stops the wait (it then rejects with the signal's reason). */
  signal?: AbortSignal;
}

/** Reads until `done` holds and answers that value; a read that throws ends the wait with its error. */
export async function pollUntil<T>(
  read: () => Promise<T>,
  done: (value: T) => boolean,
  options: PollOptions<T> = {},
): Promise<T> {
  const intervalMs = options.intervalMs ?? 500;
  for (;;) {
    options.signal?.throwIfAborted();
    const value = await read();
    options.onPoll?.(value);
    if (done(value)) return value;
    await sleep(intervalMs, options.signal);
  }
}

/** Waits `ms`, or rejects with the signal's reason as soon as it aborts. */
function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
