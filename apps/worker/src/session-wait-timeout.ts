/**
 * Another worker held the session lock for too long without storing a new session. Not a
 * Salesforce answer and not permanent: the job fails this attempt and BullMQ retries it.
 */
export class SessionWaitTimeout extends Error {
  override readonly name = 'SessionWaitTimeout';
}
