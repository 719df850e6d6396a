import { defineConfig } from 'vitest/config';

// No global setup: these tests start the servers they need themselves.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
