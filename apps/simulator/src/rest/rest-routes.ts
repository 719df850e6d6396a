import { analyticsRoutes } from './handlers/analytics.ts';
import { compositeRoutes } from './handlers/composite.ts';
import { describeRoutes } from './handlers/describe.ts';
import { limitRoutes } from './handlers/limits.ts';
import { queryRoutes } from './handlers/query.ts';
import { resourceRoutes } from './handlers/resources.ts';
import type { RestRoute } from './rest-types.ts';

/** Every REST resource under /services/data/vNN.0, in match order. */
export const restRoutes: readonly RestRoute[] = [
  ...resourceRoutes,
  ...describeRoutes,
  ...limitRoutes,
  ...queryRoutes,
  ...compositeRoutes,
  ...analyticsRoutes,
];
