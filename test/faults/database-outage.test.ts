import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivatePostgres, type PrivatePostgres } from '@sfmeta/testing/private-postgres';
import { expectCatalogEqualsOrg } from '../support/catalog-comparison.ts';
import { connect, connectionBody, eventually, extractUntilStored, type RunView, waitForRun } from '../support/flow.ts';
import { isAlive, sleep, stopChild } from '../support/processes.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { spawnWorker } from '../support/worker-child.ts';
import { faultOrg } from './fault-org.ts';

// Busy writers: with many describe batches saving at once, the stop finds transactions in flight,
// whose pooled clients then lose their server (the case that used to crash every worker).
const busy = { SFMETA_WORKER_CONCURRENCY: '4', SFMETA_DESCRIBE_CONCURRENCY: '4' };
const org = { ...faultOrg, fieldsPerObject: 40 };

describe('PostgreSQL restarts mid-crawl', () => {
  let postgres: PrivatePostgres;
  let stack: Stack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    postgres = await startPrivatePostgres();
    stack = await startStack({ orgs: [org], workers: 0, env: busy, services: { databaseUrl: postgres.url } });
    // Workers in processes of their own, so that a crash shows as an exit.
    for (let index = 0; index < 2; index++) children.push(await spawnWorker(stack, busy));
  });
  afterAll(async () => {
    await Promise.all(children.map(stopChild));
    await stack?.stop().catch(() => {});
    await postgres?.destroy();
  });

  it('keeps every worker and the API alive, tells readiness truthfully, and ends with the exact catalog', async () => {
    const connection = await connect(stack, connectionBody(stack, org));
    expect(connection.status).toBe('connected');
    stack.simulator.org(org.name).setFaults({ latencyMs: 20 });
    const runId = await extractUntilStored(stack, connection.id, 200);

    const midway = (await stack.call<RunView>('GET', `/api/v1/extractions/${runId}`)).body;
    expect(midway.status).toBe('running');
    expect(midway.progress.objectsDone).toBeLessThan(midway.progress.objectsTotal ?? 0);
    await postgres.stop();
    const unready = await stack.call<{ checks: { database: string; redis: string } }>('GET', '/readyz');
    expect(unready.status).toBe(503);
    expect(unready.body.checks).toEqual({ database: 'unavailable', redis: 'ok' });
    // An API request during the outage is refused as unavailable, not a crash or a 500.
    const during = await stack.call<{ code: string }>('GET', `/api/v1/extractions/${runId}`);
    expect(during.status).toBe(503);
    expect(during.body.code).toBe('DATABASE_UNAVAILABLE');
    await sleep(10_000);
    expect(children.every(isAlive)).toBe(true);
    await postgres.start();

    await eventually(
      () => stack.call('GET', '/readyz'),
      (ready) => ready.status === 200,
      30_000,
    );
    const run = await waitForRun(stack, runId);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    expect(children.every(isAlive)).toBe(true);
    stack.simulator.org(org.name).setFaults({});
    await expectCatalogEqualsOrg(stack, connection.id, stack.simulator.org(org.name).org);
  });
});
