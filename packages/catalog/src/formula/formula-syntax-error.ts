/** Stable codes for what is wrong with a formula, for callers that turn them into warnings. */
export type FormulaSyntaxErrorCode =
  | 'UNTERMINATED_STRING'
  | 'UNTERMINATED_COMMENT'
  | 'UNEXPECTED_CHARACTER'
  | 'UNEXPECTED_TOKEN'
  | 'UNEXPECTED_END'
  | 'TOO_DEEP';

/** A formula that is not valid Salesforce formula syntax; `position` is the 0-based offset of the fault. */
export class FormulaSyntaxError extends Error {
  override readonly name = 'FormulaSyntaxError';
  readonly code: FormulaSyntaxErrorCode;
  readonly position: number;

  constructor(code: FormulaSyntaxErrorCode, message: string, position: number) {
    super(`${message} at position ${position}`);
    this.code = code;
    this.position = position;
  }
}
