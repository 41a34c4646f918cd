// JSON for the CW-like pages (/__ui/…). It stands in for CW's internal .rails endpoints, so it sees
// tickets the API hides (SPECIAL_TICKETS.hidden) and needs no API keys.
import { DAY } from '../dates.ts';
import type { ProjectTicket, SandboxState, Ticket } from '../types.ts';

function noteFlags(n: {
  detailDescriptionFlag: boolean;
  internalAnalysisFlag: boolean;
  resolutionFlag: boolean;
}): string[] {
  const flags: string[] = [];
  if (n.detailDescriptionFlag) flags.push('Discussion');
  if (n.internalAnalysisFlag) flags.push('Internal');
  if (n.resolutionFlag) flags.push('Resolution');
  return flags;
}

const ageDays = (t: { _info: Record<string, string> }, now: number) =>
  Math.max(0, Math.floor((now - Date.parse(t._info.dateEntered ?? '')) / DAY));

export function uiTicket(state: SandboxState, id: number, now: number) {
  const service = [...state.tickets, ...state.hiddenTickets].sort((a, b) => a.id - b.id);
  const svc = service.find((t) => t.id === id);
  const proj = svc ? undefined : state.projectTickets.find((t) => t.id === id);
  const t: Ticket | ProjectTicket | undefined = svc ?? proj;
  if (!t) return undefined;
  const siblings: { id: number }[] = svc ? service : state.projectTickets;
  const index = siblings.findIndex((x) => x.id === id);
  const contact = t.contact ? state.contacts.find((c) => c.id === t.contact?.id) : undefined;
  const notes = svc
    ? state.notes.filter((n) => n.ticketId === id)
    : state.projectNotes.filter((n) => n.ticketId === id);
  return {
    kind: svc ? 'service' : 'project',
    id: t.id,
    summary: t.summary,
    board: t.board,
    status: t.status,
    company: t.company,
    contact: contact && {
      id: contact.id,
      name: `${contact.firstName} ${contact.lastName}`,
      email: contact.communicationItems.find((c) => c.communicationType === 'Email')?.value,
      phone: contact.communicationItems.find((c) => c.communicationType === 'Phone')?.value,
    },
    priority: t.priority.name,
    owner: t.owner?.name,
    project: proj?.project.name,
    phase: proj?.phase.name,
    ageDays: ageDays(t, now),
    prevId: siblings[index - 1]?.id,
    nextId: siblings[index + 1]?.id,
    configurations: (svc ? (state.ticketConfigurations[id] ?? []) : [])
      .map((cid) => state.configurations.find((c) => c.id === cid))
      .filter((c) => c !== undefined)
      .map((c) => ({ id: c.id, name: c.name, type: c.type.name })),
    notes: notes.map((n) => ({
      id: n.id,
      text: n.text,
      flags: noteFlags(n),
      author: n.member?.name ?? n.contact?.name ?? 'Unknown',
      date: (n._info.dateEntered ?? '').slice(0, 16).replace('T', ' '),
    })),
  };
}

export function uiBoard(state: SandboxState, boardId: number) {
  const board = state.boards.find((b) => b.id === boardId);
  if (!board) return undefined;
  const source: (Ticket | ProjectTicket)[] = board.projectFlag
    ? state.projectTickets
    : [...state.tickets, ...state.hiddenTickets];
  const rows = source
    .filter((t) => t.board.id === boardId && !t.closedFlag)
    .sort((a, b) => a.id - b.id)
    .slice(0, 60)
    .map((t) => ({
      id: t.id,
      kind: board.projectFlag ? 'project' : 'service',
      summary: t.summary,
      company: t.company.name,
      status: t.status.name,
      priority: t.priority.name,
      owner: t.owner?.name,
    }));
  return {
    board: { id: board.id, name: board.name },
    boards: state.boards.map((b) => ({ id: b.id, name: b.name })),
    rows,
  };
}
