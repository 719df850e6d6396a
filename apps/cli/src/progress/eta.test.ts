import { describe, expect, it } from 'vitest';
import { EtaEstimator } from './eta.ts';

describe('EtaEstimator', () => {
  it('is unknown without a total or before any progress', () => {
    const eta = new EtaEstimator();
    expect(eta.secondsLeft(100)).toBeNull();
    eta.add(0, 0);
    eta.add(1000, 0);
    expect(eta.secondsLeft(100)).toBeNull();
    eta.add(2000, 10);
    expect(eta.secondsLeft(null)).toBeNull();
  });

  it('divides what is left by the recent rate', () => {
    const eta = new EtaEstimator();
    eta.add(0, 0);
    eta.add(2000, 20);
    // 10 objects a second, 80 left.
    expect(eta.secondsLeft(100)).toBe(8);
  });

  it('is zero once everything is done', () => {
    const eta = new EtaEstimator();
    eta.add(0, 0);
    eta.add(1000, 100);
    expect(eta.secondsLeft(100)).toBe(0);
  });

  it('forgets readings older than its window, so a slow start stops weighing', () => {
    const eta = new EtaEstimator(10_000);
    eta.add(0, 0);
    eta.add(60_000, 10); // a slow minute: 10 objects
    eta.add(65_000, 60); // then 10 a second
    eta.add(70_000, 110);
    // Over the last 10 s (and the one reading before it): (110 - 10) / 10 s = 10 a second; 90 left.
    expect(eta.secondsLeft(200)).toBeCloseTo(9, 5);
  });

  it('starts over when the count goes back (another run)', () => {
    const eta = new EtaEstimator();
    eta.add(0, 0);
    eta.add(1000, 50);
    eta.add(2000, 0);
    expect(eta.secondsLeft(100)).toBeNull();
    eta.add(4000, 10);
    expect(eta.secondsLeft(100)).toBe(18);
  });
});
