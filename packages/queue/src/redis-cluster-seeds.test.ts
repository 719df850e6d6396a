import { describe, expect, it } from 'vitest';
import { RedisUrlError, clusterSeeds, singleServerUrl } from './redis-cluster-seeds.ts';

describe('clusterSeeds', () => {
  it('reads one node or several, with the default port', () => {
    expect(clusterSeeds('redis://10.0.0.1:7000').nodes).toEqual([{ host: '10.0.0.1', port: 7000 }]);
    expect(clusterSeeds('redis://a:7000, redis://b,redis://c:7002/0').nodes).toEqual([
      { host: 'a', port: 7000 },
      { host: 'b', port: 6379 },
      { host: 'c', port: 7002 },
    ]);
  });

  it('gives every node the credentials and TLS of the URL', () => {
    const seeds = clusterSeeds('rediss://app:p%40ss,word@a:7000,rediss://b:7001');
    expect(seeds.redisOptions).toEqual({ username: 'app', password: 'p@ss,word', tls: {} });
    expect(seeds.nodes.map((node) => node.host)).toEqual(['a', 'b']);
    expect(clusterSeeds('redis://a:7000').redisOptions).toEqual({});
  });

  it('refuses a database other than 0, another scheme, and nothing at all, without showing the password', () => {
    expect(() => clusterSeeds('redis://a:7000/2')).toThrow(/database 0 only, REDIS_URL names 2/);
    expect(() => clusterSeeds('http://u:secret@a:7000')).toThrow(RedisUrlError);
    expect(() => clusterSeeds('http://u:secret@a:7000')).not.toThrow(/secret/);
    expect(() => clusterSeeds('  ')).toThrow(/names no Redis Cluster node/);
  });
});

describe('singleServerUrl', () => {
  it('keeps one URL, a password with a comma included, and refuses a list of nodes', () => {
    expect(singleServerUrl('redis://u:a,b@host:6379')).toBe('redis://u:a,b@host:6379');
    expect(() => singleServerUrl('redis://a:7000,redis://b:7001')).toThrow(/SFMETA_REDIS_CLUSTER=true/);
  });
});
