import type { Frame, Page, Worker } from '@playwright/test';
import type { AutotaskSandbox } from '../autotask-sandbox/index';
import type { ExtensionBrowser } from './browser';
import { expect } from './fixtures';

// Autotask in real Chromium (issue 15): the Options page's Autotask Connect is another branch's work,
// so tests connect through the e2e build's background hook (lib/background/test-hooks.ts), which runs
// the background's own Connect and mapping code.

type Hooks = {
  connectAutotask(input: unknown, zoneLookupUrl: string): Promise<unknown>;
  mapTechnician(input: { name: string; email: string }): Promise<{ memberId?: number }>;
};

export async function bgWorker(ext: ExtensionBrowser): Promise<Worker> {
  const w = ext.context.serviceWorkers()[0] ?? (await ext.context.waitForEvent('serviceworker'));
  await expect
    .poll(() => w.evaluate(() => typeof (self as { __flowpilotTest?: unknown }).__flowpilotTest))
    .toBe('object');
  return w;
}

export async function connectToAutotaskSandbox(ext: ExtensionBrowser, at: AutotaskSandbox): Promise<void> {
  const w = await bgWorker(ext);
  await w.evaluate(
    ([input, lookup]) =>
      (self as unknown as { __flowpilotTest: Hooks }).__flowpilotTest.connectAutotask(
        input,
        lookup as string,
      ),
    [{ displayName: 'Autotask Sandbox', ...at.credentials }, at.zoneLookupUrl] as const,
  );
}

/** Jane Smith, mapped to her Autotask resource by Auto-Match by Email, signed in on this browser. */
export async function signInAsJane(ext: ExtensionBrowser): Promise<number | undefined> {
  const w = await bgWorker(ext);
  const r = await w.evaluate(
    (input) => (self as unknown as { __flowpilotTest: Hooks }).__flowpilotTest.mapTechnician(input),
    { name: 'Jane Smith', email: 'jane.smith@flowpilotdemo.example' },
  );
  return r.memberId;
}

/** The frame holding the ticket page: the shell's iframe, or the page itself. */
export function ticketFrame(page: Page): Frame {
  return page.frames().find((f) => /TicketDetail\.mvc/i.test(f.url())) ?? page.mainFrame();
}

/** Every FlowPilot dock in the page and its frames. */
export async function dockCount(page: Page): Promise<number> {
  let n = 0;
  for (const f of page.frames())
    n += await f
      .locator('flowpilot-panel')
      .count()
      .catch(() => 0);
  return n;
}
