import { defineConfig } from 'vitest/config';

// Same set-up as the other service packages: one Redis and PostgreSQL for the run (see @sfmeta/testing).
export default defineConfig({
  test: { globalSetup: ['@sfmeta/testing/global-setup'], testTimeout: 30_000, hookTimeout: 60_000 },
});
