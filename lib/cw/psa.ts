// ConnectWise behind the PSA seam (lib/psa/types.ts): an adapter over the existing CW client and the
// modules that already speak CW (context loader, search, members, the posting request builders), so
// the seam exists without changing posting, the outbox, the panel or the options page (phase B moves
// those onto the seam).

import { memberEmails, memberName } from '../mapping/match';
import { fetchMembers } from '../mapping/members';
import { deleteFor, refLookup, toCwWrite } from '../posting/cw-writes';
import { noteFlags, type PlanItem } from '../posting/plan';
import { hasRef } from '../posting/reference';
import type {
  ContextOptions,
  NoteInput,
  NoteOptions,
  PsaCapabilities,
  PsaConnector,
  PsaPerson,
  PsaProbe,
  RecordKind,
  StatusInput,
  StatusOption,
  TimeEntryInput,
  TimeEntryOptions,
} from '../psa/types';
import { loadTicketContext } from '../ticket/context';
import { searchTickets } from '../ticket/search';
import type { TicketRef } from '../ticket/types';
import type { CwCredentials } from './auth';
import type { CwClient, PatchOperation } from './client';
import { probeConnection } from './probe';
import { type CwSite, webOrigin } from './site';

export const CW_CAPABILITIES: PsaCapabilities = {
  canDeleteNotes: true,
  canDeleteTimeEntries: true,
  timeEntryNeedsRole: false,
  notesHaveTitles: false,
  ticketKinds: ['service', 'project'],
  ticketPagesInIframes: false,
  reportsApiUsage: false,
};

/** CW note "types" are flags; the seam shows them as options with stable ids. */
const NOTE_TYPE_OPTIONS = [
  { id: 1, name: 'Internal Analysis' },
  { id: 2, name: 'Resolution' },
  { id: 3, name: 'Description' },
];
const VISIBILITY_OPTIONS = [
  { id: 1, name: 'Internal only' },
  { id: 2, name: 'Internal + external' },
];

export interface CwPsaOptions {
  client: CwClient;
  site: CwSite;
  credentials: CwCredentials;
}

interface CwNamed {
  id: number;
  name: string;
  inactiveFlag?: boolean;
}

export class ConnectWisePsa implements PsaConnector {
  readonly kind = 'connectwise' as const;
  readonly capabilities = CW_CAPABILITIES;
  private readonly client: CwClient;

  constructor(private readonly opts: CwPsaOptions) {
    this.client = opts.client;
  }

  private get webOrigin(): string {
    return webOrigin(this.opts.site);
  }

  async probe(signal?: AbortSignal): Promise<PsaProbe> {
    const p = await probeConnection(this.opts.site, this.opts.credentials, signal);
    return {
      kind: 'connectwise',
      serverLabel: `ConnectWise ${p.serverVersion}`,
      webOrigin: this.webOrigin,
      missingPermissions: p.missingPermissions,
      warnings: [],
    };
  }

  ticketContext(ref: TicketRef, opts: ContextOptions = {}) {
    return loadTicketContext(ref, { client: this.client, webOrigin: this.webOrigin, ...opts });
  }

  searchTickets(text: string, signal?: AbortSignal) {
    return searchTickets(this.client, text, signal);
  }

  async people(): Promise<PsaPerson[]> {
    return (await fetchMembers(this.client)).map((m) => ({
      id: m.id,
      name: memberName(m),
      emails: [...memberEmails(m)],
      active: !m.inactiveFlag,
      login: m.identifier,
    }));
  }

  async statuses(ticket: TicketRef, signal?: AbortSignal): Promise<StatusOption[]> {
    const base = ticket.kind === 'project' ? 'project/tickets' : 'service/tickets';
    const t = await this.client.get<{ board?: { id?: number } }>(
      `${base}/${ticket.id}`,
      { fields: ['id', 'board'] },
      { signal },
    );
    if (!t.board?.id) return [];
    const rows = await this.client.listAll<{
      id: number;
      name: string;
      closedStatus?: boolean;
      inactive?: boolean;
      timeEntryNotAllowed?: boolean;
    }>(
      `service/boards/${t.board.id}/statuses`,
      {
        fields: ['id', 'name', 'closedStatus', 'inactive', 'timeEntryNotAllowed', 'sortOrder'],
        orderBy: 'sortOrder asc',
      },
      { signal },
    );
    return rows.map((s) => ({
      id: s.id,
      name: s.name,
      closed: Boolean(s.closedStatus),
      timeEntryAllowed: !s.timeEntryNotAllowed,
      active: !s.inactive,
    }));
  }

  async noteOptions(): Promise<NoteOptions> {
    return { types: NOTE_TYPE_OPTIONS, visibilities: VISIBILITY_OPTIONS };
  }

  async timeEntryOptions(_personId?: number, signal?: AbortSignal): Promise<TimeEntryOptions> {
    const query = { fields: ['id', 'name', 'inactiveFlag'], orderBy: 'name asc' };
    const [types, roles] = await Promise.all([
      this.client.listAll<CwNamed>('time/workTypes', query, { signal }),
      this.client.listAll<CwNamed>('time/workRoles', query, { signal }),
    ]);
    const keep = (l: CwNamed[]) => l.filter((x) => !x.inactiveFlag).map(({ id, name }) => ({ id, name }));
    return { workTypes: keep(types), roles: keep(roles) };
  }

  private async send(ticket: TicketRef, item: PlanItem, ref: string): Promise<{ id?: number }> {
    const w = toCwWrite(ticket, item, ref);
    const res =
      w.method === 'POST'
        ? await this.client.post<{ id?: number }>(w.path, w.body)
        : await this.client.patch<{ id?: number }>(w.path, w.body as PatchOperation[]);
    return item.kind === 'status' ? {} : { id: res?.id };
  }

  createNote(input: NoteInput) {
    return this.send(
      input.ticket,
      {
        kind: 'note',
        audience: input.audience,
        noteKind: input.noteKind,
        flags: noteFlags(input.noteKind, input.audience === 'customer'),
        text: input.text,
        ...(input.personId ? { memberId: input.personId } : {}),
      },
      input.ref,
    );
  }

  createTimeEntry(input: TimeEntryInput) {
    const minutes = Math.round((Date.parse(input.end) - Date.parse(input.start)) / 60_000);
    return this.send(
      input.ticket,
      {
        kind: 'timeEntry',
        start: input.start,
        end: input.end,
        actualMinutes: minutes,
        postedMinutes: minutes,
        billableOption: input.billable,
        notes: input.notes,
        ...(input.personId ? { memberId: input.personId } : {}),
        ...(input.workTypeId ? { workTypeId: input.workTypeId } : {}),
        ...(input.roleId ? { workRoleId: input.roleId } : {}),
        ...(input.addToNote ? { addToNote: input.addToNote } : {}),
      },
      input.ref,
    );
  }

  async changeStatus(input: StatusInput): Promise<void> {
    await this.send(input.ticket, { kind: 'status', statusId: input.statusId }, '');
  }

  async findByReference(
    ticket: TicketRef,
    kind: RecordKind,
    ref: string,
  ): Promise<{ id?: number } | undefined> {
    const lookup = refLookup(ticket, kind, [ref]);
    if (!lookup) return undefined;
    const rows = await this.client.get<Record<string, unknown>[]>(lookup.path, lookup.query);
    const hit = (Array.isArray(rows) ? rows : []).find((r) =>
      hasRef(r[lookup.textField] as string | undefined, ref),
    );
    return hit ? { id: typeof hit.id === 'number' ? hit.id : undefined } : undefined;
  }

  /** DELETE …/notes/{id} or time/entries/{id}: CW answers 204. */
  async deleteById(ticket: TicketRef, kind: RecordKind, id: number): Promise<void> {
    await this.client.delete(deleteFor(ticket, kind, id));
  }
}
