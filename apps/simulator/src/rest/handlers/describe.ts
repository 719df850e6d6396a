import type { SObjectDescribe } from '../../describe-types.ts';
import { applyOddAttributes, oddAttributePlan } from '../../org/odd-attributes.ts';
import type { OrgRuntime } from '../../runtime/org-runtime.ts';
import { restErrors } from '../rest-error.ts';
import type { RestRequest, RestResponse, RestRoute } from '../rest-types.ts';

/**
 * 304 with no body when nothing changed since If-Modified-Since (second precision, as HTTP dates have); otherwise
 * 200 with the body and Last-Modified, which a client may send back as its next If-Modified-Since.
 */
function unlessUnchanged(request: RestRequest, modified: Date, body: () => Omit<RestResponse, 'status'>): RestResponse {
  const since = Date.parse(request.headers['if-modified-since'] ?? '');
  if (!Number.isNaN(since) && modified.getTime() <= since) return { status: 304 };
  return { status: 200, ...body(), headers: { 'Last-Modified': modified.toUTCString() } };
}

function describeOf(runtime: OrgRuntime, name: string) {
  const canonical = runtime.names.get(name.toLowerCase());
  const describe = canonical ? runtime.org.describes.get(canonical) : undefined;
  if (!describe) throw restErrors.notFound();
  return describe;
}

/**
 * A describe as served. Under Faults.oddAttributes an object in the plan gets its surprises, cached under a key
 * of its own, so that turning the fault on or off never serves the other body from the cache.
 */
function servedDescribe(runtime: OrgRuntime, describe: SObjectDescribe, version: string): Omit<RestResponse, 'status'> {
  const odd = runtime.faults.faults.oddAttributes
    ? oddAttributePlan(runtime.org).filter((p) => p.object === describe.name)
    : [];
  if (odd.length === 0) {
    return { json: runtime.cachedJson(`describe:${describe.name}`, version, () => describe), body: describe };
  }
  const body = applyOddAttributes(describe, odd);
  return { json: runtime.cachedJson(`odd-describe:${describe.name}`, version, () => body), body };
}

/** GET /sobjects, GET /sobjects/NAME/describe and GET /sobjects/NAME (basic info). */
export const describeRoutes: RestRoute[] = [
  {
    kind: 'describe_global',
    pattern: /^\/sobjects$/,
    methods: ['GET'],
    // Answers 304 only when neither the list nor any object's describe changed: the conservative reading of
    // Salesforce's docs, so that a client trusting the 304 misses nothing.
    handle: (req, { org }) =>
      unlessUnchanged(req, org.org.lastModified, () => ({
        json: org.cachedJson('global', req.version, () => org.org.describeGlobal),
        body: org.org.describeGlobal,
      })),
  },
  {
    kind: 'describe',
    pattern: /^\/sobjects\/([^/]+)\/describe$/,
    methods: ['GET'],
    handle: (req, { org }, [name]) => {
      const describe = describeOf(org, name!);
      return unlessUnchanged(req, org.org.objectsModified.get(describe.name) ?? org.org.lastModified, () =>
        servedDescribe(org, describe, req.version),
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
