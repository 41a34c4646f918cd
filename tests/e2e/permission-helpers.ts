import type { Page } from '@playwright/test';
import type { ExtensionBrowser } from './browser';

// Chromium's permission prompt is browser UI no automation interface can click (headless, it just
// waits). A user can also allow a site ahead of time in chrome://extensions → the extension → Site
// access; that page does it with its own developerPrivate.addHostPermission call, and then Chromium
// answers the extension's permissions.request (made in the click, as in production) without a prompt.

type Chrome = {
  chrome: {
    developerPrivate: { addHostPermission(id: string, host: string): Promise<void> };
    permissions: { contains(p: { origins: string[] }): Promise<boolean> };
  };
};

export async function allowSiteInExtensionSettings(ext: ExtensionBrowser, pattern: string): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(`chrome://extensions/?id=${ext.extensionId}`);
  await page.evaluate(
    ([id, p]) =>
      (globalThis as unknown as Chrome).chrome.developerPrivate.addHostPermission(id as string, p as string),
    [ext.extensionId, pattern],
  );
  await page.close();
}

/** Whether the extension holds this host permission (asked from one of its own pages). */
export function hasHostPermission(extensionPage: Page, pattern: string): Promise<boolean> {
  return extensionPage.evaluate(
    (o) => (globalThis as unknown as Chrome).chrome.permissions.contains({ origins: [o] }),
    pattern,
  );
}
