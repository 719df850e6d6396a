import { SfmetaApiError } from './sfmeta-api-error.ts';

/** What every openapi-fetch call answers. */
interface FetchResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/** The data of a successful answer; throws an SfmetaApiError for any other. */
export function unwrap<Result extends FetchResult>(result: Result): Exclude<Result['data'], undefined> {
  if (!result.response.ok) throw SfmetaApiError.from(result.response, result.error);
  return result.data as Exclude<Result['data'], undefined>;
}
