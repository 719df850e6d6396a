import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { createLogger } from './logger.ts';

function capture() {
  const lines: string[] = [];
  const stream = new Writable({
    write(chunk, _encoding, done) {
      lines.push(String(chunk));
      done();
    },
  });
  return { lines, stream };
}

describe('createLogger', () => {
  it('redacts secrets at any depth but keeps the ids', () => {
    const { lines, stream } = capture();
    const logger = createLogger({ name: 'test' }, stream);
    logger.info(
      { connectionId: 'c1', password: 'hunter2', nested: { accessToken: 'tok', inner: { refresh_token: 'rt' } } },
      'hello',
    );
    const line = lines.join('');
    expect(line).toContain('"connectionId":"c1"');
    expect(line).not.toContain('hunter2');
    expect(line).not.toContain('tok"');
    expect(line).not.toContain('"rt"');
    expect(line).toContain('[redacted]');
  });
});
