import { setTimeout as sleep } from 'node:timers/promises';
import type { LoadFigures, LoadOptions } from './http-load.ts';

/** A paced measurement: `rate` POSTs a second, evenly spaced, for `durationSeconds`. */
export interface PacedLoadOptions extends Pick<LoadOptions, 'url' | 'nextPath' | 'headers' | 'durationSeconds'> {
  rate: number;
}

/**
 * POSTs at an even pace, one request every 1/rate s, each sent when it is due whether or not the ones before
 * it have answered (an open loop), and times each from when it was due: a slow answer or a generator that
 * falls behind shows in the latencies instead of holding the load back. autocannon's `overallRate` sends
 * each connection's quota for a second as fast as it can at the start of that second, so its latencies at a
 * fixed rate are those of a burst of 64 requests at once, not of a steady 500 a second.
 */
export async function measurePaced(options: PacedLoadOptions): Promise<LoadFigures> {
  const total = Math.round(options.rate * options.durationSeconds);
  const intervalMs = 1000 / options.rate;
  const latencies: number[] = [];
  const outcomes = new Map<string, number>();
  const count = (outcome: string) => outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
  let ok = 0;
  const send = async (due: number) => {
    try {
      const response = await fetch(new URL(options.nextPath(), options.url), {
        method: 'POST',
        headers: options.headers ?? {},
      });
      await response.arrayBuffer();
      latencies.push(performance.now() - due);
      count(String(response.status));
      if (response.ok) ok++;
    } catch {
      count('errors');
    }
  };
  const start = performance.now();
  const inFlight: Promise<void>[] = [];
  for (let sent = 0; sent < total; ) {
    const now = performance.now();
    // Everything due by now goes out, so a late timer never lowers the rate.
    while (sent < total && start + sent * intervalMs <= now) inFlight.push(send(start + sent++ * intervalMs));
    if (sent < total) await sleep(Math.max(0, start + sent * intervalMs - performance.now()));
  }
  await Promise.all(inFlight);
  const seconds = (performance.now() - start) / 1000;
  const sorted = latencies.sort((a, b) => a - b);
  // To 0.1 ms, as printed.
  const at = (share: number) =>
    Math.round((sorted[Math.min(sorted.length - 1, Math.floor(share * sorted.length))] ?? 0) * 10) / 10;
  return {
    requestsPerSecond: latencies.length / seconds,
    p50: at(0.5),
    p99: at(0.99),
    max: at(1),
    sent: total,
    answered: latencies.length,
    ok,
    failed: total - ok,
    outcomes: [...outcomes].map(([outcome, times]) => `${outcome}: ${times}`).join(', '),
  };
}
