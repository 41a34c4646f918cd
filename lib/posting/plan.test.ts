import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings/schema';
import {
  attributionMemberId,
  buildPlan,
  customerNoteKind,
  defaultNoteKind,
  describePlan,
  NOTE_KINDS,
  type NoteItem,
  noteFlags,
  PlanError,
  type PlanInput,
  type PlanItem,
  planPart,
  preselectStatus,
  sameWrite,
  type TimeEntryItem,
} from './plan';

const T0 = Date.UTC(2026, 10, 20, 14, 0, 0);
const ticket = { kind: 'service' as const, id: 1001 };
const session = { startedAt: T0, endedAt: T0 + 40 * 60_000, activeMs: 22 * 60_000 + 5_000 };

function plan(over: Partial<PlanInput> = {}, settings: Partial<typeof DEFAULT_SETTINGS> = {}) {
  return buildPlan({
    ticket,
    settings: { ...DEFAULT_SETTINGS, ...settings },
    noteKind: 'internalAnalysis',
    text: 'Problem: printer offline.',
    time: session,
    ...over,
  });
}
const notes = (p: ReturnType<typeof plan>) => p.items.filter((i): i is NoteItem => i.kind === 'note');
const timeOf = (p: ReturnType<typeof plan>) =>
  p.items.find((i): i is TimeEntryItem => i.kind === 'timeEntry');

describe('noteFlags (DESIGN.md §3)', () => {
  it.each([
    ['internalAnalysis', false, { internalAnalysis: true, resolution: false, description: false }],
    ['internalAnalysis', true, { internalAnalysis: true, resolution: false, description: false }],
    ['resolution', false, { internalAnalysis: false, resolution: true, description: false }],
    ['resolution', true, { internalAnalysis: false, resolution: true, description: true }],
    ['description', false, { internalAnalysis: false, resolution: false, description: true }],
    ['description', true, { internalAnalysis: false, resolution: false, description: true }],
  ] as const)('%s (customer visible %s)', (kind, visible, flags) => {
    expect(noteFlags(kind, visible)).toEqual(flags);
  });

  it('every note carries at least one flag (CW answers 400 otherwise)', () => {
    for (const k of NOTE_KINDS)
      for (const v of [true, false]) expect(Object.values(noteFlags(k, v)).some(Boolean)).toBe(true);
  });
});

describe('buildPlan: notes and visibility', () => {
  it.each(NOTE_KINDS)('internal only: one note of the chosen type %s', (kind) => {
    const p = plan({ noteKind: kind, customerText: 'ignored', outcome: 'resolved' });
    expect(notes(p)).toHaveLength(1);
    expect(notes(p)[0]).toMatchObject({
      noteKind: kind,
      flags: noteFlags(kind, false),
      audience: 'internal',
    });
  });

  it('internal + external after Resolve: internal diagnostics note plus a customer Resolution note', () => {
    const p = plan(
      { noteKind: 'internalAnalysis', customerText: 'We replaced the toner.', outcome: 'resolved' },
      { noteVisibility: 'internalExternal' },
    );
    const [internal, customer] = notes(p);
    expect(internal).toMatchObject({
      audience: 'internal',
      flags: { internalAnalysis: true, description: false },
    });
    expect(internal!.text).toBe('Problem: printer offline.');
    expect(customer).toMatchObject({
      audience: 'customer',
      noteKind: 'resolution',
      text: 'We replaced the toner.',
      flags: { internalAnalysis: false, resolution: true, description: true },
    });
  });

  it('internal + external after Escalate (or no outcome): the customer note is a Description', () => {
    for (const outcome of ['escalated', undefined] as const) {
      const p = plan(
        { customerText: 'Escalated to tier 2.', outcome },
        { noteVisibility: 'internalExternal' },
      );
      expect(notes(p)[1]).toMatchObject({ noteKind: 'description', flags: noteFlags('description', true) });
    }
  });

  it('internal + external: an explicit customer type wins over the outcome', () => {
    const p = plan(
      { noteKind: 'description', customerText: 'c', outcome: 'resolved' },
      { noteVisibility: 'internalExternal' },
    );
    expect(notes(p)[1]!.noteKind).toBe('description');
    expect(customerNoteKind('internalAnalysis', 'resolved')).toBe('resolution');
  });

  it('no note when the preview is empty', () => {
    expect(notes(plan({ text: '   ' }))).toHaveLength(0);
  });

  it('default note type follows visibility and outcome', () => {
    expect(defaultNoteKind('internal', 'resolved')).toBe('internalAnalysis');
    expect(defaultNoteKind('internalExternal', 'resolved')).toBe('resolution');
    expect(defaultNoteKind('internalExternal', 'escalated')).toBe('description');
  });
});

describe('buildPlan: time entry', () => {
  it.each([
    ['15', 30, '2026-11-20T14:30:00Z'],
    ['30', 30, '2026-11-20T14:30:00Z'],
    ['exact', 22, '2026-11-20T14:22:00Z'],
    ['none', 40, '2026-11-20T14:40:00Z'],
  ] as const)('rounding %s posts %i min', (mode, minutes, end) => {
    const t = timeOf(plan({}, { timeRounding: mode }))!;
    expect(t.postedMinutes).toBe(minutes);
    expect(t.start).toBe('2026-11-20T14:00:00Z');
    expect(t.end).toBe(end);
    expect(t.actualMinutes).toBeCloseTo(22.08, 1);
  });

  it('exactly 15:00 active stays 15 minutes', () => {
    const t = timeOf(plan({ time: { startedAt: T0, endedAt: T0 + 15 * 60_000, activeMs: 15 * 60_000 } }))!;
    expect(t.postedMinutes).toBe(15);
  });

  it('applies the minimum billable minutes and the technician’s override', () => {
    expect(timeOf(plan({}, { minimumBillableMinutes: 60 }))!.postedMinutes).toBe(60);
    const t = timeOf(plan({ postedMinutes: 45 }))!;
    expect(t.postedMinutes).toBe(45);
    expect(t.end).toBe('2026-11-20T14:45:00Z');
  });

  it('takes a typed duration when there is no session timing', () => {
    const t = timeOf(plan({ time: { startedAt: T0, minutes: 20 } }))!;
    expect(t).toMatchObject({ postedMinutes: 20, actualMinutes: 20, end: '2026-11-20T14:20:00Z' });
  });

  it('never sets addTo*Flag when a note is posted', () => {
    for (const kind of NOTE_KINDS) {
      expect(timeOf(plan({ noteKind: kind, timeNotes: 'Printer' }))!.addToNote).toBeUndefined();
    }
  });

  it('without a note the time entry writes its own notes to the ticket', () => {
    const t = timeOf(plan({ text: '', timeNotes: 'Quick fix', noteKind: 'resolution' }))!;
    expect(t.addToNote).toEqual(noteFlags('resolution', false));
  });

  it('auto time entry off → no entry; explicit on overrides the setting', () => {
    expect(timeOf(plan({}, { autoTimeEntry: false }))).toBeUndefined();
    expect(timeOf(plan({ timeEntry: true }, { autoTimeEntry: false }))).toBeDefined();
    expect(timeOf(plan({ timeEntry: false }))).toBeUndefined();
  });

  it('work type, role and billable come from settings unless chosen in the dialog', () => {
    const fromSettings = timeOf(plan({}, { workTypeId: 1, workRoleId: 2, billableOption: 'NoCharge' }))!;
    expect(fromSettings).toMatchObject({ workTypeId: 1, workRoleId: 2, billableOption: 'NoCharge' });
    const chosen = timeOf(plan({ workTypeId: 3, billableOption: 'DoNotBill' }, { workTypeId: 1 }))!;
    expect(chosen).toMatchObject({ workTypeId: 3, billableOption: 'DoNotBill' });
  });

  it('asks for time when the entry is on but there is none', () => {
    expect(() => plan({ time: undefined })).toThrow(PlanError);
  });
});

describe('buildPlan: order, status, attribution', () => {
  it('orders note → time entry → status', () => {
    const p = plan(
      { status: { id: 105, name: 'Resolved' }, customerText: 'c' },
      { noteVisibility: 'internalExternal' },
    );
    expect(p.items.map((i) => i.kind)).toEqual(['note', 'note', 'timeEntry', 'status']);
    expect(describePlan(p)).toBe(
      'Internal Analysis note · Description note (customer) · 30 min time (actual 22 min) · status → Resolved',
    );
  });

  it('status is optional, and alone is a valid post', () => {
    expect(plan().items.some((i) => i.kind === 'status')).toBe(false);
    const p = plan({ text: '', timeEntry: false, status: { id: 104 } });
    expect(p.items).toEqual([{ kind: 'status', statusId: 104, statusName: undefined }]);
    expect(() => plan({ text: '', timeEntry: false })).toThrow(/Nothing to post/);
  });

  it('attributes every note and the time entry to the mapped member', () => {
    const p = plan({ memberId: 101, customerText: 'c' }, { noteVisibility: 'internalExternal' });
    for (const i of p.items) if (i.kind !== 'status') expect(i.memberId).toBe(101);
  });

  it('the mapped member of the signed-in technician, else none (= API member)', () => {
    const techs = [
      { id: 't1', memberId: 101 },
      { id: 't2', memberId: undefined },
    ];
    expect(attributionMemberId(techs, 't1')).toBe(101);
    expect(attributionMemberId(techs, 't2')).toBeUndefined();
    expect(attributionMemberId(techs, 'nobody')).toBeUndefined();
    expect(attributionMemberId(techs, undefined)).toBeUndefined();
  });
});

describe('preselectStatus', () => {
  const statuses = [
    { id: 101, name: 'New' },
    { id: 104, name: 'Escalated', escalationStatus: 'ResolutionPlan' },
    { id: 105, name: 'Resolved', escalationStatus: 'Resolved' },
    { id: 106, name: 'Closed', escalationStatus: 'Resolved', closedStatus: true, timeEntryNotAllowed: true },
  ];
  const on = { promptStatusOnResolution: true, promptStatusOnEscalation: true };
  const off = { promptStatusOnResolution: false, promptStatusOnEscalation: false };

  it.each([
    ['resolved', on, 105],
    ['escalated', on, 104],
    ['resolved', off, undefined],
    ['escalated', off, undefined],
    [undefined, on, undefined],
  ] as const)('%s with prompts %o → %s', (outcome, s, id) => {
    expect(preselectStatus(statuses, outcome, s)?.id).toBe(id);
  });

  it('falls back to a closed status when the board has no open resolved one', () => {
    expect(
      preselectStatus(
        statuses.filter((s) => s.id !== 105),
        'resolved',
        on,
      )?.id,
    ).toBe(106);
  });
});

describe('buildPlan: resubmitting part of a post (issue 9 §3.10, decided per item)', () => {
  const both = { noteVisibility: 'internalExternal' as const };
  it('the internal note landed, the customer note did not: the plan carries the customer note only', () => {
    const p = plan(
      { customerText: 'We replaced the toner.', outcome: 'resolved', skip: ['note:internal'] },
      both,
    );
    expect(notes(p).map((n) => [n.audience, n.text])).toEqual([['customer', 'We replaced the toner.']]);
  });

  it('the customer note landed: the internal note is planned again, the customer one is not', () => {
    const p = plan({ customerText: 'c', outcome: 'resolved', skip: ['note:customer'] }, both);
    expect(notes(p).map((n) => n.audience)).toEqual(['internal']);
  });

  it('each part can be skipped; skipping everything leaves nothing to post', () => {
    const all = plan({ status: { id: 105 }, customerText: 'c' }, both);
    expect(all.items.map(planPart)).toEqual(['note:internal', 'note:customer', 'timeEntry', 'status']);
    expect(() =>
      plan(
        {
          status: { id: 105 },
          customerText: 'c',
          skip: ['note:internal', 'note:customer', 'timeEntry', 'status'],
        },
        both,
      ),
    ).toThrow(PlanError);
  });

  it('no note in the post: the time entry writes the note text itself, even when a note was skipped', () => {
    const p = plan({ timeNotes: 'Printer', skip: ['note:internal'] });
    expect(timeOf(p)?.addToNote).toBeUndefined();
  });
});

describe('buildPlan: project issues', () => {
  it('a time entry on a project issue says so (CW charges it as ProjectIssue)', () => {
    const p = plan({ ticket: { kind: 'project', id: 5009 }, projectIssue: true });
    expect(timeOf(p)?.projectIssue).toBe(true);
    expect(timeOf(plan({ ticket: { kind: 'project', id: 5001 } }))?.projectIssue).toBeUndefined();
  });
});

describe('sameWrite: a re-post of the very same write', () => {
  const items = plan({ status: { id: 5, name: 'Resolved' } }, { workTypeId: 1, workRoleId: 1 }).items;
  const [note, entry, status] = (['note', 'timeEntry', 'status'] as const).map(
    (k) => items.find((i) => i.kind === k)!,
  ) as [PlanItem, PlanItem, PlanItem];
  it('the same note, whatever the key order it was stored with', () => {
    const stored = JSON.parse(JSON.stringify(Object.fromEntries(Object.entries(note).reverse())));
    expect(sameWrite(note, stored)).toBe(true);
    expect(
      sameWrite(note, { ...note, text: `${(note as { text: string }).text} (edited)` } as PlanItem),
    ).toBe(false);
    expect(sameWrite(note, entry)).toBe(false);
  });
  it('a time entry computed again later (other clock times, same minutes and text); other minutes are not', () => {
    const later = { ...entry, start: '2026-11-20T14:05:00Z', end: '2026-11-20T14:35:00Z' } as PlanItem;
    expect(sameWrite(entry, later)).toBe(true);
    expect(sameWrite(entry, { ...later, postedMinutes: 45 } as PlanItem)).toBe(false);
    expect(sameWrite(status, { ...status })).toBe(true);
  });
});
