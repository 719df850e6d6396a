/** Raised when a job cannot be queued because Redis is not reachable right now. */
export class QueueUnavailableError extends Error {
  override readonly name = 'QueueUnavailableError';
  readonly code = 'QUEUE_UNAVAILABLE';
}

/** Runs a Redis call of a producer; whatever it throws means the queue is unavailable right now. */
export async function queueCall<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof QueueUnavailableError) throw error;
    throw new QueueUnavailableError('The job queue (Redis) did not answer', { cause: error });
  }
}
