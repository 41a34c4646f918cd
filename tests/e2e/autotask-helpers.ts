import type { Frame, Page } from '@playwright/test';
import type { AutotaskSandbox } from '../autotask-sandbox/index';
import type { ExtensionBrowser } from './browser';
import { askBg } from './connect';

// Autotask in real Chromium (issue 15): connected and mapped through the same messages the options
// page's Connect, Auto-Match by Email and "who uses this browser" send (the sandbox's zone lookup is
// accepted by e2e builds only).

export async function connectToAutotaskSandbox(ext: ExtensionBrowser, at: AutotaskSandbox): Promise<void> {
  await askBg(ext, 'optionsToBg', 'connection/connect', {
    psa: 'autotask',
    displayName: 'Autotask Sandbox',
    ...at.credentials,
    zoneLookupUrl: at.zoneLookupUrl,
  });
}

/** Jane Smith, mapped to her Autotask resource by Auto-Match by Email, signed in on this browser. */
export async function signInAsJane(ext: ExtensionBrowser): Promise<number | undefined> {
  const roster = await askBg<{ technicians: { id: string }[] }>(ext, 'optionsToBg', 'technicians/add', {
    name: 'Jane Smith',
    email: 'jane.smith@flowpilotdemo.example',
  });
  const id = roster.technicians[0]!.id;
  const matched = await askBg<{ technicians: { id: string; memberId?: number }[] }>(
    ext,
    'optionsToBg',
    'mapping/autoMatch',
    {},
  );
  await askBg(ext, 'optionsToBg', 'mapping/signedIn', { technicianId: id });
  return matched.technicians.find((t) => t.id === id)?.memberId;
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

/** The panel in the frame that shows the ticket (the shell's iframe or the page). */
export function atPanel(page: Page) {
  return ticketFrame(page)
    .frameLocator('flowpilot-panel iframe[title="FlowPilot"]')
    .getByRole('complementary', { name: 'FlowPilot' });
}

/** Autotask's ticket number (T2026….0001): what the panel's heading shows, as a technician knows the ticket. */
export function ticketNumberOf(at: AutotaskSandbox, id: number): string {
  return String(at.state.tickets.find((t) => t.id === id)?.ticketNumber);
}
