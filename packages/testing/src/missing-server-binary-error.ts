/** A private test server cannot start because its program is not installed on this machine. */
export class MissingServerBinaryError extends Error {
  override name = 'MissingServerBinaryError';

  constructor(program: string, where: string, options?: ErrorOptions) {
    super(
      `${program} is not installed (looked in ${where}); the private-server tests need it on this machine`,
      options,
    );
  }
}
