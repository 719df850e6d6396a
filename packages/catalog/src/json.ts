/** A JSON object as parsed, before its attributes are checked. */
export type Json = Record<string, unknown>;
