// @vitest-environment node
import 'fake-indexeddb/auto';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CW_RECORD } from '../../tests/unit/connection-records';
import { db } from '../db/schema';
import { saveSettings } from '../settings/store';
import { markAway, markBack } from './model';
import { changeSession, getSessionForTicket, startSessionFor, updateOpenSessions } from './service';

const MIN = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);
const KEY = 'service:1001';

beforeEach(async () => {
  await db().sessions.clear();
  await db().settings.clear();
  await db().technicians.clear();
});

const start = (now = T0) =>
  startSessionFor({ ticketKey: KEY, ticketSummary: 'Outlook', problem: 'Outlook is broken' }, now);

describe('session service (IndexedDB)', () => {
  it('keeps one open session per ticket and saves every change', async () => {
    const a = await start();
    const b = await start(T0 + 5);
    expect(b.session.id).toBe(a.session.id);
    await changeSession(
      a.session.id,
      { kind: 'lane', op: { op: 'add', section: 'facts', text: 'OWA works' } },
      T0 + MIN,
    );
    const again = await getSessionForTicket(KEY);
    expect(again?.session.lane.facts.map((i) => i.text)).toEqual(['OWA works']);
    expect(again?.session.rev).toBe(2);
    expect(await db().sessions.count()).toBe(1);
    expect(await getSessionForTicket('service:9999')).toBeNull();
  });

  it('seeds the lane from a playbook and refuses unknown ones', async () => {
    const v = await startSessionFor(
      { ticketKey: KEY, ticketSummary: 'x', problem: '', playbookId: 'slow-pc' },
      T0,
    );
    expect(v.session.playbookId).toBe('slow-pc');
    expect(v.session.problem).toBe('The computer is running slowly.');
    expect(v.session.lane.checks.length).toBeGreaterThan(3);
    await expect(
      startSessionFor({ ticketKey: 'service:2', ticketSummary: 'x', problem: '', playbookId: 'nope' }, T0),
    ).rejects.toThrow(/playbook/);
  });

  // The panel's idle auto-pause is gone (issue 13): the machine's idle state opens away stretches.
  it('records away time on every running session; the answer is saved and the active time follows', async () => {
    await saveSettings({ idleAutoPauseMinutes: 5 });
    const a = await start();
    const b = await startSessionFor({ ticketKey: 'service:1002', ticketSummary: 'x', problem: 'y' }, T0);
    await changeSession(b.session.id, { kind: 'pause' }, T0 + MIN);
    const marked = await updateOpenSessions(
      (s) => markAway(s, T0 + 10 * MIN, 'idle', 'away-1'),
      T0 + 15 * MIN,
    );
    expect(marked.map((s) => s.id)).toEqual([a.session.id]); // the paused one is not counting anyway
    await updateOpenSessions((s) => markBack(s, T0 + 55 * MIN), T0 + 55 * MIN);
    const later = await getSessionForTicket(KEY);
    expect(later?.idleMs).toBe(5 * MIN);
    expect(later?.session.away).toEqual([
      { id: 'away-1', from: T0 + 10 * MIN, to: T0 + 55 * MIN, cause: 'idle' },
    ]);
    // Unanswered: not counted in what posting reads.
    expect((await db().sessions.get(a.session.id))?.activeMs).toBe(10 * MIN);
    const kept = await changeSession(
      a.session.id,
      { kind: 'away', awayId: 'away-1', answer: 'keep' },
      T0 + 60 * MIN,
    );
    expect(kept.session.away?.[0]).toMatchObject({ answer: 'keep', answeredAt: T0 + 60 * MIN });
    expect((await db().sessions.get(a.session.id))?.activeMs).toBe(60 * MIN);
  });

  it('remembers who ran the session and the ticket it was for; "Use this fix" can seed the lane', async () => {
    await db().technicians.put({ id: 't1', name: 'John Smith', email: 'j@x', updatedAt: 0 });
    await saveSettings({ signedInTechnicianId: 't1' });
    const v = await startSessionFor(
      {
        ticketKey: KEY,
        ticketSummary: 'Outlook',
        problem: 'p',
        company: { id: 250, name: 'Contoso Ltd.' },
        ticketType: 'Incident',
        fix: { text: 'Rebuilt the OST', fromTicket: 1407 },
      },
      T0,
    );
    expect(v.session).toMatchObject({
      technician: { id: 't1', name: 'John Smith' },
      company: { id: 250, name: 'Contoso Ltd.' },
      ticketType: 'Incident',
      rev: 1,
    });
    expect(v.session.lane.fixes).toMatchObject([
      { text: 'Rebuilt the OST', fromTicket: 1407, source: 'similar' },
    ]);
  });

  it('resolving stores the documentation, the end time and active time for posting', async () => {
    await saveSettings({ includeDiagnosticSteps: false });
    const v = await start();
    await changeSession(
      v.session.id,
      { kind: 'lane', op: { op: 'add', section: 'checks', text: 'Ping', result: 'pass' } },
      T0 + MIN,
    );
    await changeSession(v.session.id, { kind: 'pause' }, T0 + 2 * MIN);
    const r = await changeSession(
      v.session.id,
      { kind: 'resolve', rootCause: 'Bad cache', resolution: 'Cleared it' },
      T0 + 30 * MIN,
    );
    expect(r.doc?.kind).toBe('resolved');
    expect(r.doc?.internalText).toContain('Resolution:\nCleared it');
    expect(r.doc?.internalText).not.toContain('Diagnostic steps');
    const rec = await db().sessions.get(v.session.id);
    expect(rec).toMatchObject({
      state: 'resolved',
      startedAt: T0,
      endedAt: T0 + 30 * MIN,
      activeMs: 2 * MIN,
    });
    expect(rec?.doc?.internalText).toBe(r.doc?.internalText);
    // Closed: further changes are refused; the closed session is still what the ticket shows.
    await expect(changeSession(v.session.id, { kind: 'resume' })).rejects.toThrow(/resolved/);
    expect((await getSessionForTicket(KEY))?.session.state).toBe('resolved');
    // A new session can start after the old one closed.
    const next = await start(T0 + 40 * MIN);
    expect(next.session.id).not.toBe(v.session.id);
  });

  it('abandon keeps the session without documentation', async () => {
    const v = await start();
    const r = await changeSession(v.session.id, { kind: 'abandon' }, T0 + MIN);
    expect(r.session.state).toBe('abandoned');
    expect(r.doc).toBeUndefined();
    expect(await db().sessions.get(v.session.id)).toBeDefined();
  });

  it('serialises concurrent edits from two tabs without losing one', async () => {
    const v = await start();
    await Promise.all(
      ['a', 'b', 'c', 'd'].map((t) =>
        changeSession(v.session.id, { kind: 'lane', op: { op: 'add', section: 'fixes', text: t } }, T0 + 1),
      ),
    );
    const after = await getSessionForTicket(KEY);
    expect(after?.session.lane.fixes.map((i) => i.text).sort()).toEqual(['a', 'b', 'c', 'd']);
    expect(after?.session.rev).toBe(5);
  });

  it('reports no change for a move past the edge', async () => {
    const v = await start();
    const a = await changeSession(
      v.session.id,
      { kind: 'lane', op: { op: 'add', section: 'fixes', text: 'only' } },
      T0 + 1,
    );
    const id = a.session.lane.fixes[0]?.id ?? '';
    const r = await changeSession(v.session.id, { kind: 'lane', op: { op: 'move', id, delta: 1 } }, T0 + 2);
    expect(r.changed).toBe(false);
  });
});

describe('sessions belong to their connection (issue 10 §3)', () => {
  const connect = (port: number) =>
    db().connections.put({
      id: 'primary',
      displayName: `CW ${port}`,
      site: `127.0.0.1:${port}`,
      scheme: 'http',
      companyId: 'flowpilot',
      codebase: 'v2026_4/',
      apiBase: `http://127.0.0.1:${port}/v2026_4/apis/3.0`,
      cloud: false,
      serverVersion: 'v2026.4',
      missingPermissions: [],
      connectedAt: 1,
      lastTestedAt: 1,
    });
  afterEach(() => db().connections.clear());

  it("tenant A's session on ticket #1001 is not tenant B's ticket #1001", async () => {
    await connect(4100);
    const a = await start();
    await changeSession(
      a.session.id,
      { kind: 'lane', op: { op: 'add', section: 'facts', text: 'A secret' } },
      T0 + 1,
    );

    await connect(4200);
    expect(await getSessionForTicket(KEY)).toBeNull();
    await expect(changeSession(a.session.id, { kind: 'pause' }, T0 + 3)).rejects.toThrow(
      /another ConnectWise/,
    );
    const b = await start(T0 + 4);
    expect(b.session.id).not.toBe(a.session.id);
    expect(b.session.lane.facts).toEqual([]);

    await connect(4100);
    expect((await getSessionForTicket(KEY))?.session.id).toBe(a.session.id);
  });
});

describe('an Autotask session keeps its ticket number (what its technicians know the ticket by)', () => {
  const cw = CW_RECORD;
  const autotask = {
    ...cw,
    psa: 'autotask' as const,
    site: 'ww18.autotask.net',
    companyId: 'api@acme.example',
    apiBase: 'https://webservices18.autotask.net/ATServicesRest/V1.0',
  };
  afterEach(() => db().connections.clear());
  const startWith = (extra: object) =>
    startSessionFor({
      ticketKey: 'service:40265',
      ticketSummary: 'Outlook',
      problem: 'p',
      ticketNumber: ' t20261129.0004 ',
      fix: { text: 'Cleared the cached password', fromTicket: 40311, fromTicketNumber: 'T20261101.0007' },
      ...extra,
    });
  const addFix = (sessionId: string) =>
    changeSession(sessionId, {
      kind: 'lane',
      op: {
        op: 'add',
        section: 'fixes',
        text: 'Re-entered the password',
        source: 'similar',
        fromTicket: 40312,
        fromTicketNumber: 'T20261101.0008',
      },
    });

  it('on Autotask: on the session and its record (upper case, indexed), and on fixes from similar tickets', async () => {
    await db().connections.put(autotask);
    const v = await startWith({});
    expect(v.session.ticketNumber).toBe('T20261129.0004');
    expect(v.session.lane.fixes[0]).toMatchObject({ fromTicket: 40311, fromTicketNumber: 'T20261101.0007' });
    expect((await db().sessions.where('ticketNumber').equals('T20261129.0004').first())?.id).toBe(
      v.session.id,
    );
    const after = await addFix(v.session.id);
    expect(after.session.lane.fixes[1]).toMatchObject({
      fromTicket: 40312,
      fromTicketNumber: 'T20261101.0008',
    });
    // A later save keeps the record's copy.
    expect((await db().sessions.get(v.session.id))?.ticketNumber).toBe('T20261129.0004');
  });

  it('on ConnectWise none is kept, whatever a caller sends: its ticket is "#1001"', async () => {
    await db().connections.put(cw);
    const v = await startWith({});
    expect(v.session.ticketNumber).toBeUndefined();
    expect((await db().sessions.get(v.session.id))?.ticketNumber).toBeUndefined();
    expect(v.session.lane.fixes[0]?.fromTicketNumber).toBeUndefined();
    const after = await addFix(v.session.id);
    expect(after.session.lane.fixes[1]?.fromTicketNumber).toBeUndefined();
    expect(after.session.lane.fixes[1]?.fromTicket).toBe(40312);
  });
});
