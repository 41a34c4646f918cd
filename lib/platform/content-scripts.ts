import { browser } from 'wxt/browser';

// Browser quirks for on-prem CW hosts, in one place: the host permission is granted at run time (in
// the admin's Connect click) and the panel's content script is registered for that origin then, and
// re-registered at every worker start because Chrome may drop dynamic registrations on update.

const SCRIPT_ID = 'flowpilot-onprem';
const CONTENT_SCRIPT_FILE = 'content-scripts/cw.js';

export async function hasOriginPermission(pattern: string): Promise<boolean> {
  return browser.permissions.contains({ origins: [pattern] });
}

export async function registerOnPremContentScript(pattern: string | undefined): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [SCRIPT_ID] });
  if (!pattern || !(await hasOriginPermission(pattern))) return;
  // Same as the manifest's cloud entry (entrypoints/cw.content): top frame, document_start.
  await browser.scripting.registerContentScripts([
    {
      id: SCRIPT_ID,
      matches: [pattern],
      js: [CONTENT_SCRIPT_FILE],
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    },
  ]);
}
