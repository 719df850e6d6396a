import { reportView } from '@sfmeta/catalog/item-views';
import { itemRoutes } from '../../../../item-routes.ts';
import { ReportResponse } from '../../../../schemas/items.ts';

/** /api/v1/connections/:id/reports: the org's reports, with their owners, types, columns and source objects. */
export default itemRoutes({
  kind: 'report',
  path: 'reports',
  param: 'reportId',
  noun: 'report',
  plural: 'reports',
  searched: 'name, developer name, description or folder',
  view: reportView,
  schema: ReportResponse,
});
