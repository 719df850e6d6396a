/** What the `sfmeta` command exits with; the README's table lists them. */
export const EXIT = {
  /** Done. */
  ok: 0,
  /** An extraction or a connection failed, or the API refused the request (409, 5xx…). */
  failed: 1,
  /** The command line is wrong, or the API found the input invalid (400). */
  usage: 2,
  /** No answer from the API: connection refused, unknown host, timeout. */
  unreachable: 3,
  /** The API key is missing from the API's keys (401). */
  auth: 4,
  /** No such connection, extraction or object (404). */
  notFound: 5,
  /** Stopped by Ctrl+C; a followed run goes on in the background. */
  interrupted: 130,
} as const;

export type ExitCode = (typeof EXIT)[keyof typeof EXIT];
