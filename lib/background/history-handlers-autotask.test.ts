// @vitest-environment node
// The Sessions tab and its exports on an Autotask connection (issue 15, phase C step 5): they read
// sessions of the saved connection's scope (autotask:user@zone), never the CW-only client.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { currentScope, deleteConnection, saveAutotaskConnection } from '../connection/store';
import { type ConnectionRecord, db } from '../db/schema';
import type { HandlerContext } from '../messages/router';
import { changeSession, startSessionFor } from '../session/service';
import { historyOptionsHandlers } from './history-handlers';

const ctx: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/options.html' } };
const zone = {
  apiBase: 'https://webservices18.autotask.net/ATServicesRest/V1.0',
  webUrl: 'https://ww18.autotask.net/',
  zoneName: 'America East',
};
const record: ConnectionRecord = {
  id: 'primary',
  psa: 'autotask',
  displayName: 'Acme Autotask',
  site: 'ww18.autotask.net',
  scheme: 'https',
  companyId: 'api@acme.example',
  codebase: '',
  apiBase: zone.apiBase,
  cloud: true,
  serverVersion: 'Autotask (America East)',
  missingPermissions: [],
  connectedAt: 1,
  lastTestedAt: 1,
  autotask: { userName: 'api@acme.example', zone },
};

beforeEach(async () => {
  await deleteConnection();
  await db().sessions.clear();
  await saveAutotaskConnection(record, {
    userName: 'api@acme.example',
    secret: 's3cret',
    integrationCode: 'CODE',
  });
});

describe('Sessions tab on Autotask', () => {
  it('lists and exports the Autotask connection’s sessions', async () => {
    expect(await currentScope()).toMatch(/^autotask:api@acme\.example@/);
    const v = await startSessionFor(
      { ticketKey: 'autotask:40265', ticketSummary: 'Outlook keeps asking for a password', problem: 'p' },
      Date.UTC(2026, 10, 2, 9),
    );
    await changeSession(
      v.session.id,
      { kind: 'resolve', rootCause: 'c', resolution: 'Reset the profile' },
      Date.UTC(2026, 10, 2, 9, 30),
    );
    const page = await historyOptionsHandlers['sessions/list']!({ offset: 0, limit: 25 }, ctx);
    expect(page.items.map((s) => s.ticketSummary)).toEqual(['Outlook keeps asking for a password']);
    const csv = await historyOptionsHandlers['sessions/export']!({ format: 'csv' }, ctx);
    expect(csv.content).toContain('Outlook keeps asking for a password');
    const json = await historyOptionsHandlers['sessions/export']!({ format: 'json' }, ctx);
    expect(json.content).toContain('Reset the profile');
  });
});
