// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeBrowser } from 'wxt/testing';
import { type Sandbox, startSandbox } from '../../tests/cw-sandbox/index';
import { connect } from '../connection/service';
import { db } from '../db/schema';
import { changeSession, startSessionFor } from '../session/service';
import { saveSettings } from '../settings/store';
import { autoPush } from './service';

let sandbox: Sandbox;
beforeAll(async () => {
  fakeBrowser.reset();
  sandbox = await startSandbox({ port: 0 });
  await connect({ displayName: 'S', site: sandbox.site, companyId: sandbox.companyId, ...sandbox.keys });
});
afterAll(() => sandbox.close());

describe('Auto Push', () => {
  it('two tabs asking at once post the session once', async () => {
    await saveSettings({ autoPush: true, autoTimeEntry: false });
    const ticketKey = 'service:1001';
    const view = await startSessionFor({
      ticketKey,
      ticketSummary: 'Outlook',
      problem: 'Outlook not syncing',
    });
    await changeSession(view.session.id, {
      kind: 'resolve',
      rootCause: 'Corrupt OST',
      resolution: 'Rebuilt the profile',
    });

    const [a, b] = await Promise.all([autoPush(ticketKey, 60_000), autoPush(ticketKey, 60_000)]);
    expect([a, b].filter((r) => r !== null)).toHaveLength(1);
    expect(await db().posts.where('ticketKey').equals(ticketKey).count()).toBe(1);
    // A later call (e.g. a reload of the panel) sees the post and does nothing.
    expect(await autoPush(ticketKey, 60_000)).toBeNull();
  });
});
