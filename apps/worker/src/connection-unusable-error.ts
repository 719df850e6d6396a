import { JobRefusal } from './job-refusal.ts';

/**
 * A connection that cannot give a session, for a reason of sfmeta's own records rather than a
 * Salesforce answer: it was deleted, it was refused earlier, or it holds nothing to log in with.
 * `refused` says only its owner can fix it (authorize again, or new credentials).
 */
export class ConnectionUnusableError extends JobRefusal {
  override readonly name = 'ConnectionUnusableError';
  readonly refused: boolean;

  constructor(code: string, message: string, refused: boolean) {
    super(code, message);
    this.refused = refused;
  }
}
