// @vitest-environment node
// The worker's ticket contexts (lib/background/panel-handlers.ts) against the CW sandbox: what a panel
// is answered and pushed when a context was completed from kept details and checked afterwards.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { SPECIAL_TICKETS } from '../../tests/cw-sandbox/index';
import { useConnectedSandbox } from '../../tests/support/connected-sandbox';
import { until } from '../../tests/support/outbox-kit';
import { connectedClient } from '../connection/store';
import type { TicketContext } from '../ticket/types';
import { forgetContexts, ticketContextFor } from './panel-handlers';

const sandbox = useConnectedSandbox();

const T = { kind: 'service' as const, id: SPECIAL_TICKETS.standard };
const TAB = 7;

/** Every push to a tab's panel, as `pick` sees it. */
function recordPushes<T>(pick: (tab: number, m: { type: string; context?: TicketContext }) => T): T[] {
  const pushed: T[] = [];
  vi.spyOn(fakeBrowser.tabs, 'sendMessage').mockImplementation(async (tab, msg) => {
    pushed.push(pick(tab, msg as { type: string; context?: TicketContext }));
    return undefined;
  });
  return pushed;
}

/**
 * The ticket seen once (its company, contact and devices kept), the 60 s context cache forgotten, and
 * CW's company phone changed since: the next open is complete from the kept details, and their check
 * (the company GET) takes `checkMs` to find the new phone.
 */
async function keptWithPhoneChangedInCw(phone: string, checkMs: number): Promise<void> {
  await ticketContextFor(T, { refresh: true });
  forgetContexts({ details: false });
  const contoso = sandbox().state.companies.find((c) => c.name === 'Contoso Ltd.');
  if (!contoso) throw new Error('no Contoso in the sandbox');
  contoso.phoneNumber = phone;
  sandbox().faults.add({ method: 'GET', path: '^/company/companies/', latencyMs: checkMs, times: 1 });
}

describe('a kept context’s late check (issue 12 §5)', () => {
  it('does not replace a newer answer for the ticket: a note posted meanwhile stays in the context', async () => {
    const pushed = recordPushes((_tab, m) => ({
      type: m.type,
      notes: (m.context?.notes ?? []).map((n) => n.text),
    }));
    await keptWithPhoneChangedInCw('2125550166', 1_500);
    const kept = await ticketContextFor(T, { tabId: TAB });
    const company = () =>
      sandbox().requests.find(
        (r) => r.method === 'GET' && /^\/company\/companies\//.test(r.apiPath) && r.fault,
      );
    await until(() => company() !== undefined);
    expect(company()?.status).toBe(0); // the check is still on its way
    // Meanwhile a note lands on the ticket and the panel refreshes (as after Post to Ticket).
    const { client } = await connectedClient();
    await client.post(`service/tickets/${T.id}/notes`, {
      text: 'Posted while the check ran',
      internalAnalysisFlag: true,
    });
    const refreshed = await ticketContextFor(T, { refresh: true, tabId: TAB });
    expect(refreshed.notes.map((n) => n.text)).toContain('Posted while the check ran');
    expect(kept.notes.map((n) => n.text)).not.toContain('Posted while the check ran');

    // The slow check answers, after the newer answer.
    await until(() => (company()?.status ?? 0) !== 0, 10_000);
    for (let i = 0; i < 10; i++) {
      await new Promise((r) => setTimeout(r, 30));
      const now = await ticketContextFor(T, { tabId: TAB });
      expect(now.notes.map((n) => n.text)).toContain('Posted while the check ran');
    }
    // Nor is the tab's panel told to show the older context.
    const updates = pushed.filter((p) => p.type === 'ticket/contextUpdated');
    for (const u of updates) expect(u.notes).toContain('Posted while the check ran');
  });
});

describe('a second tab that joins during the check', () => {
  it('is told of the corrected details too, not left with the kept ones for the cache’s 60 s', async () => {
    const pushed = recordPushes((tab, m) => ({ tab, type: m.type, phone: m.context?.company?.phone }));
    await keptWithPhoneChangedInCw('2125550177', 1_000);
    const kept = await ticketContextFor(T, { tabId: TAB });
    expect(kept.company?.phone).not.toBe('2125550177');
    // A second tab opens the same ticket after the kept answer, while the check is on its way.
    const SECOND = 8;
    const joined = await ticketContextFor(T, { tabId: SECOND });
    expect(joined.company?.phone).not.toBe('2125550177');
    await until(() => pushed.some((p) => p.tab === SECOND && p.type === 'ticket/contextUpdated'), 3_000);
    const update = pushed.find((p) => p.tab === SECOND && p.type === 'ticket/contextUpdated');
    expect(update?.phone).toBe('2125550177');
  });
});
