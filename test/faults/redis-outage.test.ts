import type { ChildProcess } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedis, type PrivateRedis } from '@sfmeta/testing/private-redis';
import { expectCatalogEqualsOrg } from '../support/catalog-comparison.ts';
import {
  connect,
  connectionBody,
  eventually,
  extract,
  type ConnectionView,
  type RunView,
  extractUntilStored,
} from '../support/flow.ts';
import { isAlive, stopChild } from '../support/processes.ts';
import { startStack, type Stack } from '../support/stack.ts';
import { spawnWorker } from '../support/worker-child.ts';
import { faultOrg, slowCrawl } from './fault-org.ts';

// The documented bound, shortened for the test: a lost run is failed within grace + check interval.
const watchdog = { SFMETA_LOST_RUN_CHECK_MS: '1000', SFMETA_LOST_RUN_GRACE_MS: '2000' };
const env = { ...slowCrawl, ...watchdog };

describe('Redis restarts empty mid-run', () => {
  let redis: PrivateRedis;
  let stack: Stack;
  const children: ChildProcess[] = [];
  beforeAll(async () => {
    redis = await startPrivateRedis();
    stack = await startStack({ orgs: [faultOrg], workers: 0, env, services: { redisUrl: redis.url } });
    for (let index = 0; index < 2; index++) children.push(await spawnWorker(stack, env));
  });
  afterAll(async () => {
    await Promise.all(children.map(stopChild));
    await stack?.stop().catch(() => {});
    await redis?.destroy();
  });

  it('fails the run as RUN_LOST within the bound, keeps the workers alive, and the next run is exact', async () => {
    const connection = await connect(stack, connectionBody(stack, faultOrg));
    stack.simulator.org(faultOrg.name).setFaults({ latencyMs: 150 });
    const runId = await extractUntilStored(stack, connection.id);

    await redis.stop();
    const unready = await stack.call<{ checks: { database: string; redis: string } }>('GET', '/readyz');
    expect(unready.status).toBe(503);
    expect(unready.body.checks).toEqual({ database: 'ok', redis: 'unavailable' });
    await redis.start();
    const restartedAt = Date.now();

    const lost = await eventually(
      async () => (await stack.call<RunView>('GET', `/api/v1/extractions/${runId}`)).body,
      (view) => view.status !== 'running',
      30_000,
    );
    const lostAfterMs = Date.now() - restartedAt;
    expect(lost.status).toBe('failed');
    expect(lost.error?.code).toBe('RUN_LOST');
    expect(lost.progress.objectsDone).toBeLessThan(lost.progress.objectsTotal ?? 0);
    // The run may have started before the grace period, so one check interval (and slack) is the bound here.
    expect(lostAfterMs).toBeLessThan(Number(watchdog.SFMETA_LOST_RUN_CHECK_MS) + 5000);
    expect(children.every(isAlive)).toBe(true);

    stack.simulator.org(faultOrg.name).setFaults({});
    await eventually(
      () => stack.call('GET', '/readyz'),
      (ready) => ready.status === 200,
      30_000,
    );
    const next = await extract(stack, connection.id);
    expect(next.error).toBeNull();
    expect(next.status).toBe('succeeded');
    expect(children.every(isAlive)).toBe(true);
    await expectCatalogEqualsOrg(stack, connection.id, stack.simulator.org(faultOrg.name).org);
  });

  it('queues a lost connect job again, so a registration waiting in the lost queue still connects', async () => {
    // No worker runs: the registration's connect job waits in Redis, and is lost with it.
    await Promise.all(children.map(stopChild));
    const created = await stack.call<ConnectionView>('POST', '/api/v1/connections', connectionBody(stack, faultOrg));
    expect(created.status).toBe(202);
    await redis.stop();
    await redis.start();
    await eventually(
      () => stack.call('GET', '/readyz'),
      (ready) => ready.status === 200,
      30_000,
    );
    children.push(await spawnWorker(stack, env));
    const connected = await eventually(
      async () => (await stack.call<ConnectionView>('GET', `/api/v1/connections/${created.body.id}`)).body,
      (view) => view.status !== 'pending',
      30_000,
    );
    expect(connected.status).toBe('connected');
  });
});
