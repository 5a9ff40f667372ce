import { defineConfig } from 'vitest/config';
import { LongestFirst } from './test/e2e/sequencer';

export default defineConfig({
  test: {
    sequence: { sequencer: LongestFirst },
    reporters: ['default', './test/e2e/flaky-reporter.ts'],
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.{ts,tsx}', 'test/sandbox/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 120_000,
          // A poll waits as long as the harness's other waits on the browser (vitest's default is 1 s,
          // which a page that reads both sides misses on a loaded machine); it ends as soon as it holds.
          expect: { poll: { timeout: 15_000 } },
          // Three files at a time: each has its own sandbox org (a free port) and its own Chromium
          // profile, and dist/ is built once by the global setup, so files share nothing. Most of
          // an e2e file's time is waiting (syncs, page loads): two files kept CI's two cores 19-40 %
          // busy, three about half (8 min 33 s of user CPU in a 519 s e2e part). Four were faster
          // (e2e 451-491 s) but two of three clean-clone runs with four each had a test time out
          // (a coordinator job, an AE page's notice): four files at once crowd 2 cores.
          maxWorkers: 3,
          // In CI a failed e2e test runs once more, as Playwright's own CI default does (`retries`): a
          // test that fails twice fails the run, and one that passed on its retry is named with what
          // its failed try said (flaky-reporter.ts), so a flake is seen and looked into, not hidden.
          retry: process.env.CI ? 1 : 0,
          // Its own group, so a run of both projects keeps the unit project's worker count.
          sequence: { groupOrder: 1 },
        },
      },
    ],
  },
});
