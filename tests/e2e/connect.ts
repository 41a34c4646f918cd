import type { Sandbox } from '../cw-sandbox/index';
import type { ExtensionBrowser } from './browser';

/**
 * Sends a message to the background from one of the extension's own pages (the router accepts both
 * directions from there), exactly as the options page or the panel would. Throws on an error reply.
 */
export async function askBg<T = unknown>(
  ext: ExtensionBrowser,
  dir: 'optionsToBg' | 'panelToBg',
  type: string,
  payload: unknown,
): Promise<T> {
  const origin = `chrome-extension://${ext.extensionId}/`;
  let page = ext.context.pages().find((p) => p.url().startsWith(origin));
  if (!page) {
    page = await ext.context.newPage();
    await page.goto(`${origin}options.html`);
  }
  // Runs inside the extension page, where `chrome` exists.
  const reply = (await page.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    { dir, type, payload },
  )) as { ok: boolean; data: T; error?: unknown } | undefined;
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.data;
}

/**
 * Stores a sandbox connection through the background exactly as the options page's Connect does
 * (same message, same validation and credential probe), for tests and the demo that need a
 * connected extension without clicking through the form. `keys` may be one of the sandbox's
 * restricted pairs (e.g. noDelete).
 */
export async function connectExtensionToSandbox(
  ext: ExtensionBrowser,
  sandbox: Pick<Sandbox, 'site' | 'companyId' | 'keys'>,
  keys: { publicKey: string; privateKey: string } = sandbox.keys,
): Promise<void> {
  await askBg(ext, 'optionsToBg', 'connection/connect', {
    displayName: 'CW Sandbox',
    site: sandbox.site,
    companyId: sandbox.companyId,
    publicKey: keys.publicKey,
    privateKey: keys.privateKey,
  });
}
