import { inject } from 'vitest';
import './global-setup.ts';

/** The Redis and PostgreSQL URLs that the global setup provided to this test run. */
export function serviceUrls(): { redisUrl: string; databaseUrl: string } {
  return { redisUrl: inject('redisUrl'), databaseUrl: inject('databaseUrl') };
}
