import { describe, expect, it } from 'vitest';
import { adaptDescribeSlots, eventLoopUtilization, nextDescribeSlots } from './describe-slots.ts';

describe('nextDescribeSlots', () => {
  it('takes half as many while saturated, one more while idle, and stays between 1 and the maximum', () => {
    expect(nextDescribeSlots(4, 0.97, 4)).toBe(2);
    expect(nextDescribeSlots(3, 0.97, 4)).toBe(2);
    expect(nextDescribeSlots(1, 1, 4)).toBe(1);
    expect(nextDescribeSlots(2, 0.3, 4)).toBe(3);
    expect(nextDescribeSlots(4, 0.1, 4)).toBe(4);
    expect(nextDescribeSlots(3, 0.6, 4)).toBe(3);
  });
});

describe('adaptDescribeSlots', () => {
  it("moves a worker's concurrency with the utilization it samples, and stops when told", async () => {
    const worker = { concurrency: 8 };
    const samples = [0.99, 0.99, 0.99, 0.99, 0.2, 0.2];
    const seen: number[] = [];
    const stop = adaptDescribeSlots(worker, { max: 8, intervalMs: 5, onChange: (slots) => seen.push(slots) }, () =>
      samples.length > 0 ? samples.shift()! : 0.6,
    );
    while (samples.length > 0) await new Promise((resolve) => setTimeout(resolve, 5));
    stop();
    expect(seen).toEqual([4, 2, 1, 2, 3]);
    expect(worker.concurrency).toBe(3);
  });

  it('reads a busy event loop as busy and an idle one as idle', async () => {
    const sample = eventLoopUtilization();
    const until = performance.now() + 200;
    while (performance.now() < until) {
      // Keeps the event loop busy.
    }
    expect(sample()).toBeGreaterThan(0.9);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(sample()).toBeLessThan(0.5);
  });
});
