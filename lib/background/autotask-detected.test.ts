// @vitest-environment node
// Issue 15 step 4: what an Autotask page shows is checked against the API before its panel links it
// (like CW's banner check), and similar resolved tickets come through the Autotask connector.
import 'fake-indexeddb/auto';
import { describe, expect, it, vi } from 'vitest';
import { browser } from 'wxt/browser';
import { RESOLVED_TICKETS, SPECIAL_TICKETS } from '../../tests/autotask-sandbox/index.ts';
import { useAutotaskSandbox } from '../../tests/support/autotask-connection';
import type { HandlerContext } from '../messages/router';
import { confirmAutotaskOnScreen } from './autotask-detected';
import { historyPanelHandlers } from './history-handlers';
import { panelHandlers } from './panel-handlers';

const sb = useAutotaskSandbox({ connect: true });
const T = SPECIAL_TICKETS.standard;
const numberOf = (id: number) => String(sb.state.tickets.find((t) => t.id === id)!.ticketNumber);
const ctx: HandlerContext = {
  sender: { kind: 'panelFrame', url: 'http://127.0.0.1/', tabId: 1, frameId: 2 },
};

describe('confirmAutotaskOnScreen', () => {
  it('the URL id whose number matches the screen: linked, with the title on screen', async () => {
    const seen = {
      id: T,
      number: numberOf(T),
      title: 'Printer offline',
      editing: false,
      source: 'url+screen' as const,
    };
    expect(await confirmAutotaskOnScreen(seen)).toEqual({
      kind: 'service',
      id: T,
      // The panel's heading shows Autotask's number (as confirmed by the API).
      number: numberOf(T),
      summary: 'Printer offline',
      source: 'banner',
    });
  });

  it('the URL id alone (document start): linked once the API has it', async () => {
    expect(await confirmAutotaskOnScreen({ id: T, editing: false, source: 'url' })).toMatchObject({
      id: T,
      number: numberOf(T),
      source: 'url',
    });
  });

  it('a stale URL id: the number on screen wins', async () => {
    const other = SPECIAL_TICKETS.quotes;
    const seen = { id: T, number: numberOf(other), editing: false, source: 'url+screen' as const };
    expect(await confirmAutotaskOnScreen(seen)).toMatchObject({ id: other, source: 'banner' });
  });

  it('a ticket the API user cannot see: nothing linked', async () => {
    expect(
      await confirmAutotaskOnScreen({ id: SPECIAL_TICKETS.hidden, editing: false, source: 'url' }),
    ).toBeNull();
  });
});

describe('similar tickets on Autotask', () => {
  it('found through the connector: Complete tickets with their resolution, one Tickets query', async () => {
    const r = await historyPanelHandlers['similar/get']!({ ticket: { kind: 'service', id: T } }, ctx);
    expect(r.problem).toBeUndefined();
    expect(r.items.find((i) => i.ticketId === RESOLVED_TICKETS.outlookContoso)).toMatchObject({
      source: 'autotask',
      resolution: expect.stringContaining('Credential Manager'),
    });
    const mark = sb.requests.length;
    // Cached: asking again costs Autotask nothing.
    await historyPanelHandlers['similar/get']!({ ticket: { kind: 'service', id: T } }, ctx);
    expect(sb.requests.slice(mark)).toEqual([]);
  });
});

describe('panel status on Autotask', () => {
  it('connected, named, on the zone web host (it said "not connected" while it read CW only)', async () => {
    // The policy view asks whether this build can read the profile email (manifest key).
    vi.spyOn(browser.runtime, 'getManifest').mockReturnValue(
      {} as ReturnType<typeof browser.runtime.getManifest>,
    );
    const status = await panelHandlers['panel/status']!({}, ctx);
    expect(status).toMatchObject({ connected: true, psa: 'autotask', site: new URL(sb.zone.webUrl).host });
  });
});
