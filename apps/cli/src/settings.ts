import { CliError } from './cli-error.ts';
import { EXIT } from './exit-codes.ts';

/** Where the API listens when neither --url nor SFMETA_URL says. */
export const DEFAULT_URL = 'http://127.0.0.1:3000';

/** The options every command takes. */
export interface GlobalOptions {
  url?: string;
  apiKey?: string;
  json?: boolean;
}

/** The API to talk to, from the options first, then the environment. */
export interface Settings {
  baseUrl: string;
  apiKey: string;
  json: boolean;
}

/** Reads --url / SFMETA_URL and --api-key / SFMETA_API_KEY; a missing key or a malformed URL is a usage error. */
export function readSettings(options: GlobalOptions, env: Record<string, string | undefined>): Settings {
  const baseUrl = options.url ?? env.SFMETA_URL ?? DEFAULT_URL;
  let url: URL;
  try {
    url = new URL(baseUrl);
  } catch {
    throw new CliError(`--url ${baseUrl} is not a URL (e.g. ${DEFAULT_URL})`, EXIT.usage, 'USAGE');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') {
    throw new CliError(`--url ${baseUrl} must be an http:// or https:// URL`, EXIT.usage, 'USAGE');
  }
  const apiKey = options.apiKey ?? env.SFMETA_API_KEY ?? '';
  if (apiKey === '') throw new CliError('no API key: set SFMETA_API_KEY or pass --api-key', EXIT.usage, 'USAGE');
  return { baseUrl, apiKey, json: options.json ?? false };
}
