import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { OutputStream } from '../cli-context.ts';
import type { ProgressView } from './progress-line.ts';
import { ProgressReporter } from './progress-reporter.ts';

/** A stream that keeps what is written, as a terminal or not. */
function recorder(isTTY: boolean): { stream: OutputStream; text: () => string } {
  const chunks: string[] = [];
  const stream: OutputStream = new Writable({
    write(chunk, _encoding, done) {
      chunks.push(String(chunk));
      done();
    },
  });
  stream.isTTY = isTTY;
  stream.columns = 120;
  return { stream, text: () => chunks.join('') };
}

const view = (status: string, done: number): ProgressView => ({
  status,
  progress: { objectsDone: done, objectsTotal: 100, percent: done },
  apiCalls: done * 2,
});

describe('ProgressReporter', () => {
  it('redraws one line in place on a terminal and ends it on finish', () => {
    let clock = 0;
    const out = recorder(true);
    const reporter = new ProgressReporter(out.stream, () => clock);
    reporter.update(view('running', 10));
    clock = 1000;
    reporter.update(view('running', 20));
    reporter.finish();
    const draws = out.text().split('\r\u001b[2K');
    expect(draws).toHaveLength(3);
    expect(draws[2]).toMatch(/^running \[.+\] 20\/100 objects 20% · 40 API calls · ETA 8s\n$/);
    expect(out.text().match(/\n/g)).toHaveLength(1);
  });

  it('writes plain lines elsewhere: each status change, and counts at most once a second', () => {
    let clock = 0;
    const out = recorder(false);
    const reporter = new ProgressReporter(out.stream, () => clock);
    reporter.update(view('queued', 0));
    reporter.update(view('queued', 0));
    reporter.update(view('running', 1));
    clock = 200;
    reporter.update(view('running', 5)); // within the second: left out
    clock = 1500;
    reporter.update(view('running', 30));
    clock = 1600;
    reporter.update({ ...view('waiting_for_api_budget', 30), resumeAt: new Date(61_600).toISOString() });
    reporter.finish();
    expect(out.text().split('\n')).toEqual([
      'queued: waiting for a worker',
      'running: 1/100 objects (1%), 2 API calls, ETA --',
      'running: 30/100 objects (30%), 60 API calls, ETA 4s',
      'waiting for API budget: 30/100 objects (30%), 60 API calls, resumes at 1970-01-01T00:01:01.600Z (in 1m 00s)',
      '',
    ]);
  });
});
