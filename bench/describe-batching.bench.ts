/**
 * How much composite batching saves: describes every object of a simulated org once with one
 * request per object (the baseline) and once 25 to a /composite call, both with the same
 * concurrency and per-request latency, and prints wall time and API calls as ratios.
 *
 *   npm run bench -w @sfmeta/bench [-- --objects 300 --fields 40 --latency 25 --concurrency 4]
 */
import { parseArgs } from 'node:util';
import pMap from 'p-map';
import { describeGlobal, describeObject, describeObjects } from '@sfmeta/salesforce/describe-objects';
import { loginWithPassword } from '@sfmeta/salesforce/password-login';
import { SalesforceClient } from '@sfmeta/salesforce/salesforce-client';
import { demoOrgSpec } from '@sfmeta/simulator/demo-org';
import { startSimulator } from '@sfmeta/simulator/simulator';

const { values } = parseArgs({
  options: {
    objects: { type: 'string', default: '300' },
    fields: { type: 'string', default: '40' },
    latency: { type: 'string', default: '25' },
    concurrency: { type: 'string', default: '4' },
  },
});
const concurrency = Number(values.concurrency);
const spec = { ...demoOrgSpec, customObjects: Number(values.objects), fieldsPerObject: Number(values.fields) };
const simulator = await startSimulator({ orgs: [spec], port: 0, faults: { latencyMs: Number(values.latency) } });
const org = simulator.org(spec.name);

const login = await loginWithPassword({
  loginUrl: simulator.url,
  clientId: spec.clientId,
  clientSecret: spec.clientSecret,
  username: spec.username,
  password: spec.password,
  securityToken: spec.securityToken,
});
const session = { accessToken: login.accessToken, instanceUrl: login.instanceUrl };
const newClient = () =>
  new SalesforceClient({ sessions: { current: async () => session, renew: async () => session }, apiVersion: '62.0' });
const names = (await describeGlobal(newClient())).map((object) => object.name);

async function measure(label: string, work: (client: SalesforceClient) => Promise<number>) {
  org.resetCounters();
  const client = newClient();
  const started = process.hrtime.bigint();
  const described = await work(client);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (described !== names.length) throw new Error(`${label}: described ${described} of ${names.length}`);
  return { label, seconds, requests: org.counters.total, apiUsage: org.counters.apiUsage };
}

const baseline = await measure('one describe per object', async (client) => {
  const describes = await pMap(names, (name) => describeObject(client, name), { concurrency });
  return describes.length;
});
const batched = await measure('composite, 25 per call', async (client) => {
  let count = 0;
  await describeObjects(client, names, {
    concurrency,
    onBatch: async ({ describes }) => {
      count += describes.length;
    },
  });
  return count;
});
await simulator.close();

console.log(
  `org: ${names.length} objects, ${values.fields} custom fields each; ` +
    `latency ${values.latency} ms; concurrency ${concurrency}`,
);
for (const result of [baseline, batched]) {
  console.log(
    `${result.label.padEnd(26)} ${result.seconds.toFixed(2).padStart(7)} s  ` +
      `${String(result.requests).padStart(5)} requests  ${String(result.apiUsage).padStart(5)} API calls`,
  );
}
console.log(
  `ratio (composite / baseline): time ${(batched.seconds / baseline.seconds).toFixed(3)}, ` +
    `API calls ${(batched.apiUsage / baseline.apiUsage).toFixed(3)}`,
);
