import { browser } from 'wxt/browser';
import type { BgToPages } from '../messages/bg-to-pages';
import { broadcastToPanelFrames } from '../platform/panel-push';

// Tell open extension pages that something changed: the options page and every panel frame (extension
// pages too, framed in CW tabs; lib/platform/panel-push says how each browser reaches them). Content
// scripts never need these. Nobody listening is fine.
// Distributes over the union, so each message keeps its own fields (plain Omit would keep only `type`).
type WithoutDir<M> = M extends unknown ? Omit<M, 'dir'> : never;

export async function broadcast(msg: WithoutDir<BgToPages>): Promise<void> {
  const full = { dir: 'bgToPages', ...msg };
  await browser.runtime.sendMessage(full).catch(() => undefined);
  await broadcastToPanelFrames(full);
}
