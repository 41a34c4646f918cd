// @vitest-environment node
// The panel's session messages on an Autotask connection: the session keeps the ticket number the
// panel shows, and the Activity log names the ticket by it. ConnectWise's entries stay "service:1001"
// (shown as "#1001", components/options/history/labels.ts).
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { AUTOTASK_RECORD, CW_RECORD } from '../../tests/unit/connection-records';
import { deleteConnection, saveAutotaskConnection } from '../connection/store';
import { db } from '../db/schema';
import { panelToBgSession } from '../messages/panel-to-bg-session';
import type { HandlerContext } from '../messages/router';
import { sessionHandlers } from './session-handlers';

const ctx: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/panel.html' } };
const autotask = AUTOTASK_RECORD;
const cw = CW_RECORD;

const startSchema = panelToBgSession['session/start'].req;
/** As the router does: the request through its schema, then the handler. */
const start = (req: object) => sessionHandlers['session/start']!(startSchema.parse(req), ctx);
/** A closing entry: the ticket, the outcome, the active time (whatever the clock made it). */
const closed = (head: string) =>
  expect.stringMatching(new RegExp(`^${head.replace('.', '\\.')} after .+ active$`));
const log = async () => (await db().activity.orderBy('id').toArray()).map((a) => [a.kind, a.detail]);

beforeEach(async () => {
  await deleteConnection();
  await Promise.all([db().sessions.clear(), db().activity.clear()]);
});

describe('session messages and the Activity log', () => {
  it('Autotask: started, resolved and abandoned name the ticket by its number', async () => {
    await saveAutotaskConnection(autotask, {
      userName: 'api@acme.example',
      secret: 's',
      integrationCode: 'C',
    });
    const base = { ticketKey: 'service:40265', ticketSummary: 'Outlook', problem: 'p' };
    const v = await start({ ...base, ticketNumber: ' T20261129.0004 ' });
    expect(v.session.ticketNumber).toBe('T20261129.0004');
    await sessionHandlers['session/resolve']!(
      { sessionId: v.session.id, rootCause: 'c', resolution: 'Fixed' },
      ctx,
    );
    // A session started before the number was known (context not loaded yet) falls back to the key.
    const other = await start({ ...base, ticketKey: 'service:40266' });
    await sessionHandlers['session/abandon']!({ sessionId: other.session.id }, ctx);
    expect(await log()).toEqual([
      ['session/start', 'T20261129.0004'],
      ['session/resolve', closed('T20261129.0004 resolved')],
      ['session/start', 'service:40266'],
      ['session/abandon', closed('service:40266 abandoned')],
    ]);
  });

  it('ConnectWise: unchanged, "service:1001" (a number sent anyway is not kept)', async () => {
    await db().connections.put(cw);
    const v = await start({
      ticketKey: 'service:1001',
      ticketSummary: 'Outlook',
      problem: 'p',
      ticketNumber: 'T20261129.0004',
    });
    await sessionHandlers['session/escalate']!({ sessionId: v.session.id, reason: 'Needs admin' }, ctx);
    expect(await log()).toEqual([
      ['session/start', 'service:1001'],
      ['session/escalate', closed('service:1001 escalated')],
    ]);
  });

  it('the request’s number is trimmed and bounded (Autotask’s field holds 50), like the post request’s', () => {
    const base = { ticketKey: 'service:40265', ticketSummary: 'x', problem: 'p' };
    expect(startSchema.safeParse({ ...base, ticketNumber: 'T'.repeat(51) }).success).toBe(false);
    expect(startSchema.safeParse({ ...base, ticketNumber: '  ' }).success).toBe(false);
    const fix = { text: 'Cleared it', fromTicket: 40311, fromTicketNumber: ' T20261101.0007 ' };
    expect(startSchema.parse({ ...base, fix }).fix?.fromTicketNumber).toBe('T20261101.0007');
    // Undo of a removed fix puts back everything it had, its source ticket's number too.
    const item = {
      id: 'i1',
      text: 'Cleared it',
      done: false,
      source: 'similar',
      fromTicket: 40311,
      fromTicketNumber: 'T20261101.0007',
      createdAt: 1,
      updatedAt: 1,
    };
    const restore = panelToBgSession['session/lane'].req.parse({
      sessionId: 's',
      op: { op: 'restore', section: 'fixes', index: 0, item },
    });
    expect(restore.op).toMatchObject({ item: { fromTicketNumber: 'T20261101.0007' } });
  });
});
