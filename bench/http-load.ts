import autocannon from 'autocannon';

/** One autocannon measurement: as many requests as answer with `connections` in flight. */
export interface LoadOptions {
  /** The server's base URL. */
  url: string;
  /** Each request's path, asked once per request (so that each can target its own resource). */
  nextPath: () => string;
  headers?: Record<string, string>;
  connections: number;
  durationSeconds: number;
}

/** What a measurement saw; latencies in ms. */
export interface LoadFigures {
  requestsPerSecond: number;
  p50: number;
  p99: number;
  max: number;
  /** Requests sent (some may still have been in flight at the end), answered, and answered 2xx. */
  sent: number;
  answered: number;
  ok: number;
  /** Anything but 2xx, and connection errors (timeouts included). */
  failed: number;
  /** Answers per status code, and connection errors, e.g. `202: 4812, errors: 3`. */
  outcomes: string;
}

/** POSTs `nextPath()` with autocannon for `durationSeconds`, without a body, and sums up what it saw. */
export async function measureLoad(options: LoadOptions): Promise<LoadFigures> {
  const result = await autocannon({
    url: options.url,
    method: 'POST',
    headers: options.headers ?? {},
    connections: options.connections,
    duration: options.durationSeconds,
    requests: [{ method: 'POST', setupRequest: (request) => ({ ...request, path: options.nextPath() }) }],
  });
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
    max: result.latency.max,
    sent: result.requests.sent,
    answered: result.requests.total,
    ok: result['2xx'],
    failed: result.non2xx + result.errors,
    outcomes: [
      ...Object.entries(result.statusCodeStats ?? {}).map(([status, { count = 0 }]) => `${status}: ${count}`),
      ...(result.errors > 0 ? [`errors: ${result.errors} (${result.timeouts} timeouts)`] : []),
    ].join(', '),
  };
}
