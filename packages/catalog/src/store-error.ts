export type StoreErrorCode = 'CONNECTION_NOT_FOUND' | 'RUN_NOT_FOUND' | 'INVALID_INPUT' | 'INVALID_DESCRIBE';

/** A store refused its input or could not find what it was pointed at; `cause` keeps the pg error. */
export class StoreError extends Error {
  override readonly name = 'StoreError';
  readonly code: StoreErrorCode;

  constructor(code: StoreErrorCode, message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.code = code;
  }
}
