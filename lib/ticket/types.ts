// Product-level ticket types shared by the panel, sessions, the assistant and posting. CW specifics
// (endpoints, field names) stay in lib/cw; this is what the rest of FlowPilot speaks.

export type TicketKind = 'service' | 'project';

export interface TicketRef {
  kind: TicketKind;
  id: number;
}

/** Stable key for per-ticket records: `service:1234`, `project:5001`. */
export function ticketKey(ref: TicketRef): string {
  return `${ref.kind}:${ref.id}`;
}

export function parseTicketKey(key: string): TicketRef | undefined {
  const m = /^(service|project):(\d+)$/.exec(key);
  return m ? { kind: m[1] as TicketKind, id: Number(m[2]) } : undefined;
}

export interface NamedRef {
  id?: number;
  name?: string;
  identifier?: string;
}

export type NoteType = 'discussion' | 'internal' | 'resolution';

export interface TicketNoteView {
  id: number;
  text: string;
  /** Display types: a note can carry more than one flag (e.g. discussion + resolution). */
  types: NoteType[];
  author?: string;
  date?: string;
}

export interface ConfigurationView {
  id: number;
  name: string;
  type?: string;
  status?: string;
  serialNumber?: string;
  osType?: string;
  osInfo?: string;
  ipAddress?: string;
  lastLoginName?: string;
}

/**
 * Everything FlowPilot knows about a linked ticket, in one stable shape: shown by the panel, given
 * to the assistant, used by posting. Sections that could not be loaded are listed in `problems`
 * instead of failing the whole context.
 */
export interface TicketContext {
  ref: TicketRef;
  /** The PSA's ticket number when it is not the id (Autotask's T20261129.0004); CW has none. */
  number?: string;
  summary: string;
  status?: NamedRef;
  board?: NamedRef;
  priority?: NamedRef;
  type?: string;
  subType?: string;
  owner?: NamedRef;
  closed: boolean;
  company?: NamedRef & { phone?: string };
  contact?: { id?: number; name: string; email?: string; phone?: string };
  configurations: ConfigurationView[];
  /** Newest first. */
  notes: TicketNoteView[];
  /** The ticket's initial description (its first discussion note), when there is one. */
  initialDescription?: string;
  project?: NamedRef;
  /** Deep link to the ticket in the CW web UI. */
  webUrl: string;
  fetchedAt: number;
  problems: { section: string; message: string }[];
}
