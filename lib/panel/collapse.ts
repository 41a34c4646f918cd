import { browser } from 'wxt/browser';

// Collapsed or expanded, remembered per browser profile (not per site or tab). Nothing secret here.
// The panel frame writes it; the dock in CW's page (which sizes the frame) and every other tab's panel
// follow the change, so the frame and its dock can never disagree.
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

/** Calls `cb` whenever the saved state changes (in any tab). Returns the unsubscribe. */
export function onCollapsedChange(cb: (collapsed: boolean) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) cb(changes[KEY]?.newValue === true);
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
