import { defineConfig } from 'vitest/config';

// One command (`npm test`) runs unit tests (beside the code) and integration tests (test/),
// so CI and a new user run the same thing. Integration tests start what they need themselves.
export default defineConfig({
  test: {
    include: ['src/**/*.test.ts', 'test/**/*.test.ts'],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: 'forks',
    reporters: ['default'],
  },
});
