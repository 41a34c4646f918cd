// The post plan: what one click on "Post to Ticket" writes, in product terms (note, time entry,
// status), derived from the settings and what the technician chose in the dialog. Pure and tested;
// lib/posting/cw-writes.ts turns each item into a CW request.

import { canonicalJson } from '../canonical-json';
import { formatCwDate } from '../cw/conditions';
import type { TechnicianRecord } from '../db/schema';
import type { Settings } from '../settings/schema';
import type { TicketRef } from '../ticket/types';
import { postedTime, type RoundingMode } from '../time/rounding';

export const NOTE_KINDS = ['internalAnalysis', 'resolution', 'description'] as const;
export type NoteKind = (typeof NOTE_KINDS)[number];
export const NOTE_KIND_LABELS: Record<NoteKind, string> = {
  internalAnalysis: 'Internal Analysis',
  resolution: 'Resolution',
  description: 'Description',
};

export type SessionOutcome = 'resolved' | 'escalated';
export type BillableOption = Settings['billableOption'];

export interface NoteFlags {
  internalAnalysis: boolean;
  resolution: boolean;
  description: boolean;
}

export interface NoteItem {
  kind: 'note';
  /** 'internal' = the technician's full note; 'customer' = the customer-facing one. */
  audience: 'internal' | 'customer';
  noteKind: NoteKind;
  flags: NoteFlags;
  text: string;
  memberId?: number;
}

export interface TimeEntryItem {
  kind: 'timeEntry';
  /** `yyyy-MM-ddTHH:mm:ssZ`. */
  start: string;
  end: string;
  actualMinutes: number;
  postedMinutes: number;
  memberId?: number;
  workTypeId?: number;
  workRoleId?: number;
  billableOption: BillableOption;
  notes: string;
  /** Set only when no note is part of the post: then the time entry is the one writer of the text. */
  addToNote?: NoteFlags;
  /** The project ticket is a project issue (CW charges its time differently). */
  projectIssue?: true;
}

export interface StatusItem {
  kind: 'status';
  statusId: number;
  statusName?: string;
}

export type PlanItem = NoteItem | TimeEntryItem | StatusItem;

/** Which part of a post an item is: a resubmit decides per part what already landed. */
export type PlanPart = 'note:internal' | 'note:customer' | 'timeEntry' | 'status';

export function planPart(item: PlanItem): PlanPart {
  return item.kind === 'note' ? `note:${item.audience}` : item.kind;
}

/**
 * The same write posted again (after the first was discarded): the same item to the letter — except a
 * time entry's clock times, which a new click computes afresh ("now" minus the minutes) while the
 * minutes, work type, role, billing and notes stay. An edited note or other minutes are another write.
 */
export function sameWrite(a: PlanItem, b: PlanItem): boolean {
  const bare = (i: PlanItem) => {
    if (i.kind !== 'timeEntry') return canonicalJson(i);
    const { start: _s, end: _e, ...rest } = i;
    return canonicalJson(rest);
  };
  return a.kind === b.kind && bare(a) === bare(b);
}

export interface PostPlan {
  ticket: TicketRef;
  items: PlanItem[];
}

export type PlanSettings = Pick<
  Settings,
  | 'noteVisibility'
  | 'autoTimeEntry'
  | 'timeRounding'
  | 'workTypeId'
  | 'workRoleId'
  | 'billableOption'
  | 'minimumBillableMinutes'
>;

/** Session timing (from the session record) or a duration the technician typed. */
export type TimeSource =
  | { startedAt: number; endedAt: number; activeMs: number }
  | { startedAt: number; minutes: number };

export interface PlanInput {
  ticket: TicketRef;
  settings: PlanSettings;
  noteKind: NoteKind;
  /** The (edited) preview: the technician's note. Empty = no note. */
  text: string;
  /** Customer-facing text for "Internal + external"; without it no customer note is written. */
  customerText?: string;
  outcome?: SessionOutcome;
  /** Time entry on/off; defaults to the "Auto Time Entry" setting. */
  timeEntry?: boolean;
  time?: TimeSource;
  /** Overrides the rounding setting's result (the technician edited the posted minutes). */
  postedMinutes?: number;
  workTypeId?: number;
  workRoleId?: number;
  billableOption?: BillableOption;
  /** Short line for the time entry's notes (e.g. the ticket summary). */
  timeNotes?: string;
  status?: { id: number; name?: string };
  /** CW member to attribute to; absent = the API member (CW's default). */
  memberId?: number;
  /** The linked project ticket is a project issue (from the ticket's isIssueFlag). */
  projectIssue?: boolean;
  /**
   * Parts of an earlier attempt at this post that are on the ticket already (or still on their way):
   * left out, each on its own, so a resubmit never writes one twice nor drops another.
   */
  skip?: readonly PlanPart[];
}

export class PlanError extends Error {
  /** 'empty': nothing left to write (with a resubmit, everything may already be on the ticket). */
  constructor(
    message: string,
    readonly code: 'empty' | 'invalid' = 'invalid',
  ) {
    super(message);
    this.name = 'PlanError';
  }
}

/** DESIGN.md §3 "Note types". Resolution is shown to customers only when visibility allows it. */
export function noteFlags(kind: NoteKind, customerVisible: boolean): NoteFlags {
  return {
    internalAnalysis: kind === 'internalAnalysis',
    resolution: kind === 'resolution',
    description: kind === 'description' || (kind === 'resolution' && customerVisible),
  };
}

/** The note type the dialog starts with. */
export function defaultNoteKind(visibility: Settings['noteVisibility'], outcome?: SessionOutcome): NoteKind {
  if (visibility === 'internal') return 'internalAnalysis';
  return outcome === 'resolved' ? 'resolution' : 'description';
}

/** The customer-facing note's type: the chosen one, unless that is internal (then by outcome). */
export function customerNoteKind(chosen: NoteKind, outcome?: SessionOutcome): NoteKind {
  if (chosen !== 'internalAnalysis') return chosen;
  return outcome === 'resolved' ? 'resolution' : 'description';
}

/** The signed-in technician's mapped CW member, or undefined (= post as the API member). */
export function attributionMemberId(
  technicians: readonly Pick<TechnicianRecord, 'id' | 'memberId'>[],
  signedInTechnicianId: string | undefined,
): number | undefined {
  if (!signedInTechnicianId) return undefined;
  return technicians.find((t) => t.id === signedInTechnicianId)?.memberId ?? undefined;
}

export interface BoardStatusLike {
  id: number;
  name: string;
  closedStatus?: boolean | null;
  inactive?: boolean | null;
  escalationStatus?: string | null;
  timeEntryNotAllowed?: boolean | null;
}

/**
 * The status the dialog preselects: after Resolve a resolved-type status (by name, else CW's
 * escalationStatus "Resolved", never a closed one first), after Escalate an escalation status;
 * nothing when the matching "Prompt Status on …" setting is off or no outcome.
 */
export function preselectStatus(
  statuses: readonly BoardStatusLike[],
  outcome: SessionOutcome | undefined,
  settings: Pick<Settings, 'promptStatusOnResolution' | 'promptStatusOnEscalation'>,
): BoardStatusLike | undefined {
  const open = statuses.filter((s) => !s.inactive);
  if (outcome === 'resolved' && settings.promptStatusOnResolution) {
    return (
      open.find((s) => /resolv/i.test(s.name) && !s.closedStatus) ??
      open.find((s) => s.escalationStatus === 'Resolved' && !s.closedStatus) ??
      open.find((s) => s.closedStatus)
    );
  }
  if (outcome === 'escalated' && settings.promptStatusOnEscalation) {
    return open.find((s) => /escalat/i.test(s.name) && !s.closedStatus);
  }
  return undefined;
}

/** Actual vs posted minutes for the dialog (and the plan). */
export function timeFor(
  time: TimeSource,
  rounding: RoundingMode,
  minimumBillableMinutes = 0,
): { start: Date; end: Date; actualMinutes: number; postedMinutes: number } {
  if ('minutes' in time) {
    const minutes = Math.max(1, Math.round(time.minutes));
    const start = new Date(Math.floor(time.startedAt / 1000) * 1000);
    return {
      start,
      end: new Date(start.getTime() + minutes * 60_000),
      actualMinutes: minutes,
      postedMinutes: minutes,
    };
  }
  const p = postedTime(time, rounding);
  const posted = Math.max(p.postedMinutes, minimumBillableMinutes);
  return {
    start: p.start,
    end: new Date(p.start.getTime() + posted * 60_000),
    actualMinutes: p.actualMinutes,
    postedMinutes: posted,
  };
}

/** Writes in order note(s) → time entry → status (DESIGN.md §3 "Order of writes"). */
export function buildPlan(input: PlanInput): PostPlan {
  const { settings } = input;
  const items: PlanItem[] = [];
  const text = input.text.trim();
  const both = settings.noteVisibility === 'internalExternal';

  const skip = new Set(input.skip ?? []);
  const customer = both ? input.customerText?.trim() : undefined;
  if (text && !skip.has('note:internal')) {
    // With "Internal + external" the technician's full note stays internal; customers get their own
    // note without diagnostics.
    const kind = both ? 'internalAnalysis' : input.noteKind;
    items.push({
      kind: 'note',
      audience: 'internal',
      noteKind: kind,
      flags: noteFlags(kind, false),
      text,
      memberId: input.memberId,
    });
  }
  if (customer && !skip.has('note:customer')) {
    const kind = customerNoteKind(input.noteKind, input.outcome);
    items.push({
      kind: 'note',
      audience: 'customer',
      noteKind: kind,
      flags: noteFlags(kind, true),
      text: customer,
      memberId: input.memberId,
    });
  }

  const wantsTime = (input.timeEntry ?? settings.autoTimeEntry) && !skip.has('timeEntry');
  if (wantsTime) {
    if (!input.time) throw new PlanError('Enter the time to post, or turn the time entry off.');
    const t = timeFor(input.time, settings.timeRounding, settings.minimumBillableMinutes);
    const postedMinutes =
      input.postedMinutes !== undefined ? Math.max(1, Math.round(input.postedMinutes)) : t.postedMinutes;
    const end = new Date(t.start.getTime() + postedMinutes * 60_000);
    // A note skipped because it already landed still is this post's note.
    const hasNote =
      items.some((i) => i.kind === 'note') || skip.has('note:internal') || skip.has('note:customer');
    const entry: TimeEntryItem = {
      kind: 'timeEntry',
      start: formatCwDate(t.start),
      end: formatCwDate(end),
      actualMinutes: t.actualMinutes,
      postedMinutes,
      memberId: input.memberId,
      workTypeId: input.workTypeId ?? settings.workTypeId,
      workRoleId: input.workRoleId ?? settings.workRoleId,
      billableOption: input.billableOption ?? settings.billableOption,
      notes: (input.timeNotes?.trim() || 'FlowPilot session').slice(0, 500),
    };
    // One writer of note text: with a note in this post the time entry adds nothing to the ticket.
    if (!hasNote && input.timeNotes?.trim()) entry.addToNote = noteFlags(input.noteKind, both);
    if (input.projectIssue && input.ticket.kind === 'project') entry.projectIssue = true;
    items.push(entry);
  }

  if (input.status && !skip.has('status'))
    items.push({ kind: 'status', statusId: input.status.id, statusName: input.status.name });
  if (items.length === 0)
    throw new PlanError('Nothing to post: write a note, add time or pick a status.', 'empty');
  return { ticket: input.ticket, items };
}

/** One line for history and toasts: "Internal Analysis note · 30 min time (actual 22 min) · status → Resolved". */
export function describePlanItem(item: PlanItem): string {
  switch (item.kind) {
    case 'note':
      return `${NOTE_KIND_LABELS[item.noteKind]} note${item.audience === 'customer' ? ' (customer)' : ''}`;
    case 'timeEntry':
      return `${item.postedMinutes} min time (actual ${Math.round(item.actualMinutes)} min)`;
    case 'status':
      return `status → ${item.statusName ?? `#${item.statusId}`}`;
  }
}

export function describePlan(plan: PostPlan): string {
  return plan.items.map(describePlanItem).join(' · ');
}
