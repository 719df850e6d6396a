import type { OrgRuntime } from '../../runtime/org-runtime.ts';
import type { SimulatorState } from '../../runtime/simulator-state.ts';
import { AdminError } from './admin-error.ts';

/** The route parameters of /orgs/:name/... */
export interface OrgParams {
  name: string;
}

/** The org an admin route names; 404 when there is none. */
export function findOrg(state: SimulatorState, name: string): OrgRuntime {
  const org = state.orgs.get(name);
  if (!org) throw new AdminError(404, `unknown org '${name}' (known: ${[...state.orgs.keys()].join(', ')})`);
  return org;
}
