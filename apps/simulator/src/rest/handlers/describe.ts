import type { OrgRuntime } from '../../runtime/org-runtime.ts';
import { restErrors } from '../rest-error.ts';
import type { RestRequest, RestResponse, RestRoute } from '../rest-types.ts';

/** 304 when the org has not changed since If-Modified-Since (second precision, as HTTP dates have). */
function notModified(runtime: OrgRuntime, request: RestRequest): RestResponse | null {
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  if (Number.isNaN(since) || runtime.org.lastModified.getTime() > since) return null;
  return { status: 304 };
}

function describeOf(runtime: OrgRuntime, name: string) {
  const canonical = runtime.names.get(name.toLowerCase());
  const describe = canonical ? runtime.org.describes.get(canonical) : undefined;
  if (!describe) throw restErrors.notFound();
  return describe;
}

/** GET /sobjects, GET /sobjects/NAME/describe and GET /sobjects/NAME (basic info). */
export const describeRoutes: RestRoute[] = [
  {
    kind: 'describe_global',
    pattern: /^\/sobjects$/,
    methods: ['GET'],
    handle: (req, { org }) =>
      notModified(org, req) ?? {
        status: 200,
        json: org.cachedJson('global', req.version, () => org.org.describeGlobal),
        body: org.org.describeGlobal,
      },
  },
  {
    kind: 'describe',
    pattern: /^\/sobjects\/([^/]+)\/describe$/,
    methods: ['GET'],
    handle: (req, { org }, [name]) => {
      const describe = describeOf(org, name!);
      return (
        notModified(org, req) ?? {
          status: 200,
          json: org.cachedJson(`describe:${describe.name}`, req.version, () => describe),
          body: describe,
        }
      );
    },
  },
  {
    kind: 'other',
    pattern: /^\/sobjects\/([^/]+)$/,
    methods: ['GET'],
    handle: (_req, { org }, [name]) => {
      const describe = describeOf(org, name!);
      const entry = org.org.describeGlobal.sobjects.find((s) => s.name === describe.name);
      return { status: 200, body: { objectDescribe: entry, recentItems: [] } };
    },
  },
  {
    // Record retrieval is out of scope; answer like a record that does not exist.
    kind: 'other',
    pattern: /^\/sobjects\/([^/]+)\/([^/]+)$/,
    methods: ['GET'],
    handle: (_req, { org }, [name]) => {
      describeOf(org, name!);
      throw restErrors.notFound();
    },
  },
];
