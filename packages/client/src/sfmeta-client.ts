import createClient, { type Client, type Middleware } from 'openapi-fetch';
import type { paths } from './generated/api.ts';
import { SfmetaUnreachableError } from './sfmeta-unreachable-error.ts';

/** A typed client of the sfmeta API: `client.GET('/api/v1/connections/{id}', { params: { path: { id } } })`. */
export type SfmetaClient = Client<paths>;

export interface SfmetaClientOptions {
  /** Where the API listens, e.g. http://127.0.0.1:3000. */
  baseUrl: string;
  /** Sent as `x-api-key` on every request. */
  apiKey: string;
  /** A fetch of your own (tests, proxies); the global fetch otherwise. */
  fetch?: (request: Request) => Promise<Response>;
}

/** A client for the API at `baseUrl`; a request that gets no answer at all throws SfmetaUnreachableError. */
export function createSfmetaClient(options: SfmetaClientOptions): SfmetaClient {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');
  const client = createClient<paths>({
    baseUrl,
    headers: { 'x-api-key': options.apiKey },
    ...(options.fetch ? { fetch: options.fetch } : {}),
  });
  const unreachable: Middleware = {
    onError: ({ error }) =>
      SfmetaUnreachableError.isNetworkFailure(error)
        ? new SfmetaUnreachableError(baseUrl, SfmetaUnreachableError.reasonOf(error), { cause: error })
        : undefined,
  };
  client.use(unreachable);
  return client;
}
