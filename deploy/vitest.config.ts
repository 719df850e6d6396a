import { defineConfig } from 'vitest/config';

// No Redis or PostgreSQL here: the tests render the manifests with kubectl and validate them offline.
export default defineConfig({
  test: { testTimeout: 60_000, hookTimeout: 60_000 },
});
