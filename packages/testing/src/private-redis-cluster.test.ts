import { connect } from 'node:net';
import { Cluster, Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPrivateRedisCluster, type PrivateRedisCluster } from './private-redis-cluster.ts';
import { createTestPrefix, deletePrefix } from './test-redis.ts';

/** The error of a plain TCP connection to `port`, or undefined when something accepts it. */
function connectError(port: number): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.destroy();
      resolve(undefined);
    });
    socket.on('error', (error: NodeJS.ErrnoException) => resolve(error.code));
  });
}

describe('startPrivateRedisCluster', () => {
  let cluster: PrivateRedisCluster;
  let client: Cluster;
  beforeAll(async () => {
    cluster = await startPrivateRedisCluster();
    client = new Cluster(
      cluster.nodes.map((node) => ({ host: '127.0.0.1', port: node.port })),
      { redisOptions: { maxRetriesPerRequest: 1 } },
    );
  });
  afterAll(async () => {
    client?.disconnect();
    await cluster?.destroy();
  });

  it('joins three masters that share every slot', async () => {
    expect(cluster.url.split(',')).toHaveLength(3);
    const node = new Redis(cluster.nodes[0]!.url, { maxRetriesPerRequest: 1 });
    try {
      const info = String(await node.call('CLUSTER', 'INFO'));
      expect(info).toMatch(/^cluster_state:ok/m);
      expect(info).toMatch(/^cluster_known_nodes:3/m);
      expect(info).toMatch(/^cluster_size:3/m);
      expect(info).toMatch(/^cluster_slots_assigned:16384/m);
    } finally {
      node.disconnect();
    }
  });

  it('deletes a prefix on whichever master holds it, and keys of an untagged prefix on all of them', async () => {
    const tagged = createTestPrefix();
    const untagged = tagged.slice(1, -1);
    const other = createTestPrefix();
    const keys = Array.from({ length: 30 }, (_, index) => `${untagged}:${index}`);
    for (const key of [`${tagged}:a`, `${tagged}:b`, ...keys, `${other}:kept`]) await client.set(key, '1');
    // Untagged keys spread over the masters: the test is only worth it if they do.
    const holders = await Promise.all(client.nodes('master').map((node) => node.keys(`${untagged}:*`)));
    expect(holders.filter((held) => held.length > 0).length).toBeGreaterThan(1);

    await deletePrefix(cluster.url, tagged);
    await deletePrefix(cluster.nodes[1]!.url, untagged);
    expect(await client.exists(`${tagged}:a`, `${tagged}:b`)).toBe(0);
    expect(await Promise.all(keys.map((key) => client.exists(key)))).toEqual(keys.map(() => 0));
    expect(await client.get(`${other}:kept`)).toBe('1');
  });

  it('stops every node on destroy', async () => {
    const spare = await startPrivateRedisCluster();
    await spare.destroy();
    for (const node of spare.nodes) expect(await connectError(node.port)).toBe('ECONNREFUSED');
  });
});
