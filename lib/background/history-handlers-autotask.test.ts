// @vitest-environment node
// The Sessions tab and its exports on an Autotask connection (issue 15, phase C step 5): they read
// sessions of the saved connection's scope (autotask:user@zone), never the CW-only client.
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTOTASK_RECORD } from '../../tests/unit/connection-records';
import { currentScope, deleteConnection, saveAutotaskConnection } from '../connection/store';
import { db } from '../db/schema';
import { optionsToBgHistory } from '../messages/history';
import type { HandlerContext } from '../messages/router';
import { changeSession, startSessionFor } from '../session/service';
import { historyOptionsHandlers } from './history-handlers';

const ctx: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/options.html' } };
const record = AUTOTASK_RECORD;

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

  it('names and finds a session by its ticket number: list, filter (any case), CSV and JSON', async () => {
    const at = Date.UTC(2026, 10, 2, 9);
    const numbered = await startSessionFor(
      { ticketKey: 'service:40265', ticketSummary: 'Outlook', problem: 'p', ticketNumber: 'T20261129.0004' },
      at,
    );
    await startSessionFor({ ticketKey: 'service:40266', ticketSummary: 'Printer', problem: 'p' }, at + 1);
    const list = (f: object) =>
      historyOptionsHandlers['sessions/list']!(
        optionsToBgHistory['sessions/list'].req.parse({ offset: 0, limit: 25, ...f }),
        ctx,
      );
    expect((await list({})).items.map((s) => [s.ticketId, s.ticketNumber])).toEqual([
      [40266, undefined],
      [40265, 'T20261129.0004'],
    ]);
    const byNumber = await list({ ticketNumber: ' t20261129.0004 ' });
    expect(byNumber.items.map((s) => s.id)).toEqual([numbered.session.id]);
    expect((await list({ ticketNumber: 'T19990101.0001' })).items).toEqual([]);
    expect((await list({ ticketNumber: 'T20261129.0004', state: 'resolved' })).items).toEqual([]);
    // The id still finds it (and the session without a number).
    expect((await list({ ticketId: 40265 })).items.map((s) => s.id)).toEqual([numbered.session.id]);
    const csv = await historyOptionsHandlers['sessions/export']!(
      { format: 'csv', ticketNumber: 'T20261129.0004' },
      ctx,
    );
    const [header, row] = csv.content.split('\r\n');
    expect(header?.split(',')[2]).toBe('ticketId');
    expect(header?.split(',').at(-1)).toBe('ticketNumber');
    expect(row?.split(',')[2]).toBe('40265');
    expect(row?.split(',').at(-1)).toBe('T20261129.0004');
    const json = await historyOptionsHandlers['sessions/export']!({ format: 'json' }, ctx);
    expect(JSON.parse(json.content)[1]).toMatchObject({ ticketId: 40265, ticketNumber: 'T20261129.0004' });
  });
});
