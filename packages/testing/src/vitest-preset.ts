import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** Vitest config for a package whose tests need the real Redis and PostgreSQL. */
export function serviceTestConfig(options: { testTimeout?: number } = {}) {
  return defineConfig({
    test: {
      globalSetup: [fileURLToPath(new URL('./global-setup.ts', import.meta.url))],
      testTimeout: options.testTimeout ?? 30_000,
      hookTimeout: 60_000,
    },
  });
}
