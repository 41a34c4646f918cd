import { browser } from 'wxt/browser';
import type { BgToPages } from '../messages/bg-to-pages';

// Tell open extension pages that something changed: the options page and every panel frame (they are
// extension pages too, framed in CW tabs). Content scripts never need these. Nobody listening is fine.
// Distributes over the union, so each message keeps its own fields (plain Omit would keep only `type`).
type WithoutDir<M> = M extends unknown ? Omit<M, 'dir'> : never;

export async function broadcast(msg: WithoutDir<BgToPages>): Promise<void> {
  await browser.runtime.sendMessage({ dir: 'bgToPages', ...msg }).catch(() => undefined);
}
