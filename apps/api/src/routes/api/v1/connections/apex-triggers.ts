import { apexTriggerView } from '@sfmeta/catalog/item-views';
import { itemRoutes } from '../../../../item-routes.ts';
import { ApexTriggerResponse } from '../../../../schemas/items.ts';

/** /api/v1/connections/:id/apex-triggers: the org's Apex triggers, the objects they fire on and their events. */
export default itemRoutes({
  kind: 'apex_trigger',
  path: 'apex-triggers',
  param: 'triggerId',
  noun: 'Apex trigger',
  plural: 'Apex triggers',
  searched: 'name, namespace or object (a custom object by its id)',
  view: apexTriggerView,
  schema: ApexTriggerResponse,
});
