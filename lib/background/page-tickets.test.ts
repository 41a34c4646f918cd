import { afterEach, describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import type { DetectedTicket } from '../detect/resolve';
import { dockOfPanelUrl, forgetTab, pageTicketFor, pushToPanel, reportPageTicket } from './page-tickets';

// Issue 15 step 2: page tickets keyed by (tab, dock). An Autotask tab can hold several docks (the shell's
// iframes), each paired with the panel frame it docked; a CW tab has one (dock '', its top frame).

const PANEL = 'chrome-extension://abc/panel.html';
const t = (id: number): DetectedTicket => ({ kind: 'service', id, source: 'banner' });
type Sent = { tabId: number; msg: unknown; opts?: { frameId?: number } };

function spySend(answer: (s: Sent) => unknown = () => undefined): Sent[] {
  const sent: Sent[] = [];
  vi.spyOn(browser.tabs, 'sendMessage').mockImplementation(((tabId: number, msg: unknown, opts?: object) => {
    const s = { tabId, msg, ...(opts ? { opts } : {}) };
    sent.push(s);
    return Promise.resolve(answer(s));
  }) as typeof browser.tabs.sendMessage);
  return sent;
}

afterEach(() => {
  vi.restoreAllMocks();
  for (const tab of [1, 2, 3]) forgetTab(tab);
});

describe('page tickets keyed by (tab, dock)', () => {
  it('dock ids come from the panel frame URL; anything else is the CW dock', () => {
    expect(dockOfPanelUrl(`${PANEL}?dock=0f2c9a1e-77aa-4c1d-9b5a-1234567890ab`)).toBe(
      '0f2c9a1e-77aa-4c1d-9b5a-1234567890ab',
    );
    for (const u of [PANEL, `${PANEL}?dock=<x>`, `${PANEL}?dock=short`, undefined, 'nonsense'])
      expect(dockOfPanelUrl(u)).toBe('');
  });

  it('two docks in one tab: each panel gets its own ticket, pushes go to its own frame only', async () => {
    const sent = spySend();
    reportPageTicket(1, t(40265), 'dock-aaaa-1111');
    reportPageTicket(1, t(40266), 'dock-bbbb-2222');
    expect((await pageTicketFor(1, 7, 'dock-aaaa-1111')).ticket).toEqual(t(40265));
    expect((await pageTicketFor(1, 9, 'dock-bbbb-2222')).ticket).toEqual(t(40266));
    sent.length = 0;
    reportPageTicket(1, t(40267), 'dock-bbbb-2222');
    expect(sent).toEqual([
      {
        tabId: 1,
        msg: expect.objectContaining({ type: 'panel/pageTicket', dock: 'dock-bbbb-2222', ticket: t(40267) }),
        opts: { frameId: 9 },
      },
    ]);
    // A push for the whole tab (a context wave) reaches both panels.
    sent.length = 0;
    pushToPanel(1, { dir: 'bgToPanel', type: 'panel/toggle' });
    expect(sent.map((s) => s.opts?.frameId).sort()).toEqual([7, 9]);
  });

  it('CW keeps its single dock: frame 0 is asked after a worker restart', async () => {
    const sent = spySend((s) => (s.opts?.frameId === 0 ? { ticket: t(1001) } : undefined));
    expect(await pageTicketFor(2, 5)).toMatchObject({ ticket: t(1001) });
    expect(sent[0]).toMatchObject({ tabId: 2, msg: { type: 'page/report' }, opts: { frameId: 0 } });
  });

  it("Autotask after a worker restart: the dock's own script is asked, and its answer confirmed first", async () => {
    const sent = spySend((s) =>
      (s.msg as { dock?: string }).dock === 'dock-cccc-3333'
        ? { autotask: { id: 40265, editing: false, source: 'url' } }
        : undefined,
    );
    const confirm = vi.fn(async () => t(40265));
    expect(await pageTicketFor(3, 4, 'dock-cccc-3333', confirm)).toMatchObject({ ticket: t(40265) });
    expect(confirm).toHaveBeenCalledWith({ id: 40265, editing: false, source: 'url' });
    // Sent to every frame of the tab (the dock's frame id is not known), naming the dock.
    expect(sent[0]).toEqual({
      tabId: 3,
      msg: { dir: 'bgToPage', type: 'page/report', dock: 'dock-cccc-3333' },
    });
  });
});
