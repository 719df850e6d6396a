import { Cluster } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jobCatalogue } from '@sfmeta/queue/job-catalogue';
import type { OrgSpec } from '@sfmeta/simulator/org-spec';
import { startPrivateRedisCluster, type PrivateRedisCluster } from '@sfmeta/testing/private-redis-cluster';
import { prefixPattern } from '@sfmeta/testing/test-redis';
import { expectCatalogEqualsOrg } from './support/catalog-comparison.ts';
import { connect, connectionBody, eventually, extract } from './support/flow.ts';
import { startStack, type Stack } from './support/stack.ts';

const org: OrgSpec = {
  name: 'globex',
  seed: 23,
  customObjects: 30,
  fieldsPerObject: 5,
  clientId: 'globex-client',
  clientSecret: 'globex-secret-value',
  username: 'admin@globex.test',
  password: 'globex-password-value',
  securityToken: 'GLOBEXTOKEN',
};

describe('sfmeta on a three-node Redis Cluster', () => {
  let cluster: PrivateRedisCluster;
  let stack: Stack;
  let client: Cluster;
  let connectionId: string;
  /** The one slot of the queue prefix's hash tag, where every key sfmeta writes must live. */
  let slot: number;
  beforeAll(async () => {
    cluster = await startPrivateRedisCluster();
    // Two workers, so that the session lock has two processes to keep apart.
    stack = await startStack({
      orgs: [org],
      workers: 2,
      env: { SFMETA_REDIS_CLUSTER: 'true' },
      services: { redisUrl: cluster.url },
    });
    client = new Cluster(
      cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
      { redisOptions: { maxRetriesPerRequest: 1 } },
    );
    slot = Number(await client.cluster('KEYSLOT', stack.config.queuePrefix));
  });
  afterAll(async () => {
    client?.disconnect();
    await stack?.stop();
    await cluster?.destroy();
  });

  it('extracts an org end to end, with every key of the queues in the prefix slot on one master', async () => {
    expect(stack.api.redis).toBeInstanceOf(Cluster);
    expect(stack.config.queuePrefix).toMatch(/^\{sfmeta-test-[0-9a-f]+\}$/);
    const connection = await connect(stack, connectionBody(stack, org));
    expect(connection.status).toBe('connected');
    connectionId = connection.id;
    const run = await extract(stack, connection.id);
    expect(run.error).toBeNull();
    expect(run.status).toBe('succeeded');
    // More than one describe job: the flow's children ran beside their parent.
    expect(run.progress.objectsTotal).toBeGreaterThan(100);
    await expectCatalogEqualsOrg(stack, connection.id, stack.simulator.org(org.name).org);

    const held = await Promise.all(
      client.nodes('master').map((node) => node.keys(prefixPattern(stack.config.queuePrefix))),
    );
    expect(held.filter((keys) => keys.length > 0)).toHaveLength(1);
    const keys = held.flat();
    // The flow's queues: the extract parent, its describe and collect children, and the connect job before.
    for (const kind of ['connect', 'extract', 'describe', 'collect'] as const) {
      const queue = jobCatalogue[kind].queue;
      expect(keys.some((key) => key.startsWith(`${stack.config.queuePrefix}:${queue}:`))).toBe(true);
    }
    const slots = await Promise.all(keys.map((key) => client.cluster('KEYSLOT', key)));
    expect(new Set(slots.map(Number))).toEqual(new Set([slot]));
  });

  it('answers readiness and queue metrics from the cluster', async () => {
    const ready = await stack.call<{ checks: { redis: string } }>('GET', '/readyz');
    expect(ready.status).toBe(200);
    expect(ready.body.checks.redis).toBe('ok');
    const metrics = await stack.api.inject({ method: 'GET', url: '/metrics', headers: { 'x-api-key': stack.apiKey } });
    expect(metrics.statusCode).toBe(200);
    expect(metrics.body).toMatch(/^sfmeta_queue_jobs\{queue="extract",state="completed"\} [1-9]/m);
  });

  it('renews a session once across two workers, under a lock that lives in the prefix slot', async () => {
    const simulated = stack.simulator.org(org.name);
    const pools = stack.workers.map((worker) => worker.context.sessions);
    const stale = await pools[0]!.sourceFor(connectionId).current();
    const lockKey = `${stack.config.queuePrefix}:session-lock:${connectionId}`;
    simulated.resetCounters();
    // A slow login holds the lock long enough to be seen.
    simulated.setFaults({ latencyMs: 400 });
    try {
      const renewing = Promise.all(
        pools.flatMap((pool) => Array.from({ length: 5 }, () => pool.sourceFor(connectionId).renew(stale))),
      );
      await eventually(
        () => client.exists(lockKey),
        (exists) => exists === 1,
        10_000,
      );
      expect(Number(await client.cluster('KEYSLOT', lockKey))).toBe(slot);
      const renewed = await renewing;
      expect(simulated.counters.logins).toBe(1);
      expect(new Set(renewed.map((session) => session.accessToken)).size).toBe(1);
      expect(renewed[0]!.accessToken).not.toBe(stale.accessToken);
      expect(await client.exists(lockKey)).toBe(0);
    } finally {
      simulated.setFaults({});
    }
  });
});
