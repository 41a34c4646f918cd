import { test as base, type Page } from '@playwright/test';
import { type AutotaskSandbox, startAutotaskSandbox } from '../autotask-sandbox/index';
import { type Sandbox, startSandbox } from '../cw-sandbox/index';
import { type ExtensionBrowser, launchWithExtension } from './browser';

interface WorkerFixtures {
  sandbox: Sandbox;
  /** The Autotask sandbox of this worker, started the first time a test asks for `at`. */
  atSandbox: AutotaskSandbox;
}
interface TestFixtures {
  ext: ExtensionBrowser;
  extensionId: string;
  openOptions: (tab?: string) => Promise<Page>;
  /** The Autotask sandbox, reset for this test (issue 15's specs). */
  at: AutotaskSandbox;
}

/** Each test gets a fresh browser profile with the extension, and freshly reset sandboxes. */
export const test = base.extend<TestFixtures, WorkerFixtures>({
  sandbox: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const sandbox = await startSandbox({ port: 0 });
      await use(sandbox);
      await sandbox.close();
    },
    { scope: 'worker' },
  ],
  atSandbox: [
    // biome-ignore lint/correctness/noEmptyPattern: Playwright requires the destructuring form.
    async ({}, use) => {
      const at = await startAutotaskSandbox({ port: 0 });
      await use(at);
      await at.close();
    },
    { scope: 'worker' },
  ],
  at: async ({ atSandbox }, use) => {
    atSandbox.reset();
    await use(atSandbox);
  },
  ext: async ({ sandbox }, use) => {
    sandbox.reset();
    const ext = await launchWithExtension();
    await use(ext);
    await ext.close();
  },
  extensionId: async ({ ext }, use) => use(ext.extensionId),
  openOptions: async ({ ext }, use) => {
    await use(async (tab?: string) => {
      const page = await ext.context.newPage();
      await page.goto(`chrome-extension://${ext.extensionId}/options.html${tab ? `#${tab}` : ''}`);
      return page;
    });
  },
});

export const expect = test.expect;

/**
 * The panel frame: panel.html, an extension page docked in CW's page (inside the dock's open shadow
 * root, which Playwright's selectors pierce). Dialogs the panel opens live in it too.
 */
export function panelFrame(page: Page) {
  return page.frameLocator('flowpilot-panel iframe[title="FlowPilot"]');
}

/** The panel itself: the "FlowPilot" landmark inside the panel frame. */
export function panel(page: Page) {
  return panelFrame(page).getByRole('complementary', { name: 'FlowPilot' });
}
