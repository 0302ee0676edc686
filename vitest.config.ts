import { defineConfig } from 'vitest/config';

// Four projects: unit (pure modules, no processes), integration (real SQLite files, real child
// processes, real fake provider servers), robustness (hostile inputs against one served app) and
// containers (the image, built and run with podman). E2E lives in Playwright (tests/e2e).
// The projects that start processes build dist/ once before any worker starts and fail the run if a
// process outlives it (tests/setup/vitest-global.ts); every bound is explicit so nothing can hang.
const processes = { globalSetup: ['tests/setup/global-setup.ts'], setupFiles: ['tests/setup/vitest-file.ts'] };

export default defineConfig({
  test: {
    // Bound on closing workers and global teardown (the left-behind process check waits up to 5 s).
    teardownTimeout: 30_000,
    projects: [
      { test: { name: 'unit', include: ['tests/unit/**/*.test.ts'], environment: 'node', testTimeout: 20_000, hookTimeout: 20_000 } },
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
          ...processes,
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
          ...processes,
        },
      },
      {
        // The container image (issue 33): built once with podman from the Containerfile, then its api
        // and worker containers on the host network. Slow (an image build), so a project of its own.
        test: {
          name: 'containers',
          include: ['tests/containers/**/*.test.ts'],
          environment: 'node',
          testTimeout: 300_000,
          hookTimeout: 40 * 60_000,
          pool: 'forks',
          fileParallelism: false,
          maxWorkers: 1,
          ...processes,
        },
      },
    ],
  },
});
