import { dashboardView } from '@sfmeta/catalog/item-views';
import { itemRoutes } from '../../../../item-routes.ts';
import { DashboardResponse } from '../../../../schemas/items.ts';

/** /api/v1/connections/:id/dashboards: the org's dashboards, with their running users and the reports behind them. */
export default itemRoutes({
  kind: 'dashboard',
  path: 'dashboards',
  param: 'dashboardId',
  noun: 'dashboard',
  plural: 'dashboards',
  searched: 'title, developer name, description or folder',
  view: dashboardView,
  schema: DashboardResponse,
});
