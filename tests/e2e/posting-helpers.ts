import type { ExtensionBrowser } from './browser';

/** Sends a message to the background from an extension page, as the options page would. */
export async function askBg<T = unknown>(
  ext: ExtensionBrowser,
  dir: 'optionsToBg',
  type: string,
  payload: unknown,
): Promise<T> {
  const page =
    ext.context.pages().find((p) => p.url().startsWith(`chrome-extension://${ext.extensionId}/`)) ??
    (await (async () => {
      const p = await ext.context.newPage();
      await p.goto(`chrome-extension://${ext.extensionId}/options.html`);
      return p;
    })());
  const reply = (await page.evaluate(
    (m) =>
      (
        globalThis as unknown as { chrome: { runtime: { sendMessage(m: unknown): Promise<unknown> } } }
      ).chrome.runtime.sendMessage(m),
    { dir, type, payload },
  )) as { ok: boolean; data: T; error?: unknown };
  if (!reply?.ok) throw new Error(`${type} failed: ${JSON.stringify(reply)}`);
  return reply.data;
}

/** A technician "John Smith" mapped to CW member jsmith (101) and signed in on this browser. */
export async function signInAsJsmith(ext: ExtensionBrowser): Promise<void> {
  const roster = await askBg<{ technicians: { id: string }[] }>(ext, 'optionsToBg', 'technicians/add', {
    name: 'John Smith',
    email: 'john.smith@flowpilotmsp.com',
  });
  const id = roster.technicians[0]!.id;
  await askBg(ext, 'optionsToBg', 'mapping/save', {
    assignments: [{ technicianId: id, member: { id: 101, identifier: 'jsmith', name: 'John Smith' } }],
  });
  await askBg(ext, 'optionsToBg', 'mapping/signedIn', { technicianId: id });
}
