import type { OrgRuntime } from '../../runtime/org-runtime.ts';
import { isIdOf } from '../../salesforce-id.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { AdminError } from './admin-error.ts';

/** The route parameters of /orgs/:name/... */
export interface OrgParams {
  name: string;
}

/** The org an admin route names, by name or by its org id (15 or 18 characters); 404 when there is none. */
export function findOrg(state: SimulatorState, name: string): OrgRuntime {
  const org = state.orgs.get(name) ?? [...state.orgs.values()].find((o) => isIdOf(name, o.org.id));
  if (!org) throw new AdminError(404, `unknown org '${name}' (known: ${[...state.orgs.keys()].join(', ')})`);
  return org;
}
