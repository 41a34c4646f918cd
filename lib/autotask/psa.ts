// Autotask behind the PSA seam (lib/psa/types.ts). Everything Autotask-specific about FlowPilot's jobs
// lives here: which entities and fields, the note's noteType/publish from the admin's choices, the
// time entry's resource + role + UTC start/end, PATCH for status, finding an outbox reference after an
// unknown outcome, and what cannot be done (deleting notes).

import { TICKET_NUMBER } from '../detect/autotask/url';
import { hasRef, refTag, withRef } from '../posting/reference';
import {
  type ApiUsage,
  type ContextOptions,
  type NoteInput,
  type NoteKind,
  type NoteOptions,
  type PsaCapabilities,
  type PsaConnector,
  type PsaPerson,
  type PsaProbe,
  PsaUnsupportedError,
  type RecordKind,
  type StatusInput,
  type StatusOption,
  type TimeEntryInput,
  type TimeEntryOptions,
} from '../psa/types';
import type { TicketSearchResult } from '../ticket/search';
import { parseSearchInput, SEARCH_PAGE_SIZE } from '../ticket/search-input';
import type { TicketContext, TicketRef } from '../ticket/types';
import type { AtClient, AtRequestOptions } from './client';
import { AtError } from './errors';
import {
  type AtCompany,
  type AtConfigurationItem,
  type AtContact,
  type AtNote,
  type AtResolvedTicket,
  type AtResource,
  type AtTicket,
  ticketWebUrl as atTicketWebUrl,
  NOTE_FIELDS,
  RESOURCE_FIELDS,
  searchOrder,
  TICKET_FIELDS,
  toPerson,
  toSearchResult,
  toTicketContext,
} from './map';
import { COMPLETE_STATUS, type Picklists, parsePicklists } from './picklists';
import { type AtQuery, type Filter, f } from './query';
import { chooseRole } from './roles';

/** The admin's note choices, from the tenant's picklists (never hard-coded: labels and ids vary). */
export interface AutotaskNoteSettings {
  /** noteType per product note kind. */
  noteTypeByKind: Record<NoteKind, number>;
  /** publish value for internal notes ("Internal only" maps here) and for customer-visible ones. */
  internalPublish: number;
  customerPublish: number;
}

export interface AutotaskPsaOptions {
  client: AtClient;
  noteSettings?: AutotaskNoteSettings;
  /** Send ImpersonationResourceId so notes show the technician (needs the API user's permission). */
  impersonate?: boolean;
  now?: () => number;
}

export const AUTOTASK_CAPABILITIES: PsaCapabilities = {
  canDeleteNotes: false,
  canDeleteTimeEntries: true,
  timeEntryNeedsRole: true,
  notesHaveTitles: true,
  ticketKinds: ['service'],
  ticketPagesInIframes: true,
  reportsApiUsage: true,
};

export const NOTES_SHOWN = 5;
const SEARCH_FETCH = 100;
const SEARCH_SHOWN = SEARCH_PAGE_SIZE;

/** `yyyy-MM-ddTHH:mm:ssZ`, as Autotask (UTC everywhere) and the rest of FlowPilot send times. */
const isoZ = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

export class AutotaskPsa implements PsaConnector {
  readonly kind = 'autotask' as const;
  readonly capabilities = AUTOTASK_CAPABILITIES;
  private readonly client: AtClient;
  private picklistCache = new Map<string, Promise<Picklists>>();

  constructor(private readonly opts: AutotaskPsaOptions) {
    this.client = opts.client;
  }

  /** An entity's picklists, fetched once per connector (they change rarely). */
  picklists(entity: string, signal?: AbortSignal): Promise<Picklists> {
    let p = this.picklistCache.get(entity);
    if (!p) {
      p = this.client.get(`${entity}/entityInformation/fields`, { signal }).then(parsePicklists);
      p.catch(() => this.picklistCache.delete(entity));
      this.picklistCache.set(entity, p);
    }
    return p;
  }

  async probe(signal?: AbortSignal): Promise<PsaProbe> {
    const zone = await this.client.zone({ signal });
    const missing: string[] = [];
    const warnings: string[] = [];
    const check = async <T>(label: string, run: () => Promise<T>): Promise<T | undefined> => {
      try {
        return await run();
      } catch (e) {
        if (e instanceof AtError && e.kind === 'forbidden') {
          missing.push(label);
          return undefined;
        }
        throw e;
      }
    };
    const [tickets, , statusList, usage] = await Promise.all([
      check('Tickets (read)', () =>
        this.client.query('Tickets', { filter: [f.all()], includeFields: ['id'], maxRecords: 1 }, { signal }),
      ),
      check('Resources (read)', () =>
        this.client.query(
          'Resources',
          { filter: [f.all()], includeFields: ['id'], maxRecords: 1 },
          { signal },
        ),
      ),
      check('Ticket statuses (read)', async () => (await this.picklists('Tickets', signal)).status ?? []),
      this.apiUsage(signal).catch(() => undefined),
    ]);
    if (tickets && tickets.items.length === 0) {
      // A restricted security level returns nothing rather than an error (AT-SEC).
      warnings.push('The API user sees no tickets: its security level may hide them.');
    }
    if (statusList && !statusList.some((s) => s.id === COMPLETE_STATUS)) {
      warnings.push('The ticket status list has no "Complete" (5); closing tickets may not work.');
    }
    return {
      kind: 'autotask',
      serverLabel: `Autotask${zone.zoneName ? ` (${zone.zoneName})` : ''}`,
      webOrigin: zone.webUrl ?? '',
      missingPermissions: missing,
      warnings,
      ...(usage ? { apiUsage: usage } : {}),
    };
  }

  async apiUsage(signal?: AbortSignal): Promise<ApiUsage> {
    const u = await this.client.threshold({ signal });
    return { used: u.used, limit: u.limit, timeframeMinutes: u.timeframeMinutes };
  }

  private async resourcesById(ids: number[], signal?: AbortSignal): Promise<Map<number, AtResource>> {
    const unique = [...new Set(ids)];
    if (!unique.length) return new Map();
    const rows = await this.client.queryAll<AtResource>(
      'Resources',
      { filter: [f.in('id', unique)], includeFields: RESOURCE_FIELDS },
      { signal },
    );
    return new Map(rows.map((r) => [r.id, r]));
  }

  async ticketContext(ref: TicketRef, opts: ContextOptions = {}): Promise<TicketContext> {
    const { signal } = opts;
    const zone = await this.client.zone({ signal });
    const problems: { section: string; message: string }[] = [];
    const section = async <T>(name: string, p: Promise<T>): Promise<T | undefined> => {
      try {
        return await p;
      } catch (e) {
        if (e instanceof AtError && e.kind === 'cancelled') throw e;
        problems.push({ section: name, message: e instanceof Error ? e.message : String(e) });
        return undefined;
      }
    };
    // Wave 1: the ticket (fatal if missing), its notes and the ticket picklists.
    const [ticket, notes, picklists] = await Promise.all([
      this.client.getItem<AtTicket>('Tickets', ref.id, { signal }),
      section(
        'notes',
        this.client.queryAll<AtNote>(
          'TicketNotes',
          { filter: [f.eq('ticketID', ref.id)], includeFields: NOTE_FIELDS },
          { signal },
        ),
      ),
      section('labels', this.picklists('Tickets', signal)),
    ]);
    if (!ticket) {
      throw new AtError('notFound', `Autotask has no ticket ${ref.id} that the API user can see.`, {
        status: 404,
      });
    }
    const latest = (notes ?? []).sort((a, b) => b.id - a.id).slice(0, NOTES_SHOWN);
    const base = {
      ticket,
      picklists: picklists ?? {},
      webUrl: zone.webUrl ?? '',
      resources: new Map<number, AtResource>(),
      notes: latest,
      now: (this.opts.now ?? Date.now)(),
      problems,
    };
    opts.onPartial?.(structuredClone(toTicketContext(base)));

    // Wave 2: names and details the ticket points at.
    const people = [ticket.assignedResourceID, ...latest.map((n) => n.creatorResourceID)].filter(
      (x): x is number => typeof x === 'number',
    );
    const [resources, company, contact, ci, ciPicklists] = await Promise.all([
      section('people', this.resourcesById(people, signal)),
      ticket.companyID != null
        ? section('company', this.client.getItem<AtCompany>('Companies', ticket.companyID, { signal }))
        : undefined,
      ticket.contactID != null
        ? section('contact', this.client.getItem<AtContact>('Contacts', ticket.contactID, { signal }))
        : undefined,
      ticket.configurationItemID != null
        ? section(
            'configurations',
            this.client.getItem<AtConfigurationItem>('ConfigurationItems', ticket.configurationItemID, {
              signal,
            }),
          )
        : undefined,
      ticket.configurationItemID != null
        ? section('configurations', this.picklists('ConfigurationItems', signal))
        : undefined,
    ]);
    return toTicketContext({
      ...base,
      resources: resources ?? new Map(),
      company,
      contact,
      configurationItem: ci,
      ciPicklists,
      now: (this.opts.now ?? Date.now)(),
    });
  }

  async searchTickets(text: string, signal?: AbortSignal): Promise<TicketSearchResult[]> {
    const t = text.trim().replace(/^#/, '');
    const input = parseSearchInput(text);
    let filter: Filter[];
    if (TICKET_NUMBER.test(t)) filter = [f.eq('ticketNumber', t.toUpperCase())];
    else if (input.kind === 'number') filter = [f.eq('id', input.id)];
    else if (input.kind === 'words') filter = input.words.map((w) => f.contains('title', w));
    else return [];
    const [page, picklists] = await Promise.all([
      this.client.query<AtTicket>(
        'Tickets',
        { filter, includeFields: TICKET_FIELDS, maxRecords: SEARCH_FETCH },
        { signal },
      ),
      this.picklists('Tickets', signal).catch(() => ({}) as Picklists),
    ]);
    const rows = page.items.sort(searchOrder).slice(0, SEARCH_SHOWN);
    const companyIds = [
      ...new Set(rows.map((r) => r.companyID).filter((x): x is number => typeof x === 'number')),
    ];
    const companies = companyIds.length
      ? await this.client
          .query<AtCompany>(
            'Companies',
            { filter: [f.in('id', companyIds)], includeFields: ['id', 'companyName'] },
            { signal },
          )
          .then((p) => new Map(p.items.map((c) => [c.id, c])))
          .catch(() => new Map<number, AtCompany>())
      : new Map<number, AtCompany>();
    return rows.map((r) => toSearchResult(r, picklists, companies));
  }

  async people(signal?: AbortSignal): Promise<PsaPerson[]> {
    const rows = await this.client.queryAll<AtResource>(
      'Resources',
      { filter: [f.all()], includeFields: RESOURCE_FIELDS },
      { signal },
    );
    return rows.map(toPerson);
  }

  async statuses(_ticket: TicketRef, signal?: AbortSignal): Promise<StatusOption[]> {
    const lists = await this.picklists('Tickets', signal);
    return (lists.status ?? []).map((s) => ({
      id: s.id,
      name: s.label,
      closed: s.id === COMPLETE_STATUS,
      timeEntryAllowed: true,
      active: s.active,
    }));
  }

  async noteOptions(signal?: AbortSignal): Promise<NoteOptions> {
    const lists = await this.picklists('TicketNotes', signal);
    const active = (field: string) =>
      (lists[field] ?? []).filter((p) => p.active).map((p) => ({ id: p.id, name: p.label }));
    return { types: active('noteType'), visibilities: active('publish') };
  }

  async timeEntryOptions(personId?: number, signal?: AbortSignal): Promise<TimeEntryOptions> {
    if (personId === undefined) return { workTypes: [], roles: [] };
    const [held, resource] = await Promise.all([
      this.client.queryAll<{ roleID: number }>(
        'ResourceRoles',
        { filter: [f.eq('resourceID', personId), f.eq('isActive', true)], includeFields: ['id', 'roleID'] },
        { signal },
      ),
      this.client.getItem<{ defaultServiceDeskRoleID?: number | null }>('Resources', personId, { signal }),
    ]);
    const roleIds = [...new Set(held.map((h) => h.roleID))];
    const roles = roleIds.length
      ? await this.client.queryAll<{ id: number; name: string }>(
          'Roles',
          { filter: [f.in('id', roleIds), f.eq('isActive', true)], includeFields: ['id', 'name'] },
          { signal },
        )
      : [];
    const def = resource?.defaultServiceDeskRoleID ?? undefined;
    return {
      workTypes: [],
      roles: roles.map((r) => ({ id: r.id, name: r.name })).sort((a, b) => a.name.localeCompare(b.name)),
      ...(def !== undefined && roleIds.includes(def) ? { defaultRoleId: def } : {}),
    };
  }

  // Similar resolved tickets (lib/similar/autotask-load.ts builds the queries and ranks; these read).

  /** Complete tickets for "Similar resolved tickets": one query, whatever it matches (no paging). */
  async resolvedTickets(query: AtQuery, signal?: AbortSignal): Promise<AtResolvedTicket[]> {
    return (await this.client.query<AtResolvedTicket>('Tickets', query, { signal })).items;
  }

  /** The note type the admin chose for resolution notes, if any (FlowPilot settings). */
  resolutionNoteType(): number | undefined {
    return this.opts.noteSettings?.noteTypeByKind.resolution;
  }

  /** Notes matching a query (the latest resolution-type notes of shown tickets). */
  async notes(query: AtQuery, signal?: AbortSignal): Promise<(AtNote & { ticketID?: number })[]> {
    return (await this.client.query<AtNote & { ticketID?: number }>('TicketNotes', query, { signal })).items;
  }

  /** Company names by id: one query. */
  async companyNames(ids: readonly number[], signal?: AbortSignal): Promise<Map<number, string>> {
    const page = await this.client.query<AtCompany>(
      'Companies',
      { filter: [f.in('id', [...new Set(ids)])], includeFields: ['id', 'companyName'] },
      { signal },
    );
    return new Map(page.items.filter((c) => c.companyName).map((c) => [c.id, c.companyName!]));
  }

  /** A ticket's page in the Autotask UI (the zone's webUrl is cached by the client). */
  async ticketPage(id: number, signal?: AbortSignal): Promise<string> {
    const zone = await this.client.zone({ signal });
    return atTicketWebUrl(zone.webUrl ?? '', id);
  }

  private noteSettings(): AutotaskNoteSettings {
    const s = this.opts.noteSettings;
    if (!s) {
      throw new AtError(
        'validation',
        'Choose the Autotask note type and visibility in the FlowPilot settings before posting notes.',
      );
    }
    return s;
  }

  async createNote(input: NoteInput, o: AtRequestOptions = {}): Promise<{ id?: number }> {
    const s = this.noteSettings();
    const id = await this.client.create(
      `Tickets/${input.ticket.id}/Notes`,
      {
        ticketID: input.ticket.id,
        // Always a title: some ticket categories require one (AT-NOTE; PAUL saw the 500).
        title: (input.title.trim() || 'FlowPilot').slice(0, 250),
        description: withRef(input.text, input.ref).slice(0, 32000),
        noteType: s.noteTypeByKind[input.noteKind],
        publish: input.audience === 'customer' ? s.customerPublish : s.internalPublish,
      },
      this.opts.impersonate && input.personId ? { ...o, impersonateResourceId: input.personId } : o,
    );
    return { id };
  }

  async createTimeEntry(input: TimeEntryInput, o: AtRequestOptions = {}): Promise<{ id?: number }> {
    if (!input.personId) {
      throw new AtError(
        'validation',
        'Map this technician to an Autotask resource before logging time (Member Mapping).',
      );
    }
    let roleId = input.roleId;
    if (!roleId) {
      const opts = await this.timeEntryOptions(input.personId, o.signal);
      roleId = chooseRole(opts)?.role.id;
    }
    if (!roleId) {
      throw new AtError(
        'validation',
        'This Autotask resource holds no active role, and Autotask needs one for ticket time.',
      );
    }
    const start = Date.parse(input.start);
    const end = Date.parse(input.end);
    const hours = Math.round(((end - start) / 3_600_000) * 10_000) / 10_000;
    if (!(hours > 0) || hours >= 24) {
      throw new AtError('validation', 'Autotask takes time entries longer than 0 and shorter than 24 hours.');
    }
    const id = await this.client.create(
      'TimeEntries',
      {
        ticketID: input.ticket.id,
        resourceID: input.personId,
        roleID: roleId,
        dateWorked: `${new Date(start).toISOString().slice(0, 10)}T00:00:00Z`,
        startDateTime: isoZ(start),
        endDateTime: isoZ(end),
        hoursWorked: hours,
        summaryNotes: withRef(input.notes, input.ref).slice(0, 32000),
        ...(input.workTypeId ? { billingCodeID: input.workTypeId } : {}),
        ...(input.billable === 'DoNotBill' || input.billable === 'NoCharge' ? { isNonBillable: true } : {}),
      },
      o,
    );
    return { id };
  }

  async changeStatus(input: StatusInput, o: AtRequestOptions = {}): Promise<void> {
    await this.client.patch('Tickets', { id: input.ticket.id, status: input.statusId }, o);
  }

  async findByReference(
    ticket: TicketRef,
    kind: RecordKind,
    ref: string,
  ): Promise<{ id?: number } | undefined> {
    const [entity, field] =
      kind === 'note' ? ['TicketNotes', 'description'] : ['TimeEntries', 'summaryNotes'];
    const page = await this.client.query<Record<string, unknown> & { id: number }>(entity, {
      filter: [f.eq('ticketID', ticket.id), f.contains(field, refTag(ref))],
      includeFields: ['id', field],
      maxRecords: 25,
    });
    const hit = page.items.find((r) => hasRef(r[field] as string | undefined, ref));
    return hit ? { id: hit.id } : undefined;
  }

  async deleteById(_ticket: TicketRef, kind: RecordKind, id: number): Promise<void> {
    if (kind === 'note') {
      throw new PsaUnsupportedError(
        `Autotask does not let integrations delete notes; remove note ${id} by hand in Autotask if it is a duplicate.`,
      );
    }
    await this.client.delete(`TimeEntries/${id}`);
  }
}
