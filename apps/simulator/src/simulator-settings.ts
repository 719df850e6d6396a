import { checkSchema, InvalidInputError } from './check-schema.ts';
import { demoOrgSpec } from './demo-org.ts';
import type { OrgSpec } from './org-spec.ts';
import { FaultsSchema, type Faults } from './runtime/faults.ts';
import type { SimulatorOptions } from './simulator.ts';

function parseJson(env: NodeJS.ProcessEnv, name: string): unknown {
  try {
    return JSON.parse(env[name]!);
  } catch (error) {
    throw new InvalidInputError(`${name} is not valid JSON: ${(error as Error).message}`, { cause: error });
  }
}

/** SIMULATOR_FAULTS (a Faults object as JSON), with SIMULATOR_LATENCY_MS, the older way to set latencyMs, on top. */
function initialFaults(env: NodeJS.ProcessEnv): Faults | undefined {
  const latency = env.SIMULATOR_LATENCY_MS;
  if (!env.SIMULATOR_FAULTS && !latency) return undefined;
  const faults = env.SIMULATOR_FAULTS
    ? checkSchema(FaultsSchema, parseJson(env, 'SIMULATOR_FAULTS'), 'SIMULATOR_FAULTS')
    : {};
  if (!latency) return faults;
  if (!/^\d+$/.test(latency))
    throw new InvalidInputError(`SIMULATOR_LATENCY_MS must be a whole number of milliseconds, got '${latency}'`);
  return { ...faults, latencyMs: Number(latency) };
}

/**
 * The deployable simulator's options from its environment: SIMULATOR_PORT (4010), SIMULATOR_HOST (127.0.0.1),
 * SIMULATOR_ORGS (JSON array of org specs; the demo org otherwise), SIMULATOR_FAULTS, SIMULATOR_LATENCY_MS and
 * SIMULATOR_ADMIN_TOKEN (an empty one leaves the admin API open).
 */
export function loadSimulatorSettings(env: NodeJS.ProcessEnv): SimulatorOptions & { port: number } {
  const port = Number(env.SIMULATOR_PORT ?? 4010);
  if (!Number.isInteger(port) || port < 0)
    throw new InvalidInputError(`SIMULATOR_PORT must be a port number, got '${env.SIMULATOR_PORT}'`);
  const orgs = env.SIMULATOR_ORGS ? (parseJson(env, 'SIMULATOR_ORGS') as OrgSpec[]) : [demoOrgSpec];
  if (!Array.isArray(orgs) || orgs.length === 0)
    throw new InvalidInputError('SIMULATOR_ORGS must be a non-empty JSON array of org specs');
  const faults = initialFaults(env);
  const adminToken = env.SIMULATOR_ADMIN_TOKEN;
  return {
    port,
    host: env.SIMULATOR_HOST ?? '127.0.0.1',
    orgs,
    ...(faults ? { faults } : {}),
    ...(adminToken ? { adminToken } : {}),
  };
}
