import { defineConfig } from '@playwright/test';

// E2E: the real built extension (npm run build:e2e → .output/chrome-mv3-e2e) in the system Chromium,
// against the CW sandbox started by the fixtures. Extensions need a persistent context, one per worker.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  // Two workers, in CI too: each is one Chromium with its own profile and sandbox ports, and the CI machine
  // has two cores like this one. One worker under CI made the run ~18 min (over the 15-min budget); the suite
  // has passed with two workers in every fresh-clone run since the flakes' causes were fixed.
  workers: 2,
  retries: 0,
  reporter: [['list']],
  use: { trace: 'retain-on-failure' },
});
