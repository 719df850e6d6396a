import { parseDataPath } from '../api-path.ts';
import { RestError, restErrors } from '../rest-error.ts';
import type { RestContext, RestRequest, RestResponse, RestRoute } from '../rest-types.ts';

const MAX_SUBREQUESTS = 25;

interface Subrequest {
  method?: unknown;
  url?: unknown;
  referenceId?: unknown;
  httpHeaders?: unknown;
}

/** Runs one subrequest through the same handlers as top-level calls; its URL is a full /services/data path. */
function runSubrequest(sub: Subrequest, context: RestContext, batchVersion?: string): RestResponse {
  let url = typeof sub.url === 'string' ? sub.url : '';
  // Batch subrequest URLs may omit /services/data/ ('v62.0/sobjects').
  if (batchVersion !== undefined && /^\/?v\d+\.0/.test(url)) url = `/services/data/${url.replace(/^\//, '')}`;
  const target = parseDataPath(url);
  if (target?.type !== 'api' || !target.supported) return { status: 404, body: restErrors.notFound().body() };
  const headers = Object.fromEntries(
    Object.entries(typeof sub.httpHeaders === 'object' && sub.httpHeaders ? sub.httpHeaders : {}).map(([k, v]) => [
      k.toLowerCase(),
      String(v),
    ]),
  );
  const method = typeof sub.method === 'string' ? sub.method.toUpperCase() : 'GET';
  return context.dispatch({
    method,
    version: target.version,
    path: target.path,
    query: target.query,
    headers,
    body: null,
  });
}

function subrequests(body: unknown, key: string): Subrequest[] {
  const list = (body as Record<string, unknown> | null)?.[key];
  if (!Array.isArray(list)) throw new RestError(400, 'JSON_PARSER_ERROR', `Required field missing: ${key}`);
  if (list.length > MAX_SUBREQUESTS) {
    throw new RestError(
      400,
      'INVALID_FIELD',
      `Limit exceeded: the request can contain at most ${MAX_SUBREQUESTS} subrequests`,
    );
  }
  return list as Subrequest[];
}

/** The answer a fault gives a composite subrequest instead of running it, if any. */
function faultedSubrequest(sub: Subrequest, context: RestContext): RestResponse | undefined {
  const { faults } = context.org.faults;
  if (faults.compositeRejectsDescribe && typeof sub.url === 'string' && /\/describe\/?$/.test(sub.url)) {
    return {
      status: 400,
      body: [{ errorCode: 'INVALID_API_INPUT', message: 'Describe is not supported in a composite request' }],
    };
  }
  if (context.org.faults.rollSubrequest()) {
    return { status: 503, body: [{ errorCode: 'SERVER_UNAVAILABLE', message: 'Server temporarily unavailable' }] };
  }
  return undefined;
}

const subBody = (res: RestResponse): unknown => (res.status === 304 ? null : (res.body ?? null));

/** A subrequest's body as JSON: a cached describe is spliced in as served, not serialized again. */
const subBodyJson = (res: RestResponse): string =>
  res.status !== 304 && res.json !== undefined ? res.json : JSON.stringify(subBody(res));

/**
 * POST /composite and /tooling/composite: the subrequests' answers, one API call for all of them. The
 * answer's JSON is put together from each subrequest's, so that 25 describes served from the cache cost
 * no serialization: each is the text GET .../describe serves (its URLs in the request's version).
 */
const composite = (req: RestRequest, context: RestContext): RestResponse => {
  const answers = subrequests(req.body, 'compositeRequest').map((sub) => {
    const res = faultedSubrequest(sub, context) ?? runSubrequest(sub, context);
    const rest = { httpHeaders: res.headers ?? {}, httpStatusCode: res.status, referenceId: sub.referenceId ?? null };
    return {
      answer: { body: subBody(res), ...rest },
      json: `{"body":${subBodyJson(res)},${JSON.stringify(rest).slice(1)}`,
    };
  });
  return {
    status: 200,
    body: { compositeResponse: answers.map((a) => a.answer) },
    json: `{"compositeResponse":[${answers.map((a) => a.json).join(',')}]}`,
  };
};

/** POST /composite and /tooling/composite (one API call each) and POST /composite/batch (one call per subrequest). */
export const compositeRoutes: RestRoute[] = [
  { kind: 'composite', pattern: /^\/composite$/, methods: ['POST'], handle: composite },
  { kind: 'tooling_composite', pattern: /^\/tooling\/composite$/, methods: ['POST'], handle: composite },
  {
    kind: 'composite_batch',
    pattern: /^\/composite\/batch$/,
    methods: ['POST'],
    cost: (req) => {
      const list = (req.body as Record<string, unknown> | null)?.batchRequests;
      return Array.isArray(list) ? Math.max(1, Math.min(list.length, MAX_SUBREQUESTS)) : 1;
    },
    handle: (req, context) => {
      const halt = (req.body as Record<string, unknown>).haltOnError === true;
      let halted = false;
      const results = subrequests(req.body, 'batchRequests').map((sub) => {
        if (halted)
          return {
            statusCode: 412,
            result: [{ errorCode: 'BATCH_PROCESSING_HALTED', message: 'Batch processing halted per request' }],
          };
        const res = runSubrequest(sub, context, req.version);
        if (res.status >= 400 && halt) halted = true;
        return { statusCode: res.status, result: subBody(res) };
      });
      return { status: 200, body: { hasErrors: results.some((r) => r.statusCode >= 400), results } };
    },
  },
];
