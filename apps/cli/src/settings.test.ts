import { describe, expect, it } from 'vitest';
import { CliError } from './cli-error.ts';
import { DEFAULT_URL, readSettings } from './settings.ts';

describe('readSettings', () => {
  it('takes the options first, then SFMETA_URL and SFMETA_API_KEY, then the default URL', () => {
    const env = { SFMETA_URL: 'http://api:3000', SFMETA_API_KEY: 'env-key' };
    expect(readSettings({}, env)).toEqual({ baseUrl: 'http://api:3000', apiKey: 'env-key', json: false });
    expect(readSettings({ url: 'https://x', apiKey: 'k', json: true }, env)).toEqual({
      baseUrl: 'https://x',
      apiKey: 'k',
      json: true,
    });
    expect(readSettings({ apiKey: 'k' }, {}).baseUrl).toBe(DEFAULT_URL);
  });

  it('refuses a missing key and a URL that is not http(s) as usage errors', () => {
    expect(() => readSettings({}, {})).toThrow(CliError);
    expect(() => readSettings({}, {})).toThrow(/SFMETA_API_KEY/);
    expect(() => readSettings({ url: 'not a url', apiKey: 'k' }, {})).toThrow(/is not a URL/);
    expect(() => readSettings({ url: 'ftp://x', apiKey: 'k' }, {})).toThrow(/http/);
  });
});
