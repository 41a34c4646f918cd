import { describe, expect, it, vi } from 'vitest';
import { CwError } from '../cw/errors';
import { createRouter, type HandlerContext, type RouterDeps } from './router';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const optionsPage = { id: EXT_ID, url: `${ORIGIN}options.html`, tab: { id: 3 } };
const CW_PAGE = 'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx';
/** panel.html framed in a CW tab (what the content script docks). */
const panelFrame = { id: EXT_ID, url: `${ORIGIN}panel.html`, tab: { id: 7, url: CW_PAGE }, frameId: 5 };
const contentScript = { id: EXT_ID, url: CW_PAGE, tab: { id: 7, url: CW_PAGE }, frameId: 0 };

function makeRouter(overrides: Partial<RouterDeps['handlers']['optionsToBg']> = {}) {
  const status = vi.fn(async () => ({ connected: false }));
  const detected = vi.fn(async () => ({ ok: true as const }));
  const seen: HandlerContext[] = [];
  const route = createRouter({
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    // Connected to na.myconnectwise.net: other CW hosts are someone else's site.
    isPanelHost: (url: string) => new URL(url).hostname === 'na.myconnectwise.net',
    handlers: {
      optionsToBg: {
        'connection/get': async () => null,
        'connection/test': async () => {
          throw new CwError('throttled', 'ConnectWise is throttling requests. Try again in 30 s.', {
            retryAfterSec: 30,
          });
        },
        'connection/disconnect': async () => {
          throw new Error('boom');
        },
        ...overrides,
      },
      panelToBg: {
        'panel/status': async (_p, ctx) => {
          seen.push(ctx);
          return status();
        },
      },
      pageToBg: { 'page/detected': detected },
    },
  });
  return { route, status, detected, seen };
}

const statusMsg = { dir: 'panelToBg', type: 'panel/status', payload: {} };
const detectedMsg = {
  dir: 'pageToBg',
  type: 'page/detected',
  payload: { ticket: { kind: 'service', id: 1001, source: 'url' } },
};

describe('router', () => {
  it('answers a valid message from an extension page', async () => {
    const { route } = makeRouter();
    expect(await route({ dir: 'optionsToBg', type: 'connection/get', payload: {} }, optionsPage)).toEqual({
      ok: true,
      data: null,
    });
  });

  it('gives the panel frame panel messages only, and tells handlers its tab, frame and page', async () => {
    const { route, status, seen } = makeRouter();
    expect(await route(statusMsg, panelFrame)).toEqual({ ok: true, data: { connected: false } });
    // frameUrl: the panel frame's own URL (Autotask's panels carry their dock id in it).
    expect(seen[0]?.sender).toEqual({
      kind: 'panelFrame',
      url: CW_PAGE,
      tabId: 7,
      frameId: 5,
      frameUrl: `${ORIGIN}panel.html`,
    });
    for (const m of [{ dir: 'optionsToBg', type: 'connection/get', payload: {} }, detectedMsg]) {
      expect(await route(m, panelFrame)).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    }
    expect(status).toHaveBeenCalledTimes(1);
  });

  it('lets the content script only report the ticket on screen: no panel or options messages', async () => {
    const { route, status, detected } = makeRouter();
    expect(await route(detectedMsg, contentScript)).toEqual({ ok: true, data: { ok: true } });
    expect(detected).toHaveBeenCalledTimes(1);
    for (const m of [statusMsg, { dir: 'optionsToBg', type: 'connection/get', payload: {} }]) {
      expect(await route(m, contentScript)).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    }
    expect(status).not.toHaveBeenCalled();
    // The options page does not report tickets.
    expect(await route(detectedMsg, optionsPage)).toMatchObject({
      ok: false,
      error: { kind: 'forbiddenSender' },
    });
  });

  it.each([
    ['another extension', { ...panelFrame, id: 'otherextensionidotherextensionid' }],
    [
      'the panel frame on another CW site',
      { ...panelFrame, tab: { id: 7, url: 'https://eu.myconnectwise.net/x' } },
    ],
    ['the panel frame on a non-CW page', { ...panelFrame, tab: { id: 7, url: 'https://evil.example/' } }],
    ['panel.html opened on its own', { ...panelFrame, frameId: 0 }],
    ['panel.html without a tab', { id: EXT_ID, url: `${ORIGIN}panel.html` }],
    ['a sender without url', { id: EXT_ID }],
  ])('refuses panel messages from %s', async (_name, sender) => {
    const { route, status } = makeRouter();
    const r = await route(statusMsg, sender);
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    expect(status).not.toHaveBeenCalled();
  });

  it.each([
    ['a content script on a non-CW page', { ...contentScript, url: 'https://evil.example/' }],
    ['a content script on another CW site', { ...contentScript, url: 'https://eu.myconnectwise.net/x' }],
    ['a sub-frame', { ...contentScript, frameId: 4 }],
  ])('refuses ticket reports from %s', async (_name, sender) => {
    const { route, detected } = makeRouter();
    expect(await route(detectedMsg, sender)).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    expect(detected).not.toHaveBeenCalled();
  });

  describe('Autotask pages (issue 15): content scripts of sub-frames', () => {
    const AT_PAGE = 'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=40265';
    const SHELL = 'https://ww18.autotask.net/AutotaskOnyx/LandingPage?view=TicketDetail';
    const atDetected = {
      dir: 'pageToBg',
      type: 'page/autotaskDetected',
      payload: { ticket: { id: 40265, editing: false, source: 'url' }, dock: 'd0c4a1b2-0000' },
    };
    function atRouter() {
      const detected = vi.fn(async () => ({ ok: true as const }));
      const route = createRouter({
        extensionId: EXT_ID,
        extensionOrigin: ORIGIN,
        // Connected to the Autotask zone whose UI is ww18.autotask.net.
        isPanelHost: (url: string) => new URL(url).hostname === 'ww18.autotask.net',
        isSubFramePage: (url: string) => new URL(url).hostname === 'ww18.autotask.net',
        handlers: { optionsToBg: {}, panelToBg: {}, pageToBg: { 'page/autotaskDetected': detected } },
      });
      return { route, detected };
    }

    it("accepts the shell's iframe, which shows the ticket page", async () => {
      const { route, detected } = atRouter();
      const inner = { id: EXT_ID, url: AT_PAGE, tab: { id: 9, url: SHELL }, frameId: 3 };
      expect(await route(atDetected, inner)).toEqual({ ok: true, data: { ok: true } });
      expect(detected).toHaveBeenCalledTimes(1);
    });

    it.each([
      ['a frame of a CW page', { id: EXT_ID, url: CW_PAGE, tab: { id: 9, url: SHELL }, frameId: 3 }],
      [
        'a frame on another Autotask zone',
        { id: EXT_ID, url: AT_PAGE.replace('ww18', 'ww5'), tab: { id: 9, url: SHELL }, frameId: 3 },
      ],
    ])('refuses %s', async (_name, sender) => {
      const { route, detected } = atRouter();
      expect(await route(atDetected, sender)).toMatchObject({
        ok: false,
        error: { kind: 'forbiddenSender' },
      });
      expect(detected).not.toHaveBeenCalled();
    });

    it('a CW connection keeps refusing sub-frames (no isSubFramePage answer)', async () => {
      const { route, detected } = makeRouter();
      expect(await route(detectedMsg, { ...contentScript, frameId: 4 })).toMatchObject({
        ok: false,
        error: { kind: 'forbiddenSender', message: 'FlowPilot runs in the top frame only.' },
      });
      expect(detected).not.toHaveBeenCalled();
    });
  });

  it('rejects malformed envelopes, unknown types and invalid payloads with field issues', async () => {
    const { route } = makeRouter({ 'connection/connect': async () => ({}) as never });
    expect(await route('nope', optionsPage)).toMatchObject({ ok: false, error: { kind: 'invalidMessage' } });
    expect(await route({ dir: 'optionsToBg', type: 'nope', payload: {} }, optionsPage)).toMatchObject({
      ok: false,
      error: { kind: 'invalidMessage', message: 'Unknown message "nope".' },
    });
    const bad = await route(
      { dir: 'optionsToBg', type: 'connection/connect', payload: { site: 5 } },
      optionsPage,
    );
    expect(bad.ok).toBe(false);
    if (!bad.ok) expect(bad.error.issues?.some((i) => i.startsWith('companyId'))).toBe(true);
  });

  it('turns typed errors into their info and anything else into a plain message', async () => {
    const { route } = makeRouter();
    expect(await route({ dir: 'optionsToBg', type: 'connection/test', payload: {} }, optionsPage)).toEqual({
      ok: false,
      error: {
        kind: 'throttled',
        message: 'ConnectWise is throttling requests. Try again in 30 s.',
        retryAfterSec: 30,
        retryable: true,
      },
    });
    const r = await route({ dir: 'optionsToBg', type: 'connection/disconnect', payload: {} }, optionsPage);
    expect(r).toMatchObject({ ok: false, error: { kind: 'internal' } });
    if (!r.ok) expect(r.error.message).toContain('boom');
  });
});
