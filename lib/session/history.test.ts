// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/schema';
import { listSessionsPage, sessionsToCsv, sessionsToJson, ticketSessions } from './history';
import { markAway, markBack } from './model';
import { changeSession, startSessionFor, updateOpenSessions } from './service';

const MIN = 60_000;
const DAY = 24 * 60 * MIN;
const T0 = Date.UTC(2026, 10, 2, 9, 0, 0);

async function run(
  ticketId: number,
  day: number,
  end: 'resolve' | 'escalate' | 'abandon' | 'open',
  company = 'Contoso Ltd.',
) {
  const start = T0 + day * DAY;
  const v = await startSessionFor(
    {
      ticketKey: `service:${ticketId}`,
      ticketSummary: `Ticket ${ticketId} day ${day}`,
      problem: 'p',
      company: { id: 1, name: company },
    },
    start,
  );
  const id = v.session.id;
  if (end === 'resolve')
    await changeSession(
      id,
      { kind: 'resolve', rootCause: 'c', resolution: `Fixed ${day}` },
      start + 30 * MIN,
    );
  if (end === 'escalate')
    await changeSession(id, { kind: 'escalate', reason: `Why ${day}` }, start + 20 * MIN);
  if (end === 'abandon') await changeSession(id, { kind: 'abandon' }, start + 10 * MIN);
  return id;
}

beforeEach(async () => {
  await db().sessions.clear();
  await db().settings.clear();
});

describe('ticketSessions', () => {
  it('lists the ticket’s closed sessions newest first with their documentation', async () => {
    await run(1001, 0, 'resolve');
    await run(1001, 1, 'abandon');
    await run(1001, 2, 'escalate');
    await run(1001, 3, 'open');
    await run(1002, 4, 'resolve');
    const page = await ticketSessions(db(), undefined, 'service:1001', 0, 10, T0 + 10 * DAY);
    expect(page.items.map((s) => s.state)).toEqual(['escalated', 'abandoned', 'resolved']);
    expect(page.items[0]).toMatchObject({ ticketId: 1001, outcome: 'Why 2', activeMs: 20 * MIN });
    expect(page.items[0]?.documentation).toContain('Why escalating:\nWhy 2');
    expect(page.items[2]?.documentation).toContain('Resolution:\nFixed 0');
    expect(page.items[1]?.documentation).toBeUndefined();
    const first = await ticketSessions(db(), undefined, 'service:1001', 0, 2);
    expect(first.hasMore).toBe(true);
    expect((await ticketSessions(db(), undefined, 'service:1001', 2, 2)).items).toHaveLength(1);
  });
});

describe('tenant scope (issue 10 §3)', () => {
  it("another CW tenant's sessions are neither listed, exported nor shown as the ticket's history", async () => {
    const mine = await run(1001, 0, 'resolve');
    const theirs = await run(1001, 1, 'resolve');
    const other = 'contoso@https://api-eu.myconnectwise.net';
    await db().sessions.update(theirs, { scope: other });
    const history = await ticketSessions(db(), undefined, 'service:1001', 0, 10);
    expect(history.items.map((s) => s.id)).toEqual([mine]);
    for (const f of [{}, { state: 'resolved' as const }, { ticketId: 1001 }, { company: 'contoso' }])
      expect((await listSessionsPage(db(), undefined, f, 0, 10)).items.map((s) => s.id)).toEqual([mine]);
    expect((await listSessionsPage(db(), other, {}, 0, 10)).items.map((s) => s.id)).toEqual([theirs]);
  });
});

describe('listSessionsPage', () => {
  it('pages every session newest first and filters by state, ticket, company and date', async () => {
    for (let d = 0; d < 7; d++)
      await run(1000 + (d % 3), d, d % 2 ? 'resolve' : 'abandon', d < 3 ? 'Contoso Ltd.' : 'Fabrikam, Inc.');
    const all = await listSessionsPage(db(), undefined, {}, 0, 3);
    expect(all.items.map((s) => s.ticketSummary)).toEqual([
      'Ticket 1000 day 6',
      'Ticket 1002 day 5',
      'Ticket 1001 day 4',
    ]);
    expect(all.hasMore).toBe(true);
    const last = await listSessionsPage(db(), undefined, {}, 6, 3);
    expect(last).toMatchObject({ hasMore: false, items: [{ ticketSummary: 'Ticket 1000 day 0' }] });
    const resolved = await listSessionsPage(db(), undefined, { state: 'resolved' }, 0, 10);
    expect(resolved.items.map((s) => s.startedAt)).toEqual([5, 3, 1].map((d) => T0 + d * DAY));
    const ticket = await listSessionsPage(db(), undefined, { ticketId: 1001 }, 0, 10);
    expect(ticket.items.map((s) => s.ticketSummary)).toEqual(['Ticket 1001 day 4', 'Ticket 1001 day 1']);
    const contoso = await listSessionsPage(db(), undefined, { company: 'contoso' }, 0, 2);
    expect(contoso.items.map((s) => s.company)).toEqual(['Contoso Ltd.', 'Contoso Ltd.']);
    expect(contoso.hasMore).toBe(true);
    const dated = await listSessionsPage(
      db(),
      undefined,
      { from: T0 + 2 * DAY, to: T0 + 3 * DAY + 1 },
      0,
      10,
    );
    expect(dated.items.map((s) => s.ticketSummary)).toEqual(['Ticket 1000 day 3', 'Ticket 1002 day 2']);
    const combined = await listSessionsPage(
      db(),
      undefined,
      { state: 'abandoned', company: 'fabrikam' },
      0,
      10,
    );
    expect(combined.items.map((s) => s.ticketSummary)).toEqual(['Ticket 1000 day 6', 'Ticket 1001 day 4']);
  });

  it('exports CSV (spreadsheet-safe cells) and JSON, with away time by answer', async () => {
    const id = await run(1001, 0, 'open', '=HYPERLINK("x")');
    await updateOpenSessions((s) => markAway(s, T0 + 10 * MIN, 'idle', 'a1'), T0 + 20 * MIN);
    await updateOpenSessions((s) => markBack(s, T0 + 40 * MIN), T0 + 40 * MIN);
    await changeSession(id, { kind: 'away', awayId: 'a1', answer: 'drop' }, T0 + 41 * MIN);
    await changeSession(id, { kind: 'resolve', rootCause: '', resolution: 'Done, "quoted"' }, T0 + 60 * MIN);
    const { items } = await listSessionsPage(db(), undefined, {}, 0, 10);
    const csv = sessionsToCsv(items);
    expect(csv.split('\r\n')[0]).toBe(
      'startedAt,endedAt,ticketId,ticketSummary,company,state,technician,activeMinutes,awayKeptMinutes,awayDroppedMinutes,awayUnansweredMinutes,outcome,ticketNumber',
    );
    expect(csv.split('\r\n')[1]).toBe(
      `${new Date(T0).toISOString()},${new Date(T0 + 60 * MIN).toISOString()},1001,Ticket 1001 day 0,"'=HYPERLINK(""x"")",resolved,,30,0,30,0,"Done, ""quoted""",`,
    );
    const json = JSON.parse(sessionsToJson(items));
    expect(json[0]).toMatchObject({ ticketId: 1001, activeMinutes: 30, away: { droppedMs: 30 * MIN } });
    expect(json[0].documentation).toContain('Time:\n- Away');
  });
});
