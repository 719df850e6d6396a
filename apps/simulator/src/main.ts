import { demoOrgSpec } from './demo-org.ts';
import type { OrgSpec } from './org-spec.ts';
import { startSimulator } from './simulator.ts';

/** Reads the simulator's settings from the environment; only called by main. */
function loadSettings(env: NodeJS.ProcessEnv): { port: number; host: string; orgs: OrgSpec[]; latencyMs: number | undefined } {
  const port = Number(env['SIMULATOR_PORT'] ?? 4010);
  if (!Number.isInteger(port) || port < 0) throw new Error(`SIMULATOR_PORT must be a port number, got '${env['SIMULATOR_PORT']}'`);
  const orgs = env['SIMULATOR_ORGS'] ? (JSON.parse(env['SIMULATOR_ORGS']) as OrgSpec[]) : [demoOrgSpec];
  if (!Array.isArray(orgs) || orgs.length === 0) throw new Error('SIMULATOR_ORGS must be a non-empty JSON array of org specs');
  const latency = env['SIMULATOR_LATENCY_MS'];
  return { port, host: env['SIMULATOR_HOST'] ?? '127.0.0.1', orgs, latencyMs: latency ? Number(latency) : undefined };
}

const settings = loadSettings(process.env);
const simulator = await startSimulator({
  orgs: settings.orgs,
  port: settings.port,
  host: settings.host,
  ...(settings.latencyMs !== undefined ? { faults: { latencyMs: settings.latencyMs } } : {}),
});
console.log(`Salesforce simulator listening on ${simulator.url} (orgs: ${settings.orgs.map((o) => o.name).join(', ')})`);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    simulator.close().then(() => process.exit(0), (error: unknown) => {
      console.error(error);
      process.exit(1);
    });
  });
}
