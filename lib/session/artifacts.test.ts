// @vitest-environment node
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  buildSessionDoc,
  clipText,
  ITEM_TEXT_LIMIT,
  NOTE_TEXT_LIMIT,
  paragraph,
  renderWithin,
  resolvePrefill,
} from './artifacts';
import { abandon, applyLaneOp, escalate, type LaneOp, resolve, type Session, startSession } from './model';

const T0 = Date.UTC(2026, 0, 5, 9, 0, 0);

function withLane(ops: LaneOp[]): Session {
  let s = startSession({
    id: 's1',
    ticketKey: 'service:1001',
    ticketSummary: 'Outlook not syncing',
    problem: 'Outlook on Dana’s laptop stopped syncing mail since Monday.\r\nOWA works.',
    now: T0,
  });
  ops.forEach((op, i) => {
    s = applyLaneOp(s, op, { newId: `i${i}`, now: T0 + i * 1000 });
  });
  return s;
}

const FULL: LaneOp[] = [
  { op: 'add', section: 'facts', text: 'Only Dana is affected' },
  { op: 'add', section: 'facts', text: 'OWA shows new mail' },
  { op: 'add', section: 'questions', text: 'Did the password change recently?', answer: 'Yes, Friday' },
  { op: 'add', section: 'questions', text: 'Is there a shared mailbox?' },
  {
    op: 'add',
    section: 'checks',
    text: 'Outlook connection status',
    result: 'fail',
    note: 'Disconnected, credential prompt',
  },
  { op: 'add', section: 'checks', text: 'Internet access', result: 'pass' },
  { op: 'add', section: 'checks', text: 'OST file size', result: 'pending' },
  { op: 'add', section: 'fixes', text: 'Clear cached credentials in Credential Manager' },
  { op: 'add', section: 'fixes', text: 'Rebuild the Outlook profile' },
  { op: 'edit', id: 'i7', patch: { done: true } },
];

/** Golden files sit beside this test; UPDATE_GOLDEN=1 rewrites them (review the diff). */
function golden(name: string, actual: string) {
  const file = path.join(import.meta.dirname, 'golden', `${name}.txt`);
  if (process.env.UPDATE_GOLDEN === '1' || !existsSync(file)) writeFileSync(file, actual);
  expect(actual).toBe(readFileSync(file, 'utf8'));
}

describe('resolved documentation', () => {
  // The documentation tests use a written root cause; the pre-fill is tested on its own below.
  const s = resolve(
    withLane(FULL),
    {
      rootCause: 'Outlook connection status (Disconnected, credential prompt)',
      resolution: resolvePrefill(withLane(FULL)).resolution,
    },
    T0 + 3_600_000,
  );

  it('prefills root cause from failed checks, worded as checks, and resolution from done fixes and passed checks', () => {
    // "<check> (<note>)" read as if the check text were the cause; say what it is instead.
    expect(resolvePrefill(withLane(FULL))).toEqual({
      rootCause: 'Failed check: Outlook connection status — Disconnected, credential prompt',
      resolution: 'Clear cached credentials in Credential Manager\nVerified: Internet access',
    });
    const noNote = withLane([{ op: 'add', section: 'checks', text: 'Printer online', result: 'fail' }]);
    expect(resolvePrefill(noNote).rootCause).toBe('Failed check: Printer online');
  });

  it('matches the golden text with diagnostic steps', () => {
    const doc = buildSessionDoc(s, { includeDiagnosticSteps: true });
    expect(doc?.kind).toBe('resolved');
    golden('resolved-internal', doc?.internalText ?? '');
    golden('resolved-customer', doc?.customerText ?? '');
    expect(doc?.internalText).toContain('Diagnostic steps:\n- Outlook connection status: Fail');
    // Line breaks are plain \n, no CR, no trailing blank line.
    expect(doc?.internalText).not.toMatch(/\r|\n$/);
  });

  it('leaves the diagnostic steps out when the setting is off, and keeps internal checks out of the customer text', () => {
    const doc = buildSessionDoc(s, { includeDiagnosticSteps: false });
    expect(doc?.internalText).not.toContain('Diagnostic steps');
    expect(doc?.internalText).toContain('Root cause:');
    expect(doc?.customerText).not.toContain('OST file size');
    // A check never run is not a diagnostic step of the resolution.
    expect(buildSessionDoc(s, { includeDiagnosticSteps: true })?.internalText).not.toContain('OST file size');
  });

  it('omits empty sections', () => {
    const bare = resolve(withLane([]), { rootCause: '', resolution: 'Restarted the sync service.' }, T0 + 1);
    const doc = buildSessionDoc(bare, { includeDiagnosticSteps: true });
    golden('resolved-minimal', doc?.internalText ?? '');
    expect(doc?.internalText).not.toMatch(/What we confirmed|Diagnostic steps|Root cause/);
    expect(doc?.customerText).not.toContain('Cause:');
  });
});

describe('escalated documentation', () => {
  it('matches the golden text', () => {
    const s = escalate(
      withLane(FULL),
      { reason: 'Needs an Exchange admin to check the mailbox.', escalateTo: 'Tier 2 – Messaging' },
      T0 + 60_000,
    );
    const doc = buildSessionDoc(s, { includeDiagnosticSteps: true });
    expect(doc?.kind).toBe('escalated');
    golden('escalated-internal', doc?.internalText ?? '');
    golden('escalated-customer', doc?.customerText ?? '');
    expect(doc?.internalText).toContain(
      'Suggested next steps:\n- Rebuild the Outlook profile\n- Check: OST file size\n- Find out: Is there a shared mailbox?',
    );
  });

  it('works without a target and with an empty lane', () => {
    const s = escalate(withLane([]), { reason: 'Hardware fault suspected' }, T0 + 1);
    const doc = buildSessionDoc(s, { includeDiagnosticSteps: true });
    expect(doc?.internalText).toBe(
      'Problem:\nOutlook on Dana’s laptop stopped syncing mail since Monday.\nOWA works.\n\nWhy escalating:\nHardware fault suspected',
    );
    expect(doc?.customerText).toContain('We have escalated this ticket for further');
  });
});

it('produces nothing for open or abandoned sessions', () => {
  expect(buildSessionDoc(withLane(FULL), { includeDiagnosticSteps: true })).toBeUndefined();
  expect(buildSessionDoc(abandon(withLane(FULL), T0), { includeDiagnosticSteps: true })).toBeUndefined();
});

describe('clipping', () => {
  it('never splits a surrogate pair', () => {
    const s = `${'a'.repeat(8)}😀tail`;
    expect(clipText(s, 10)).toBe('aaaaaaaa…');
    expect(clipText(s, 11)).toBe('aaaaaaaa😀…');
    expect(clipText('short', 10)).toBe('short');
  });

  it('clips long items and paragraphs, strips control characters', () => {
    const long = 'x'.repeat(5000);
    const s = resolve(
      withLane([{ op: 'add', section: 'facts', text: long }]),
      { rootCause: `bad\u0007 thing`, resolution: long },
      T0 + 1,
    );
    const doc = buildSessionDoc(s, { includeDiagnosticSteps: true });
    const factLine = doc?.internalText.split('\n').find((l) => l.startsWith('- x')) ?? '';
    expect(factLine.length).toBe(2 + ITEM_TEXT_LIMIT);
    expect(factLine.endsWith('…')).toBe(true);
    expect(doc?.internalText).toContain('Root cause:\nbad thing');
  });

  it('keeps a huge lane within the note limit by dropping list items, never the resolution', () => {
    const ops: LaneOp[] = Array.from({ length: 200 }, (_, i) => ({
      op: 'add',
      section: 'facts',
      text: `Fact ${i} ${'y'.repeat(100)}`,
    }));
    const s = resolve(withLane(ops), { rootCause: 'cause', resolution: 'THE FIX' }, T0 + 1);
    const doc = buildSessionDoc(s, { includeDiagnosticSteps: true });
    const text = doc?.internalText ?? '';
    expect(text.length).toBeLessThanOrEqual(NOTE_TEXT_LIMIT);
    expect(text).toMatch(/- \(\d+ more not shown\)/);
    expect(text.endsWith('Resolution:\nTHE FIX')).toBe(true);
    expect(text).toContain('- Fact 0 ');
  });

  it('hard-clips when paragraphs alone exceed the limit', () => {
    const text = renderWithin([{ title: 'A', text: 'z'.repeat(200) }], 50);
    expect(text.length).toBe(50);
  });

  it('normalises paragraphs', () => {
    expect(paragraph('a  b \r\n\r\n\r\n\nc\t\td  ')).toBe('a b\n\nc d');
  });
});

describe('fixes from similar tickets and the time line', () => {
  const fromSimilar: LaneOp[] = [
    {
      op: 'add',
      section: 'fixes',
      text: 'Rebuilt the OST from webmail',
      source: 'similar',
      fromTicket: 1407,
    },
    { op: 'add', section: 'fixes', text: 'Re-entered the password', source: 'similar', fromTicket: 1422 },
  ];

  it('names the source ticket in the pre-filled resolution and keeps it if the tech rewrites it', () => {
    const s = withLane(fromSimilar);
    expect(resolvePrefill(s).resolution).toBe(
      'Rebuilt the OST from webmail (from #1407)\nRe-entered the password (from #1422)',
    );
    const rewritten = resolve(
      s,
      { rootCause: 'Corrupt OST', resolution: 'Rebuilt the OST (see #1407).' },
      T0 + 1,
    );
    const doc = buildSessionDoc(rewritten, { includeDiagnosticSteps: true })?.internalText ?? '';
    expect(doc).toContain('Resolution:\nRebuilt the OST (see #1407).');
    // #1407 is already named; the other fix from a similar ticket is listed with its source.
    expect(doc).toContain('Fix from similar tickets:\n- Re-entered the password (from #1422)');
    expect(doc).not.toContain('Rebuilt the OST from webmail (from #1407)');
    const escalated = escalate(s, { reason: 'Needs admin' }, T0 + 1);
    expect(buildSessionDoc(escalated, { includeDiagnosticSteps: true })?.internalText).toContain(
      'Suggested next steps:\n- Rebuilt the OST from webmail (from #1407)',
    );
  });

  it('names an Autotask source ticket by its number, as its technicians and customers know it', () => {
    const s = withLane([
      {
        op: 'add',
        section: 'fixes',
        text: 'Cleared the cached password',
        source: 'similar',
        fromTicket: 40311,
        fromTicketNumber: 'T20261101.0007',
      },
      { op: 'add', section: 'fixes', text: 'Re-entered the password', source: 'similar', fromTicket: 40312 },
    ]);
    expect(s.lane.fixes[0]?.fromTicketNumber).toBe('T20261101.0007');
    expect(resolvePrefill(s).resolution).toBe(
      'Cleared the cached password (from T20261101.0007)\nRe-entered the password (from #40312)',
    );
    const rewritten = resolve(s, { rootCause: '', resolution: 'As on T20261101.0007.' }, T0 + 1);
    const doc = buildSessionDoc(rewritten, { includeDiagnosticSteps: true })?.internalText ?? '';
    // Already named by its number: only the other fix is listed with its source.
    expect(doc).toContain('Fix from similar tickets:\n- Re-entered the password (from #40312)');
    expect(doc).not.toContain('40311');
  });

  it('lists away time with the answer in the time line (internal note only)', () => {
    const s: Session = {
      ...withLane([]),
      away: [
        { id: 'a', from: T0 + 5 * 60_000, to: T0 + 50 * 60_000, cause: 'idle', answer: 'keep' },
        { id: 'b', from: T0 + 70 * 60_000, to: T0 + 80 * 60_000, cause: 'locked' },
      ],
    };
    const doc = buildSessionDoc(resolve(s, { rootCause: '', resolution: 'Fixed' }, T0 + 90 * 60_000), {
      includeDiagnosticSteps: true,
      timeFormat: { timeZone: 'UTC' },
    });
    expect(doc?.internalText).toContain(
      'Time:\n- Away 09:05–09:50 (45 min): kept\n- Away 10:10–10:20 (10 min): not answered, not counted',
    );
    expect(doc?.customerText).not.toContain('Away');
  });
});
