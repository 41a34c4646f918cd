import { describe, expect, it, vi } from 'vitest';
import { CwError } from '../cw/errors';
import { createRouter, type RouterDeps } from './router';

const EXT_ID = 'abcdefghijklmnopabcdefghijklmnop';
const ORIGIN = `chrome-extension://${EXT_ID}/`;
const optionsPage = { id: EXT_ID, url: `${ORIGIN}options.html`, tab: { id: 3 } };
const cwTab = {
  id: EXT_ID,
  url: 'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx',
  tab: { id: 7 },
  frameId: 0,
};

function makeRouter(overrides: Partial<RouterDeps['handlers']['optionsToBg']> = {}) {
  const status = vi.fn(async () => ({ connected: false }));
  const route = createRouter({
    extensionId: EXT_ID,
    extensionOrigin: ORIGIN,
    isCwPageUrl: (url) => new URL(url).hostname.endsWith('.myconnectwise.net'),
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
      panelToBg: { 'panel/status': status },
    },
  });
  return { route, status };
}

describe('router', () => {
  it('answers a valid message from an extension page', async () => {
    const { route } = makeRouter();
    expect(await route({ dir: 'optionsToBg', type: 'connection/get', payload: {} }, optionsPage)).toEqual({
      ok: true,
      data: null,
    });
  });

  it('lets a content script on a CW page send panel messages only', async () => {
    const { route, status } = makeRouter();
    expect(await route({ dir: 'panelToBg', type: 'panel/status', payload: {} }, cwTab)).toEqual({
      ok: true,
      data: { connected: false },
    });
    const r = await route({ dir: 'optionsToBg', type: 'connection/get', payload: {} }, cwTab);
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    expect(status).toHaveBeenCalledTimes(1);
  });

  it.each([
    ['another extension', { ...optionsPage, id: 'otherextensionidotherextensionid' }],
    ['a content script on a non-CW page', { ...cwTab, url: 'https://evil.example/' }],
    ['a sub-frame', { ...cwTab, frameId: 4 }],
    ['a sender without url', { id: EXT_ID }],
  ])('refuses %s', async (_name, sender) => {
    const { route, status } = makeRouter();
    const r = await route({ dir: 'panelToBg', type: 'panel/status', payload: {} }, sender);
    expect(r).toMatchObject({ ok: false, error: { kind: 'forbiddenSender' } });
    expect(status).not.toHaveBeenCalled();
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
