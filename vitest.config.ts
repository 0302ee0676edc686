import { defineConfig } from 'vitest/config';

// Three projects: unit (pure modules, no processes), integration (real SQLite files, real child
// processes, real fake provider servers) and robustness (hostile inputs against one served app). E2E lives in Playwright (tests/e2e).
export default defineConfig({
  test: {
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
      {
        test: {
          name: 'integration',
          include: ['tests/integration/**/*.test.ts'],
          environment: 'node',
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
          fileParallelism: true,
          maxWorkers: 2,
        },
      },
      {
        // Hostile inputs against one real server (tests/robustness): one file at a time so the health
        // latency and RSS figures measure the input, not a neighbour test.
        test: {
          name: 'robustness',
          include: ['tests/robustness/**/*.test.ts'],
          environment: 'node',
          testTimeout: 90_000,
          hookTimeout: 120_000,
          pool: 'forks',
          fileParallelism: false,
          maxWorkers: 1,
        },
      },
    ],
  },
});
