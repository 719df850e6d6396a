import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { SchemaValidationError } from './parse-schema.ts';

const base = { SFMETA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };

describe('the queue prefix', () => {
  it('is a hash tag by default, so every key lands in one Redis Cluster slot', () => {
    expect(loadConfig(base).queuePrefix).toBe('{sfmeta}');
  });

  it('wraps a prefix given without braces, and keeps one given with them', () => {
    expect(loadConfig({ ...base, SFMETA_QUEUE_PREFIX: 'acme-prod_1' }).queuePrefix).toBe('{acme-prod_1}');
    expect(loadConfig({ ...base, SFMETA_QUEUE_PREFIX: '{acme}' }).queuePrefix).toBe('{acme}');
  });

  it.each(['{acme', 'acme}', '{}', 'a{b}', '{a}{b}', 'acme:prod', 'acme*', 'ac[me]', 'acme prod'])(
    'refuses %s, which is neither a name nor a name in braces',
    (prefix) => {
      expect(() => loadConfig({ ...base, SFMETA_QUEUE_PREFIX: prefix })).toThrow(SchemaValidationError);
      expect(() => loadConfig({ ...base, SFMETA_QUEUE_PREFIX: prefix })).toThrow(/\/queuePrefix/);
    },
  );
});

describe('SFMETA_REDIS_CLUSTER', () => {
  it('is off by default and reads true and false', () => {
    expect(loadConfig(base).redisCluster).toBe(false);
    expect(loadConfig({ ...base, SFMETA_REDIS_CLUSTER: 'true' }).redisCluster).toBe(true);
    expect(loadConfig({ ...base, SFMETA_REDIS_CLUSTER: 'false' }).redisCluster).toBe(false);
  });

  it('refuses a value that is not a boolean', () => {
    expect(() => loadConfig({ ...base, SFMETA_REDIS_CLUSTER: 'yes' })).toThrow(/\/redisCluster/);
  });
});
