import { buildApp } from './app.ts';
import type { OrgSpec } from './org-spec.ts';
import type { Faults } from './runtime/faults.ts';
import type { SimulatedOrg } from './runtime/org-runtime.ts';
import { createSimulatorState } from './runtime/simulator-state.ts';

export type {
  AuditStamp,
  ComponentFacts,
  DashboardComponent,
  EntityMetadata,
  FieldMetadata,
  ManageableState,
  Org,
  OrgApexClass,
  OrgApexTrigger,
  OrgDashboard,
  OrgReport,
  OrgUser,
  TriggerEvent,
} from './generate-org.ts';
export type { Faults } from './runtime/faults.ts';
export type { Permission } from './runtime/permissions.ts';
export { InvalidMutationError } from './mutations/invalid-mutation-error.ts';
export type {
  Mutation,
  MutationResult,
  NewField,
  RandomMutationOptions,
  SetupItemChanges,
} from './mutations/mutation-schema.ts';
export { randomMutations } from './mutations/random-mutations.ts';
export {
  applyOddAttributes,
  type OddAttribute,
  type OddAttributeKind,
  oddAttributePlan,
} from './org/odd-attributes.ts';
export type { RequestCounters, RequestKind } from './runtime/counters.ts';
export type { GrantCounts } from './runtime/counters.ts';
export type { OAuthSettings } from './runtime/oauth-settings.ts';
export type { OAuthState, SimulatedOrg } from './runtime/org-runtime.ts';
export type { OrgShape } from './runtime/org-shape.ts';

/** A running simulator. */
export interface Simulator {
  /** http://127.0.0.1:PORT; use it as jsforce's loginUrl, and as the admin client's URL. */
  url: string;
  /** The org with this name; throws on an unknown name. */
  org(name: string): SimulatedOrg;
  close(): Promise<void>;
}

/** Options of startSimulator. */
export interface SimulatorOptions {
  orgs: OrgSpec[];
  /** 0 (the default) picks a free port. */
  port?: number;
  host?: string;
  /** Initial faults for every org. */
  faults?: Faults;
  /** Seed of the fault PRNG, so faulted runs replay. */
  faultSeed?: number;
  logger?: boolean;
  /**
   * When set, the admin API (/__admin) requires `Authorization: Bearer <adminToken>`; without it the admin API
   * is open.
   */
  adminToken?: string;
}

/** Generates the orgs, builds the app and listens. */
export async function startSimulator(options: SimulatorOptions): Promise<Simulator> {
  const state = createSimulatorState(options.orgs, options.faults, options.faultSeed);
  const app = await buildApp(state, { logger: options.logger ?? false, adminToken: options.adminToken });
  const host = options.host ?? '127.0.0.1';
  await app.listen({ port: options.port ?? 0, host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : (options.port ?? 0);
  const shownHost = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return {
    url: `http://${shownHost}:${port}`,
    org(name) {
      const runtime = state.orgs.get(name);
      if (!runtime) throw new Error(`unknown simulated org '${name}'`);
      return runtime;
    },
    close: () => app.close(),
  };
}
