// Autotask's posting writer (lib/posting/writer.ts): plan items become the connector's note, time
// entry and status writes (lib/autotask/psa.ts); references are found with one TicketNotes or
// TimeEntries query per batch; a surplus time entry is deleted, a surplus note cannot be (Autotask
// has no API for it), so the outbox reports it with its id instead.

import type { PlanItem } from '../posting/plan';
import { refTag } from '../posting/reference';
import type { CreatedKind, PostingWriter, RefRow, WriteOptions } from '../posting/writer';
import { PsaUnsupportedError } from '../psa/types';
import type { TicketRef } from '../ticket/types';
import type { AtClient } from './client';
import { AtError } from './errors';
import type { AutotaskPsa } from './psa';
import { f } from './query';

const TITLE_MAX = 100;

/** A note's title (Autotask requires one on some ticket categories): the note's first line. */
export function noteTitle(text: string): string {
  const first = text
    .split('\n')
    .map((l) => l.trim())
    .find(Boolean);
  if (!first) return 'FlowPilot note';
  return first.length > TITLE_MAX ? `${first.slice(0, TITLE_MAX - 1)}…` : first;
}

const REF_SOURCES: Record<CreatedKind, { entity: string; field: string }> = {
  note: { entity: 'TicketNotes', field: 'description' },
  timeEntry: { entity: 'TimeEntries', field: 'summaryNotes' },
};

export function autotaskPostingWriter(opts: {
  psa: AutotaskPsa;
  client: AtClient;
  scope?: string;
}): PostingWriter {
  const { psa, client } = opts;

  /** A role the resource holds: the one chosen in the settings when held, else its default. */
  async function roleFor(personId: number | undefined, wanted: number | undefined) {
    if (personId === undefined || wanted === undefined) return undefined;
    const held = await psa.timeEntryOptions(personId);
    return held.roles.some((r) => r.id === wanted) ? wanted : undefined;
  }

  return {
    psa: 'autotask',
    scope: opts.scope,
    canDelete: { note: false, timeEntry: true },

    async send(ticket: TicketRef, item: PlanItem, ref: string, o: WriteOptions) {
      switch (item.kind) {
        case 'note':
          return psa.createNote(
            {
              ticket,
              text: item.text,
              ref,
              title: noteTitle(item.text),
              noteKind: item.noteKind,
              audience: item.audience,
              ...(item.memberId ? { personId: item.memberId } : {}),
            },
            o,
          );
        case 'timeEntry': {
          const roleId = await roleFor(item.memberId, item.workRoleId);
          return psa.createTimeEntry(
            {
              ticket,
              start: item.start,
              end: item.end,
              notes: item.notes,
              ref,
              billable: item.billableOption,
              ...(item.memberId ? { personId: item.memberId } : {}),
              // No work type: ConnectWise work types are not Autotask billing codes (not loaded yet).
              ...(roleId ? { roleId } : {}),
            },
            o,
          );
        }
        case 'status':
          await psa.changeStatus({ ticket, statusId: item.statusId }, o);
          return {};
      }
    },

    async findRefs(ticket, kind, refs, o): Promise<RefRow[]> {
      const { entity, field } = REF_SOURCES[kind];
      const page = await client.query<Record<string, unknown> & { id: number }>(
        entity,
        {
          filter: [f.eq('ticketID', ticket.id), f.or(...refs.map((r) => f.contains(field, refTag(r))))],
          includeFields: ['id', field],
          // Room for a few copies of each (a resent write), still one page.
          maxRecords: Math.min(500, Math.max(25, refs.length * 5)),
        },
        o,
      );
      return page.items.map((r) => ({ id: r.id, text: r[field] as string | undefined }));
    },

    async remove(_ticket, kind, id, o) {
      if (kind === 'note') {
        throw new PsaUnsupportedError(`Autotask does not let integrations delete notes (note ${id}).`);
      }
      await client.delete(`TimeEntries/${id}`, o);
    },

    async readTicket(ticket, o) {
      await client.getItem('Tickets', ticket.id, o);
    },

    isGone: (e) => e instanceof AtError && e.kind === 'notFound',
  };
}
