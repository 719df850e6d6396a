import { ADMIN_PREFIX } from './routes/admin/admin-prefix.ts';
import { startSimulator } from './simulator.ts';
import { loadSimulatorSettings } from './simulator-settings.ts';

const settings = loadSimulatorSettings(process.env);
const simulator = await startSimulator(settings);
console.log(
  `Salesforce simulator listening on ${simulator.url} (orgs: ${settings.orgs.map((o) => o.name).join(', ')})`,
);
console.log(
  `Admin API on ${simulator.url}${ADMIN_PREFIX} (${settings.adminToken ? 'bearer token required' : 'open'})` +
    (settings.faults ? `; initial faults ${JSON.stringify(settings.faults)}` : ''),
);

let closing = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.once(signal, () => {
    if (closing) return;
    closing = true;
    simulator.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  });
}
