import { defineConfig } from '@playwright/test';

// E2E: the real built extension (npm run build:e2e → .output/chrome-mv3-e2e) in the system Chromium,
// against the CW sandbox started by the fixtures. Extensions need a persistent context, one per worker.
export default defineConfig({
  testDir: 'tests/e2e',
  timeout: 60_000,
  expect: { timeout: 10_000 },
  fullyParallel: false,
  workers: process.env.CI ? 1 : 2,
  retries: 0,
  reporter: process.env.CI ? [['list']] : [['list']],
  use: { trace: 'retain-on-failure' },
});
