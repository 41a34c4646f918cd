import { browser } from 'wxt/browser';

// Collapsed or expanded, remembered per browser profile (not per site or tab). Nothing secret here.
const KEY = 'flowpilot.panel.collapsed';

export async function loadCollapsed(): Promise<boolean> {
  try {
    const got = await browser.storage.local.get(KEY);
    return got[KEY] === true;
  } catch {
    return false;
  }
}

export async function saveCollapsed(collapsed: boolean): Promise<void> {
  await browser.storage.local.set({ [KEY]: collapsed }).catch(() => undefined);
}
