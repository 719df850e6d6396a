import type { RestRoute } from '../rest-types.ts';

const RESOURCES = ['tooling', 'metadata', 'eclair', 'folders', 'prechatForms', 'jsonxform', 'chatter', 'tabs', 'appMenu',
  'quickActions', 'queryAll', 'commerce', 'wave', 'iot', 'analytics', 'search', 'identity', 'composite', 'parameterizedSearch',
  'fingerprint', 'theme', 'nouns', 'domino', 'event', 'serviceTemplates', 'recent', 'connect', 'licensing', 'limits',
  'process', 'async-queries', 'query', 'match', 'emailConnect', 'compactLayouts', 'knowledgeManagement', 'sobjects',
  'actions', 'support'];

/** GET /services/data/vNN.0: the directory of resources. */
export const resourceRoutes: RestRoute[] = [
  {
    kind: 'other', pattern: /^$/, methods: ['GET'],
    handle: (req) => ({
      status: 200,
      body: Object.fromEntries(RESOURCES.map((r) => [r, `/services/data/v${req.version}/${r}`])),
    }),
  },
];
