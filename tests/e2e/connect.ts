import type { Sandbox } from '../cw-sandbox/index';
import type { ExtensionBrowser } from './browser';

/**
 * Stores a sandbox connection through the background exactly as the options page's Connect does
 * (same message, same validation and credential probe), for tests and the demo that need a
 * connected extension without clicking through the form.
 */
export async function connectExtensionToSandbox(ext: ExtensionBrowser, sandbox: Sandbox): Promise<void> {
  const page = await ext.context.newPage();
  await page.goto(`chrome-extension://${ext.extensionId}/options.html`);
  const reply = await page.evaluate(
    // Runs inside the extension page, where `chrome` exists.
    (input) =>
      (
        globalThis as unknown as {
          chrome: { runtime: { sendMessage(m: unknown): Promise<{ ok: boolean }> } };
        }
      ).chrome.runtime.sendMessage({ dir: 'optionsToBg', type: 'connection/connect', payload: input }),
    {
      displayName: 'CW Sandbox',
      site: sandbox.site,
      companyId: sandbox.companyId,
      publicKey: sandbox.keys.publicKey,
      privateKey: sandbox.keys.privateKey,
    },
  );
  await page.close();
  if (!reply?.ok) throw new Error(`Connecting to the sandbox failed: ${JSON.stringify(reply)}`);
}
