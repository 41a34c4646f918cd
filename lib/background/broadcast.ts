import { browser } from 'wxt/browser';
import type { BgToPages } from '../messages/bg-to-pages';

/** Tell open extension pages and CW tabs that something changed; nobody listening is fine. */
// Distributes over the union, so each message keeps its own fields (plain Omit would keep only `type`).
type WithoutDir<M> = M extends unknown ? Omit<M, 'dir'> : never;

export async function broadcast(msg: WithoutDir<BgToPages>): Promise<void> {
  const full = { dir: 'bgToPages', ...msg };
  await browser.runtime.sendMessage(full).catch(() => undefined);
  const tabs = await browser.tabs.query({}).catch(() => []);
  await Promise.all(
    tabs.map((t) =>
      t.id === undefined ? undefined : browser.tabs.sendMessage(t.id, full).catch(() => undefined),
    ),
  );
}
