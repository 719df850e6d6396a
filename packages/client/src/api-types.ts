import type { paths } from './generated/api.ts';

/** The JSON content of a response or request body object of the generated types. */
type JsonContent<T> = T extends { content: { 'application/json': infer Body } } ? Body : never;

/** The JSON body of the `status` answer of `method` on `path`, as the API's OpenAPI document types it. */
export type ResponseBody<
  Path extends keyof paths,
  Method extends keyof paths[Path],
  Status extends number = 200,
> = paths[Path][Method] extends { responses: infer Responses }
  ? Status extends keyof Responses
    ? JsonContent<Responses[Status]>
    : never
  : never;

/** The JSON request body of `method` on `path`. */
export type RequestBody<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends {
  requestBody?: infer Body;
}
  ? JsonContent<NonNullable<Body>>
  : never;

/** The query parameters of `method` on `path`. */
export type QueryParameters<Path extends keyof paths, Method extends keyof paths[Path]> = paths[Path][Method] extends {
  parameters: { query?: infer Query };
}
  ? NonNullable<Query>
  : never;

/** A connection to a Salesforce org, as GET /api/v1/connections/{id} answers it. */
export type Connection = ResponseBody<'/api/v1/connections/{id}', 'get'>;
/** A connection's status: pending, connected, failed, awaiting_authorization, needs_reauth. */
export type ConnectionStatus = Connection['status'];
/** A connection with the URL its Salesforce user authorizes it at (oauth connections). */
export type ConnectionAuthorization = ResponseBody<'/api/v1/connections', 'post', 201>;
/** What registers a connection: a password connection, or an oauth one (`authType: "oauth"`). */
export type CreateConnection = RequestBody<'/api/v1/connections', 'post'>;
/** An extraction run with its progress, counts and error. */
export type Extraction = ResponseBody<'/api/v1/extractions/{id}', 'get'>;
/** An extraction's status. */
export type ExtractionStatus = Extraction['status'];
/** A page of the catalog's object list. */
export type ObjectPage = ResponseBody<'/api/v1/connections/{id}/objects', 'get'>;
/** One object of the catalog with every field. */
export type CatalogObject = ResponseBody<'/api/v1/connections/{id}/objects/{name}', 'get'>;
/** A page of what changed between two extractions. */
export type ChangePage = ResponseBody<'/api/v1/connections/{id}/changes', 'get'>;
/** An export format: ndjson, datahub, openlineage. */
export type ExportFormat = QueryParameters<'/api/v1/connections/{id}/export', 'get'>['format'];
/** The body of every error answer. */
export type ErrorBody = ResponseBody<'/api/v1/connections/{id}', 'get', 404>;
