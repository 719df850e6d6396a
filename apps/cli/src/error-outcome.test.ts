import { CommanderError } from 'commander';
import { describe, expect, it } from 'vitest';
import { SfmetaApiError } from '@sfmeta/client/sfmeta-api-error';
import { SfmetaUnreachableError } from '@sfmeta/client/sfmeta-unreachable-error';
import { CliError } from './cli-error.ts';
import { errorOutcome } from './error-outcome.ts';
import { EXIT } from './exit-codes.ts';

describe('errorOutcome', () => {
  it('maps API answers to exit codes by status', () => {
    const outcome = (status: number, code: string) => errorOutcome(new SfmetaApiError(status, code, 'said why'));
    expect(outcome(400, 'VALIDATION_FAILED')).toEqual({
      exitCode: EXIT.usage,
      code: 'VALIDATION_FAILED',
      message: 'said why',
      line: 'VALIDATION_FAILED: said why',
    });
    expect(outcome(401, 'UNAUTHORIZED').exitCode).toBe(EXIT.auth);
    expect(outcome(401, 'UNAUTHORIZED').line).toContain('SFMETA_API_KEY');
    expect(outcome(404, 'NOT_FOUND').exitCode).toBe(EXIT.notFound);
    expect(outcome(409, 'CONNECTION_BUSY').exitCode).toBe(EXIT.failed);
    expect(outcome(503, 'QUEUE_UNAVAILABLE').exitCode).toBe(EXIT.failed);
  });

  it('says where the API was looked for when it does not answer', () => {
    const outcome = errorOutcome(new SfmetaUnreachableError('http://127.0.0.1:9', 'ECONNREFUSED'));
    expect(outcome.exitCode).toBe(EXIT.unreachable);
    expect(outcome.line).toBe(
      'cannot reach the sfmeta API at http://127.0.0.1:9 (ECONNREFUSED): is the API running? (--url or SFMETA_URL)',
    );
  });

  it("keeps a CliError's code, and leaves commander's own messages to commander", () => {
    expect(errorOutcome(new CliError('stopped', EXIT.interrupted, 'INTERRUPTED'))).toEqual({
      exitCode: EXIT.interrupted,
      code: 'INTERRUPTED',
      message: 'stopped',
      line: 'stopped',
    });
    const usage = errorOutcome(new CommanderError(1, 'commander.unknownOption', 'unknown option'));
    expect(usage).toMatchObject({ exitCode: EXIT.usage, line: undefined });
    expect(errorOutcome(new CommanderError(0, 'commander.helpDisplayed', '')).exitCode).toBe(EXIT.ok);
  });

  it('exits 1 with the message of anything else', () => {
    expect(errorOutcome(new Error('disk full'))).toEqual({
      exitCode: EXIT.failed,
      code: 'ERROR',
      message: 'disk full',
      line: 'disk full',
    });
  });
});
