import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { SchemaValidationError } from './parse-schema.ts';

const base = { SFMETA_ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64')}` };

describe('loadConfig', () => {
  it('fills defaults and converts numbers and lists', () => {
    const config = loadConfig({ ...base, SFMETA_API_PORT: '8080', SFMETA_API_KEYS: 'a, b,,c' });
    expect(config.api.port).toBe(8080);
    expect(config.api.keys).toEqual(['a', 'b', 'c']);
    expect(config.salesforce.apiVersion).toBe('62.0');
    expect(config.worker.concurrency).toBe(4);
  });

  it('names every bad variable at once', () => {
    let caught: unknown;
    try {
      loadConfig({ SFMETA_API_PORT: 'http', SFMETA_WORKER_CONCURRENCY: '0' });
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SchemaValidationError);
    const issues = (caught as SchemaValidationError).issues.join('\n');
    expect(issues).toContain('/encryptionKeys');
    expect(issues).toContain('/api/port');
    expect(issues).toContain('/worker/concurrency');
  });

  it('parses the encryption keys once, and names a bad one without its material', () => {
    const config = loadConfig(base);
    expect(config.encryptionKeys).toHaveLength(1);
    expect(config.encryptionKeys[0]?.key).toHaveLength(32);
    expect(() => loadConfig({ SFMETA_ENCRYPTION_KEYS: 'k1:AAAA' })).toThrow(
      /\/encryptionKeys encryption key "k1" is 3 bytes/,
    );
  });

  it('takes PORT when SFMETA_API_PORT is unset, and defaults from the schema', () => {
    expect(loadConfig({ ...base, PORT: '8081' }).api.port).toBe(8081);
    expect(loadConfig({ ...base, PORT: '8081', SFMETA_API_PORT: '8082' }).api.port).toBe(8082);
    expect(loadConfig({ ...base, PORT: '8081', SFMETA_API_PORT: '' }).api.port).toBe(8081);
    expect(loadConfig({ ...base, SFMETA_METRICS_PORT: '', LOG_LEVEL: '' }).worker.metricsPort).toBe(9464);
    const defaults = loadConfig(base);
    expect(defaults.api).toMatchObject({ port: 3000, keys: [], allowedHosts: [], shutdownGraceMs: 10_000 });
    expect(defaults.worker).toMatchObject({ connectConcurrency: 16, lostRunCheckMs: 15_000, metricsToken: '' });
    expect(defaults.logLevel).toBe('info');
  });
});
