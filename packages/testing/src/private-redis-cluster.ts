import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';
import { Redis } from 'ioredis';
import { MissingServerBinaryError } from './missing-server-binary-error.ts';
import { startPrivateRedis, type PrivateRedis } from './private-redis.ts';

/** A Redis Cluster of one test file's own: masters only, no replicas, no data kept on disk. */
export interface PrivateRedisCluster {
  /** Every node's URL, comma-separated: REDIS_URL for SFMETA_REDIS_CLUSTER=true. */
  url: string;
  /** The nodes, each a private Redis of its own (its own port, directory and cleanup guard). */
  nodes: PrivateRedis[];
  /** Kills every node and deletes their files; also happens by itself if this process dies first. */
  destroy(): Promise<void>;
}

// Each node keeps its cluster state in nodes.conf, in its own directory.
const CLUSTER_ARGS = ['--cluster-enabled', 'yes', '--cluster-config-file', 'nodes.conf'];

/**
 * Starts `size` (at least 3, as `redis-cli --cluster create` wants) `redis-server` processes in cluster
 * mode, joins them with `redis-cli --cluster create`, the slots spread evenly over them, and resolves
 * once every node reports `cluster_state:ok`.
 */
export async function startPrivateRedisCluster(size = 3): Promise<PrivateRedisCluster> {
  const nodes: PrivateRedis[] = [];
  const destroy = async () => {
    await Promise.all(nodes.map((node) => node.destroy()));
  };
  try {
    for (let index = 0; index < size; index++) nodes.push(await startPrivateRedis({ args: CLUSTER_ARGS }));
    await createCluster(nodes.map((node) => `127.0.0.1:${node.port}`));
    await Promise.all(nodes.map((node) => waitForClusterState(node.url)));
  } catch (error) {
    await destroy();
    throw error;
  }
  return { url: nodes.map((node) => node.url).join(','), nodes, destroy };
}

/** Runs `redis-cli --cluster create` over the nodes, masters only. */
async function createCluster(addresses: string[]): Promise<void> {
  const args = ['--cluster', 'create', ...addresses, '--cluster-replicas', '0', '--cluster-yes'];
  const child = spawn('redis-cli', args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const outcome = await new Promise<{ error?: NodeJS.ErrnoException; code?: number | null }>((resolve) => {
    child.once('error', (error) => resolve({ error }));
    child.once('exit', (code) => resolve({ code }));
  });
  if (outcome.error?.code === 'ENOENT') {
    throw new MissingServerBinaryError('redis-cli', 'PATH', { cause: outcome.error });
  }
  if (outcome.error || outcome.code !== 0 || !output.includes('All 16384 slots covered')) {
    throw new Error(
      `redis-cli --cluster create failed (${outcome.error?.message ?? `exit ${outcome.code}`}):\n${output}`,
    );
  }
}

/** Waits until the node sees the whole cluster up: every slot served, the nodes agreeing on who serves it. */
async function waitForClusterState(url: string): Promise<void> {
  const redis = new Redis(url, { maxRetriesPerRequest: 1 });
  try {
    let info = '';
    for (const deadline = Date.now() + 20_000; Date.now() < deadline; await sleep(50)) {
      info = String(await redis.call('CLUSTER', 'INFO'));
      if (/^cluster_state:ok/m.test(info)) return;
    }
    throw new Error(`the Redis Cluster node ${url} is not ok after 20 s:\n${info}`);
  } finally {
    redis.disconnect();
  }
}
