import { randomBytes } from 'node:crypto';
import { parseArgs } from 'node:util';
import { buildApp } from '@sfmeta/api/app';
import { loadConfig } from '@sfmeta/config/config';
import { createLogger } from '@sfmeta/logger/logger';
import { demoOrgSpec } from '@sfmeta/simulator/demo-org';
import { startWorkerProcess } from '@sfmeta/worker/worker-process';
import type { Extraction } from '@sfmeta/client/api-types';
import { createSfmetaClient } from '@sfmeta/client/sfmeta-client';
import { unwrap } from '@sfmeta/client/unwrap';
import { waitForConnection } from '@sfmeta/client/wait-for-connection';
import { waitForExtraction } from '@sfmeta/client/wait-for-extraction';
import { recreateDatabase } from './demo-database.ts';
import { demoSimulator } from './demo-simulator.ts';

const { values: flags } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    objects: { type: 'string', default: String(demoOrgSpec.customObjects) },
    fields: { type: 'string', default: String(demoOrgSpec.fieldsPerObject) },
    simulator: { type: 'string' },
    /** Which random changes the org goes through between the two extractions. */
    seed: { type: 'string', default: '1' },
  },
});

const started = Date.now();
const apiKey = randomBytes(18).toString('base64url');
const env = {
  ...process.env,
  DATABASE_URL: process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/sfmeta_demo',
  SFMETA_QUEUE_PREFIX: process.env.SFMETA_QUEUE_PREFIX ?? `sfmeta-demo-${randomBytes(4).toString('hex')}`,
  SFMETA_ENCRYPTION_KEYS: process.env.SFMETA_ENCRYPTION_KEYS ?? `demo:${randomBytes(32).toString('base64')}`,
  SFMETA_API_KEYS: apiKey,
  SFMETA_API_PORT: process.env.SFMETA_API_PORT ?? (flags.keep ? '3000' : '0'),
  SFMETA_METRICS_PORT: process.env.SFMETA_METRICS_PORT ?? (flags.keep ? '9464' : '0'),
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
};

const orgSpec = { ...demoOrgSpec, customObjects: Number(flags.objects), fieldsPerObject: Number(flags.fields) };
const simulator = await demoSimulator(orgSpec, { url: flags.simulator, port: flags.keep ? 4010 : 0 });
const config = loadConfig({ ...env, SFMETA_ALLOWED_HOSTS: simulator.url });
const logger = createLogger({ name: 'demo', level: config.logLevel });
await recreateDatabase(config.databaseUrl);

const app = await buildApp({ config, logger });
const apiUrl = await app.listen({ host: config.api.host, port: config.api.port });
const worker = await startWorkerProcess(config, logger.child({ component: 'worker' }));
const api = createSfmetaClient({ baseUrl: apiUrl, apiKey });
console.log(`simulator ${simulator.url}  ·  api ${apiUrl}  ·  worker metrics ${worker.metricsUrl}`);

const kilobytes = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;

/** Starts an extraction of the connection and waits for it to succeed, showing its progress. */
async function extract(connectionId: string, label: string): Promise<Extraction> {
  const queued = unwrap(
    await api.POST('/api/v1/connections/{id}/extractions', { params: { path: { id: connectionId } }, body: {} }),
  );
  const run = await waitForExtraction(api, queued.id, {
    intervalMs: 250,
    onPoll: (view) => {
      const { objectsDone, objectsTotal, percent } = view.progress;
      process.stdout.write(
        `\r${label}: ${objectsDone}/${objectsTotal ?? '?'} objects${percent === null ? '' : ` (${percent}%)`}   `,
      );
    },
  });
  process.stdout.write('\n');
  if (run.status !== 'succeeded') throw new Error(`Extraction failed: ${run.error?.code}: ${run.error?.message}`);
  return run;
}

async function shutdown(): Promise<void> {
  await worker.close();
  await app.close();
  await simulator.close();
}

try {
  const created = unwrap(
    await api.POST('/api/v1/connections', {
      body: {
        host: simulator.url,
        consumerKey: orgSpec.clientId,
        consumerSecret: orgSpec.clientSecret,
        username: orgSpec.username,
        password: orgSpec.password,
        securityToken: orgSpec.securityToken,
      },
    }),
  );
  const connection = await waitForConnection(api, created.id, { intervalMs: 250 });
  if (connection.status !== 'connected')
    throw new Error(`Connection ${connection.status}: ${connection.statusReason?.message}`);
  console.log(`connected to org ${connection.orgId}`);

  const first = await extract(connection.id, 'extracting');
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const orgApiUsage = await simulator.apiUsage();
  const fullBytes = await simulator.bytesSent();
  console.log(
    [
      'extraction succeeded',
      `  objects        ${first.counts.objects}`,
      `  fields         ${first.counts.fields}`,
      `  reports        ${first.counts.reports} (each described: type, columns, source objects)`,
      `  dashboards     ${first.counts.dashboards}`,
      `  Apex           ${first.counts.apexClasses} classes, ${first.counts.apexTriggers} triggers`,
      `  API calls      ${first.apiCalls} (the org counted ${orgApiUsage} against its daily limit)`,
      `  time           ${seconds} s`,
    ].join('\n'),
  );

  await showLineage(connection.id, first.counts.lineageEdges ?? 0);

  // An admin changes a few things; the next extraction fetches only what changed.
  const changes = await simulator.mutate(Number(flags.seed), 5);
  const changedObjects = changes.added.length + changes.removed.length + changes.changed.length;
  console.log(`\nthe org changed: ${changedObjects} objects added, removed or changed`);
  const secondStarted = Date.now();
  const second = await extract(connection.id, 're-extracting');
  const secondBytes = (await simulator.bytesSent()) - fullBytes;
  const diff = unwrap(await api.GET('/api/v1/connections/{id}/changes', { params: { path: { id: connection.id } } }));
  const counts = (kind: string) => {
    const { added = 0, removed = 0, changed = 0 } = diff.summary[kind] ?? {};
    return `${added} added, ${removed} removed, ${changed} changed`;
  };
  console.log(
    [
      `incremental extraction succeeded in ${((Date.now() - secondStarted) / 1000).toFixed(1)} s`,
      `  unchanged      ${second.counts.objectsUnchanged} of ${second.counts.objects} objects (answered 304)`,
      `  downloaded     ${kilobytes(secondBytes)} (the first extraction: ${kilobytes(fullBytes)})`,
      `  stored         ${second.counts.versionsWritten} new versions of objects and fields`,
      `  objects        ${counts('object')}`,
      `  fields         ${counts('field')}`,
    ].join('\n'),
  );
  if (flags.keep) {
    console.log(
      '\nThe stack keeps running (Ctrl+C stops it). Try:\n' +
        `  curl -H 'x-api-key: ${apiKey}' ${apiUrl}/api/v1/connections/${connection.id}/objects\n` +
        `  curl -H 'x-api-key: ${apiKey}' ${apiUrl}/api/v1/connections/${connection.id}/changes\n` +
        `  curl -H 'x-api-key: ${apiKey}' '${apiUrl}/api/v1/connections/${connection.id}/lineage?node=Account'\n` +
        `  curl -H 'x-api-key: ${apiKey}' '${apiUrl}/api/v1/connections/${connection.id}/export?format=datahub'\n` +
        `  dashboard ${apiUrl}/admin/queues  ·  API docs ${apiUrl}/docs`,
    );
    const stop = () => void shutdown().then(() => process.exit(0));
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } else {
    await shutdown();
  }
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  await shutdown();
  process.exit(1);
}

/** Prints the lineage of the catalog: its edges by kind, and one formula read across relationships. */
async function showLineage(connectionId: string, total: number): Promise<void> {
  const byKind = new Map<string, number>();
  let example: { source: string; target: string; paths: string[] } | undefined;
  for (let after = ''; ; ) {
    const page = unwrap(
      await api.GET('/api/v1/connections/{id}/lineage/edges', {
        params: { path: { id: connectionId }, query: { limit: '2000', ...(after ? { after } : {}) } },
      }),
    );
    for (const edge of page.items) {
      byKind.set(edge.kind, (byKind.get(edge.kind) ?? 0) + 1);
      const deep = edge.detail.paths?.find((path) => path.split('.').length > 2);
      if (!example && edge.kind === 'formula' && deep) example = { ...edge, paths: [deep] };
    }
    if (page.next === null) break;
    after = page.next;
  }
  const kinds = [...byKind].map(([kind, count]) => `${count} ${kind}`).join(', ');
  console.log(`  lineage        ${total} edges: ${kinds}`);
  if (example)
    console.log(`                 e.g. ${example.target} reads ${example.source} through ${example.paths[0]}`);
}
