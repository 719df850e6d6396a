import { generateOrg } from '../generate-org.ts';
import type { OrgSpec } from '../org-spec.ts';
import type { Faults } from './faults.ts';
import { OrgRuntime } from './org-runtime.ts';
import { SessionStore } from './sessions.ts';

/** Everything the HTTP routes share: the orgs by name and by Connected App, and the access tokens. */
export interface SimulatorState {
  orgs: Map<string, OrgRuntime>;
  byClientId: Map<string, OrgRuntime>;
  sessions: SessionStore;
  /** Faults for requests that reach no org (unknown token or client): only latency applies to them. */
  defaultFaults: Faults;
}

/** Generates every org; names and client ids must be unique because requests are routed by them. */
export function createSimulatorState(specs: readonly OrgSpec[], faults: Faults = {}, faultSeed = 1): SimulatorState {
  const sessions = new SessionStore();
  const orgs = new Map<string, OrgRuntime>();
  const byClientId = new Map<string, OrgRuntime>();
  for (const spec of specs) {
    if (orgs.has(spec.name)) throw new Error(`duplicate org name '${spec.name}'`);
    if (byClientId.has(spec.clientId)) throw new Error(`duplicate clientId '${spec.clientId}' (org '${spec.name}')`);
    const runtime = new OrgRuntime(generateOrg(spec), sessions, faultSeed, faults);
    orgs.set(spec.name, runtime);
    byClientId.set(spec.clientId, runtime);
  }
  return { orgs, byClientId, sessions, defaultFaults: { ...faults } };
}
