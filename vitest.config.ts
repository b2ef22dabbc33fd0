/**
 * Test projects, run one group after another (`sequence.groupOrder`) so that the JVMs and
 * the site build never compete for the two cores:
 * - `unit`: playground and view-model code in Node, fast, no browser, no server.
 * - `real`: node/real and the conformance records against Debian's ZooKeeper 3.8 on
 *   loopback (test/harness starts and stops the servers).
 * - `e2e`: builds the site once, serves it, and drives Debian's chromium with playwright-core;
 *   two files at a time, one browser each (their pages are independent; one at a time took
 *   about 25 min on the project's 2-core machine, two at a time 15 min, all green).
 * `npm test` runs all three (after lint and type checks); see package.json.
 */
import { defineConfig } from 'vitest/config';
import { fileURLToPath } from 'node:url';

const alias = {
  '~': fileURLToPath(new URL('./src', import.meta.url)),
  '@playground': fileURLToPath(new URL('./playground', import.meta.url)),
};

export default defineConfig({
  resolve: { alias },
  test: {
    projects: [
      {
        resolve: { alias },
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/unit/**/*.test.ts'],
          setupFiles: ['test/unit/sim/durable-checks.setup.ts'],
          sequence: { groupOrder: 0 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'real',
          environment: 'node',
          include: ['test/real/**/*.test.ts'],
          testTimeout: 30_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          sequence: { groupOrder: 1 },
        },
      },
      {
        resolve: { alias },
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 240_000,
          maxWorkers: 2,
          sequence: { groupOrder: 2 },
        },
      },
    ],
  },
});
