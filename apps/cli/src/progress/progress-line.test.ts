import { describe, expect, it } from 'vitest';
import { plainProgressLine, progressBar, terminalProgressLine, type ProgressView } from './progress-line.ts';

const running: ProgressView = {
  status: 'running',
  progress: { objectsDone: 20, objectsTotal: 30, percent: 66 },
  apiCalls: 15,
};
const now = Date.parse('2025-06-01T12:00:00Z');

describe('plainProgressLine', () => {
  it('shows objects done of the total, the percentage, API calls and the ETA', () => {
    expect(plainProgressLine(running, 3.2, now)).toBe('running: 20/30 objects (66%), 15 API calls, ETA 4s');
  });

  it('shows an unknown total and ETA as such', () => {
    const listing = { ...running, progress: { objectsDone: 0, objectsTotal: null, percent: null } };
    expect(plainProgressLine(listing, null, now)).toBe('running: 0/? objects, 15 API calls, ETA --');
  });

  it('says a queued run waits for a worker', () => {
    expect(plainProgressLine({ ...running, status: 'queued' }, null, now)).toBe('queued: waiting for a worker');
  });

  it('shows a run waiting for API budget with when it resumes', () => {
    const waiting = { ...running, status: 'waiting_for_api_budget', resumeAt: '2025-06-01T12:04:10Z' };
    expect(plainProgressLine(waiting, 3, now)).toBe(
      'waiting for API budget: 20/30 objects (66%), 15 API calls, resumes at 2025-06-01T12:04:10.000Z (in 4m 10s)',
    );
  });
});

describe('progressBar', () => {
  it('fills its cells in proportion', () => {
    expect(progressBar(50, 10)).toBe('█████░░░░░');
    expect(progressBar(null, 4)).toBe('░░░░');
    expect(progressBar(100, 4)).toBe('████');
  });
});

describe('terminalProgressLine', () => {
  it('draws a bar with the counts and the ETA', () => {
    expect(terminalProgressLine(running, 65, now, 200)).toBe(
      `running [${progressBar(66)}] 20/30 objects 66% · 15 API calls · ETA 1m 05s`,
    );
  });

  it('is cut to the terminal width so that it never wraps', () => {
    const line = terminalProgressLine(running, 65, now, 40);
    expect(line).toHaveLength(39);
    expect(line.endsWith('…')).toBe(true);
  });
});
