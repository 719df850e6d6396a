import { apexClassView } from '@sfmeta/catalog/item-views';
import { itemRoutes } from '../../../../item-routes.ts';
import { ApexClassResponse } from '../../../../schemas/items.ts';

/** /api/v1/connections/:id/apex-classes: the org's Apex classes. */
export default itemRoutes({
  kind: 'apex_class',
  path: 'apex-classes',
  param: 'classId',
  noun: 'Apex class',
  plural: 'Apex classes',
  searched: 'name or namespace',
  view: apexClassView,
  schema: ApexClassResponse,
});
