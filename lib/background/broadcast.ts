import { browser } from 'wxt/browser';
import type { BgToPages } from '../messages/bg-to-pages';

/** Tell open extension pages and CW tabs that something changed; nobody listening is fine. */
export async function broadcast(msg: Omit<BgToPages, 'dir'>): Promise<void> {
  const full = { dir: 'bgToPages', ...msg };
  await browser.runtime.sendMessage(full).catch(() => undefined);
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.map((t) =>
      t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, full).catch(() => undefined),
    ),
  );
}
