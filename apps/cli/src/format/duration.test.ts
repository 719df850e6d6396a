import { describe, expect, it } from 'vitest';
import { formatDuration } from './duration.ts';

describe('formatDuration', () => {
  it('shows seconds, minutes and seconds, or hours and minutes', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(0.2)).toBe('1s');
    expect(formatDuration(42)).toBe('42s');
    expect(formatDuration(60)).toBe('1m 00s');
    expect(formatDuration(185)).toBe('3m 05s');
    expect(formatDuration(3600)).toBe('1h 00m');
    expect(formatDuration(7620)).toBe('2h 07m');
  });

  it('never shows a negative duration', () => {
    expect(formatDuration(-5)).toBe('0s');
  });
});
