// The PSA seam: what FlowPilot needs from a professional-services-automation system, in product terms.
// ConnectWise (lib/cw/psa.ts) and Autotask (lib/autotask/psa.ts) implement it; posting, sessions, the
// outbox, the panel and the options page are to speak only to it (phase B is wiring them: see the README
// section "PSAs"). Nothing here names a PSA's fields. Background-side, except PsaPageDetector, which is
// the page-side half (pure detection, no client).

import type { TicketSearchResult } from '../ticket/search';
import type { TicketContext, TicketKind, TicketRef } from '../ticket/types';

export type PsaKind = 'connectwise' | 'autotask';

export const PSA_LABELS: Record<PsaKind, string> = {
  connectwise: 'ConnectWise PSA',
  autotask: 'Autotask PSA',
};

/** What differs between PSAs and changes what the product offers or promises. */
export interface PsaCapabilities {
  /** Notes can be deleted by id through the API (CW yes; Autotask no: a duplicate is reported instead). */
  canDeleteNotes: boolean;
  /** Time entries can be deleted by id (both). */
  canDeleteTimeEntries: boolean;
  /** A time entry needs a role the person holds (Autotask roleID) rather than an optional work role. */
  timeEntryNeedsRole: boolean;
  /** Notes carry a title (Autotask; some ticket categories require it). */
  notesHaveTitles: boolean;
  /** Ticket kinds the PSA has (CW: service and project tickets; Autotask: one kind). */
  ticketKinds: TicketKind[];
  /** Ticket pages can live inside an iframe (Autotask's shell): the content script runs in all frames. */
  ticketPagesInIframes: boolean;
  /** The PSA reports its hourly API usage (Autotask ThresholdInformation). */
  reportsApiUsage: boolean;
}

export interface ApiUsage {
  used: number;
  limit: number;
  timeframeMinutes: number;
}

/** The outcome of Connect / Test Connection. */
export interface PsaProbe {
  kind: PsaKind;
  /** Shown in the connection status: "ConnectWise v2026.4", "Autotask (zone …)". */
  serverLabel: string;
  /** Where people open tickets (the web UI origin). */
  webOrigin: string;
  /** Reads the product needs that the API account may not do, in words ("Tickets (read)"). */
  missingPermissions: string[];
  /** Things that work but look wrong (e.g. Autotask returning no tickets to a restricted level). */
  warnings: string[];
  apiUsage?: ApiUsage;
}

/** A person in the PSA that technicians map to (CW member, Autotask resource). */
export interface PsaPerson {
  id: number;
  name: string;
  /** Normalised (trimmed, lower-case), de-duplicated: CW primary/office, Autotask email/email2/email3. */
  emails: string[];
  active: boolean;
  /** CW identifier / Autotask userName. */
  login?: string;
}

export interface StatusOption {
  id: number;
  name: string;
  /** Setting it closes the ticket (CW closedStatus; Autotask 5 = Complete). */
  closed: boolean;
  /** CW's timeEntryNotAllowed inverted; Autotask: always true. */
  timeEntryAllowed: boolean;
  active: boolean;
}

export interface Option {
  id: number;
  name: string;
}

/** The PSA's own vocabulary for notes, read at run time (labels are tenant-specific in Autotask). */
export interface NoteOptions {
  /** CW: the three flags; Autotask: the noteType picklist. */
  types: Option[];
  /** CW: internal / customer-visible; Autotask: the publish picklist. */
  visibilities: Option[];
}

export interface TimeEntryOptions {
  /** CW work types; Autotask billing codes of use type 1 (not loaded in phase A). */
  workTypes: Option[];
  /** CW work roles; Autotask the roles the person holds. */
  roles: Option[];
  /** The role used when none is chosen (Autotask: the resource's default service-desk role if held). */
  defaultRoleId?: number;
}

export type NoteKind = 'internalAnalysis' | 'resolution' | 'description';
export type BillableOption = 'Billable' | 'DoNotBill' | 'NoCharge' | 'NoDefault';

export interface NoteInput {
  ticket: TicketRef;
  /** The note text without the FlowPilot reference tag; the connector appends it. */
  text: string;
  /** The outbox item's reference (lib/posting/reference.ts). */
  ref: string;
  /** Short title (Autotask needs one on some ticket categories; CW has none). */
  title: string;
  noteKind: NoteKind;
  audience: 'internal' | 'customer';
  /** The PSA person the note is attributed to (CW member; Autotask resource via impersonation). */
  personId?: number;
}

export interface TimeEntryInput {
  ticket: TicketRef;
  /** `yyyy-MM-ddTHH:mm:ssZ` (UTC, no milliseconds). */
  start: string;
  end: string;
  /** Notes without the reference tag; the connector appends it. */
  notes: string;
  ref: string;
  personId?: number;
  workTypeId?: number;
  roleId?: number;
  billable: BillableOption;
  /** CW only: also add the text to these note types (when no note is posted). */
  addToNote?: { internalAnalysis: boolean; resolution: boolean; description: boolean };
}

export interface StatusInput {
  ticket: TicketRef;
  statusId: number;
}

export type RecordKind = 'note' | 'timeEntry';

export interface ContextOptions {
  signal?: AbortSignal;
  /** Called with what is known after the first wave of requests. */
  onPartial?: (ctx: TicketContext) => void;
}

/**
 * A failure from a connector: CwError and AtError both satisfy it, so posting can decide retries
 * without knowing the PSA.
 */
export interface PsaFailure {
  kind: string;
  message: string;
  retryable: boolean;
  outcomeUnknown?: boolean;
  retryAfterSec?: number;
  toInfo(): { kind: string; message: string; retryable: boolean };
}

export function isPsaFailure(e: unknown): e is PsaFailure & Error {
  return (
    e instanceof Error &&
    typeof (e as Partial<PsaFailure>).kind === 'string' &&
    typeof (e as Partial<PsaFailure>).retryable === 'boolean' &&
    typeof (e as Partial<PsaFailure>).toInfo === 'function'
  );
}

/** Thrown for an operation a PSA does not offer (e.g. deleting an Autotask note). */
export class PsaUnsupportedError extends Error {
  readonly kind = 'unsupported';
  readonly retryable = false;
  constructor(message: string) {
    super(message);
    this.name = 'PsaUnsupportedError';
  }
  toInfo() {
    return { kind: this.kind, message: this.message, retryable: false };
  }
}

/** The background-side connector for the one connected PSA. */
export interface PsaConnector {
  readonly kind: PsaKind;
  readonly capabilities: PsaCapabilities;
  /** Connect / Test Connection: reads a ticket, people and statuses and names what is missing. */
  probe(signal?: AbortSignal): Promise<PsaProbe>;
  ticketContext(ref: TicketRef, opts?: ContextOptions): Promise<TicketContext>;
  /** Link Ticket search: a number, or words in the title/summary; open tickets first, newest first. */
  searchTickets(text: string, signal?: AbortSignal): Promise<TicketSearchResult[]>;
  /** Members / resources for Member Mapping (inactive ones too, so Auto-Match can say why). */
  people(signal?: AbortSignal): Promise<PsaPerson[]>;
  statuses(ticket: TicketRef, signal?: AbortSignal): Promise<StatusOption[]>;
  noteOptions(signal?: AbortSignal): Promise<NoteOptions>;
  timeEntryOptions(personId?: number, signal?: AbortSignal): Promise<TimeEntryOptions>;
  /** → the created note's id. */
  createNote(input: NoteInput): Promise<{ id?: number }>;
  createTimeEntry(input: TimeEntryInput): Promise<{ id?: number }>;
  changeStatus(input: StatusInput): Promise<void>;
  /** The record carrying this outbox reference on the ticket, after an unknown outcome. */
  findByReference(ticket: TicketRef, kind: RecordKind, ref: string): Promise<{ id?: number } | undefined>;
  /** Where `capabilities` allow it; otherwise throws PsaUnsupportedError. */
  deleteById(ticket: TicketRef, kind: RecordKind, id: number): Promise<void>;
  /** Hourly API usage, where the PSA reports it. */
  apiUsage?(signal?: AbortSignal): Promise<ApiUsage>;
}

/** The page-side half: pure detection of the ticket on a PSA page (no client, no secrets). */
export interface PsaPageDetector<T = unknown> {
  readonly kind: PsaKind;
  /** Whether a page URL belongs to this PSA's web UI (before any DOM is read). */
  isPsaPage(url: string): boolean;
  /** The ticket the URL and DOM show, or null. */
  detect(snapshot: { url: string; root: Document | Element }): T | null;
}
