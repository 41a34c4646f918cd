import { browser } from 'wxt/browser';
import { AUTOTASK_PAGE_PATHS } from '../detect/autotask/url';

// Browser quirks of run-time content scripts, in one place: on-prem CW hosts and Autotask's UI hosts
// are granted at run time (in the admin's Connect click) and the panel's content script is registered
// for them then, and re-registered at every worker start because Chrome may drop dynamic registrations
// on update.

const SCRIPT_ID = 'flowpilot-onprem';
const CONTENT_SCRIPT_FILE = 'content-scripts/cw.js';

/**
 * A loopback CW site (the sandbox; only the e2e build connects to one) leaves Autotask's UI paths to the
 * Autotask script, as the manifest's loopback entry does (wxt.config.ts): match patterns cannot tell the
 * two sandboxes' ports apart.
 */
function loopbackAutotaskExcludes(pattern: string): { excludeMatches?: string[] } {
  const m = /^(https?:\/\/(?:127\.0\.0\.1|localhost))\/\*$/.exec(pattern);
  return m ? { excludeMatches: AUTOTASK_PAGE_PATHS.map((p) => `${m[1]}${p}`) } : {};
}

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
      ...loopbackAutotaskExcludes(pattern),
      js: [CONTENT_SCRIPT_FILE],
      runAt: 'document_start',
      allFrames: false,
      persistAcrossSessions: true,
    },
  ]);
}

const AUTOTASK_SCRIPT_ID = 'flowpilot-autotask';
const AUTOTASK_SCRIPT_FILE = 'content-scripts/autotask.js';

/**
 * The Autotask content script for these patterns (none: unregistered). Registered only when every
 * pattern's host permission is granted. All frames: Autotask's new shell shows the ticket page inside an
 * iframe, and the script docks a panel only in the frame that shows a ticket.
 */
export async function registerAutotaskContentScript(patterns: string[]): Promise<void> {
  const existing = await browser.scripting.getRegisteredContentScripts({ ids: [AUTOTASK_SCRIPT_ID] });
  if (existing.length) await browser.scripting.unregisterContentScripts({ ids: [AUTOTASK_SCRIPT_ID] });
  if (!patterns.length || !(await browser.permissions.contains({ origins: patterns }))) return;
  await browser.scripting.registerContentScripts([
    {
      id: AUTOTASK_SCRIPT_ID,
      matches: patterns,
      js: [AUTOTASK_SCRIPT_FILE],
      runAt: 'document_start',
      allFrames: true,
      persistAcrossSessions: true,
    },
  ]);
}
