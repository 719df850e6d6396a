import { describe, expect, it } from 'vitest';
import { loadConfig } from './config.ts';
import { SchemaValidationError } from './parse-schema.ts';

const base = { SFMETA_ENCRYPTION_KEYS: 'k1:AAAA' };

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
});
