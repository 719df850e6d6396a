import { nextPage, runQuery } from '../../soql/query-service.ts';
import type { RestRoute } from '../rest-types.ts';

/** GET /query, /queryAll and /tooling/query, and their nextRecordsUrl cursors. */
export const queryRoutes: RestRoute[] = [
  {
    kind: 'query',
    pattern: /^\/query(?:All)?$/,
    methods: ['GET'],
    handle: (req, { org }) => ({ status: 200, body: runQuery(org, req.query.get('q'), req.version, false) }),
  },
  {
    kind: 'query',
    pattern: /^\/query(?:All)?\/([^/]+)$/,
    methods: ['GET'],
    handle: (req, { org }, [locator]) => ({ status: 200, body: nextPage(org, locator!, req.version, false) }),
  },
  {
    kind: 'tooling_query',
    pattern: /^\/tooling\/query$/,
    methods: ['GET'],
    handle: (req, { org }) => ({ status: 200, body: runQuery(org, req.query.get('q'), req.version, true) }),
  },
  {
    kind: 'tooling_query',
    pattern: /^\/tooling\/query\/([^/]+)$/,
    methods: ['GET'],
    handle: (req, { org }, [locator]) => ({ status: 200, body: nextPage(org, locator!, req.version, true) }),
  },
];
