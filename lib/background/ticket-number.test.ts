// @vitest-environment node
// A click before the panel had the Autotask ticket's number (Start Session, Post to Ticket right after
// the page opened): the session and the post get the number once the ticket's context has it, against
// the Autotask sandbox. Another connection's records of the same ticket id are left alone.
import 'fake-indexeddb/auto';
import { describe, expect, it } from 'vitest';
import { SANDBOX_NOTE_CHOICES, SPECIAL_TICKETS } from '../../tests/autotask-sandbox/index.ts';
import { useAutotaskSandbox } from '../../tests/support/autotask-connection';
import { until } from '../../tests/support/outbox-kit';
import { connectionScope } from '../connection/scope';
import { db } from '../db/schema';
import { panelToBgSession } from '../messages/panel-to-bg-session';
import { PostRequestSchema } from '../messages/posting';
import type { HandlerContext } from '../messages/router';
import { optionsHandlers } from './options-handlers';
import { postingPanelHandlers } from './posting-handlers';
import { sessionHandlers } from './session-handlers';
import { fillTicketNumber } from './ticket-number';

const sb = useAutotaskSandbox({ connect: true });
const panel: HandlerContext = { sender: { kind: 'extensionPage', url: 'chrome-extension://x/panel.html' } };
const options: HandlerContext = {
  sender: { kind: 'extensionPage', url: 'chrome-extension://x/options.html' },
};
const T = SPECIAL_TICKETS.standard;
const numberOf = (id: number) => String(sb.state.tickets.find((t) => t.id === id)?.ticketNumber);

describe('an Autotask ticket number learnt after the click', () => {
  it('a session started and a note posted before the panel had the number: both get it', async () => {
    await optionsHandlers['settings/autotaskNotesSave']!(SANDBOX_NOTE_CHOICES, options);
    const ticketKey = `service:${T}`;
    const start = panelToBgSession['session/start'].req.parse({
      ticketKey,
      ticketSummary: 'Outlook',
      problem: 'Outlook asks for the password',
    });
    const view = await sessionHandlers['session/start']!(start, panel);
    expect(view.session.ticketNumber).toBeUndefined();
    const posted = await postingPanelHandlers['posting/post']!(
      PostRequestSchema.parse({
        ticketKey,
        noteKind: 'internalAnalysis',
        text: 'Reset the mail profile.',
        timeEntry: false,
        waitMs: 10_000,
      }),
      panel,
    );
    expect(posted.post.ticketNumber).toBeUndefined();

    const number = numberOf(T);
    await until(async () => (await db().sessions.get(view.session.id))?.ticketNumber === number, 3_000);
    await until(async () => (await db().posts.get(posted.post.id))?.ticketNumber === number, 3_000);
    const s = await db().sessions.get(view.session.id);
    expect((s!.data as { ticketNumber?: string }).ticketNumber).toBe(number);
    // The ticket's posts as the panel lists them name it by the number now.
    const listed = await postingPanelHandlers['posting/history']!({ ticketKey, limit: 5 }, panel);
    expect(listed.map((p) => p.ticketNumber)).toEqual([number]);
    expect(sb.contractViolations).toEqual([]);
  });

  it('a note posted before the panel had the number, with no session on the ticket, gets it too', async () => {
    const ticketKey = `service:${T + 2}`;
    const posted = await postingPanelHandlers['posting/post']!(
      PostRequestSchema.parse({
        ticketKey,
        noteKind: 'internalAnalysis',
        text: 'Checked the printer queue.',
        timeEntry: false,
        waitMs: 10_000,
      }),
      panel,
    );
    expect(posted.post.ticketNumber).toBeUndefined();
    const number = numberOf(T + 2);
    await until(async () => (await db().posts.get(posted.post.id))?.ticketNumber === number, 3_000);
  });

  it('fills only records of the connection, and never overwrites a number', async () => {
    const record = (await db().connections.get('primary'))!;
    const mine = connectionScope(record);
    const key = `service:${T + 1}`;
    const base = {
      ticketKey: key,
      ticketId: T + 1,
      summary: 'x',
      state: 'sent' as const,
      data: { items: [] },
    };
    await db().posts.bulkAdd([
      { ...base, id: 'p-mine', scope: mine, createdAt: 1, updatedAt: 1 },
      { ...base, id: 'p-other', scope: 'other@https://cw.example', createdAt: 2, updatedAt: 2 },
      { ...base, id: 'p-named', scope: mine, ticketNumber: 'T20200101.0001', createdAt: 3, updatedAt: 3 },
    ]);
    expect(await fillTicketNumber(db(), key, mine, ' t20261130.0007 ')).toBe(1);
    const numbers = (await db().posts.where('ticketKey').equals(key).sortBy('createdAt')).map(
      (p) => p.ticketNumber,
    );
    expect(numbers).toEqual(['T20261130.0007', undefined, 'T20200101.0001']);
  });
});
