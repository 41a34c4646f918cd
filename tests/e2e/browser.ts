import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { type BrowserContext, chromium } from '@playwright/test';

export const EXTENSION_DIR = path.resolve(
  import.meta.dirname,
  '../..',
  process.env.FP_OUT_DIR ?? '.output',
  'chrome-mv3-e2e',
);

export function chromePath(): string {
  const p = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(p))
    throw new Error(`Chromium not found at ${p}. Install the Debian "chromium" package or set CHROME_PATH.`);
  return p;
}

/** Flags that keep Chromium quiet on a machine with no internet (see the env notes) and runnable as root. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-features=DisableLoadExtensionCommandLineSwitch',
];

export interface ExtensionBrowser {
  context: BrowserContext;
  extensionId: string;
  userDataDir: string;
  close(opts?: { keepProfile?: boolean }): Promise<void>;
}

/**
 * Launches Chromium with the e2e build loaded (or another build: `extensionDir`). Pass an existing
 * userDataDir to "restart the browser" with the same profile (IndexedDB, storage) as a user would.
 */
export async function launchWithExtension(
  opts: { userDataDir?: string; headless?: boolean; extensionDir?: string } = {},
): Promise<ExtensionBrowser> {
  const extensionDir = opts.extensionDir ?? EXTENSION_DIR;
  if (!existsSync(path.join(extensionDir, 'manifest.json'))) {
    throw new Error(`No e2e build at ${extensionDir}. Run "npm run build:e2e" first.`);
  }
  const userDataDir = opts.userDataDir ?? mkdtempSync(path.join(tmpdir(), 'flowpilot-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    executablePath: chromePath(),
    headless: opts.headless ?? true,
    args: [
      ...CHROMIUM_ARGS,
      `--disable-extensions-except=${extensionDir}`,
      `--load-extension=${extensionDir}`,
    ],
    viewport: { width: 1400, height: 900 },
  });
  let [worker] = context.serviceWorkers();
  worker ??= await context.waitForEvent('serviceworker', { timeout: 15_000 });
  const extensionId = new URL(worker.url()).host;
  return {
    context,
    extensionId,
    userDataDir,
    async close({ keepProfile = false } = {}) {
      await context.close();
      if (!keepProfile) rmSync(userDataDir, { recursive: true, force: true });
    },
  };
}
