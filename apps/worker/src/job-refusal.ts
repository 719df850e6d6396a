/**
 * A job that cannot succeed for a reason of sfmeta's own (not Salesforce's answer): the host
 * does not resolve, the catalog stayed incomplete. Permanent: no retry, and the code and
 * message are what the connection or run shows.
 */
export class JobRefusal extends Error {
  override readonly name: string = 'JobRefusal';
  readonly code: string;

  constructor(code: string, message: string) {
    super(message);
    this.code = code;
  }
}
