import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    globalSetup: ['@sfmeta/testing/global-setup'],
    testTimeout: 180_000,
    hookTimeout: 60_000,
    // The flows start whole stacks (API, workers, simulator); one file at a time keeps them honest on 2 cores.
    fileParallelism: false,
  },
});
