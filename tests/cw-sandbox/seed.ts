// Deterministic initial state of the sandbox. Same options → byte-identical state.
import { createRng } from './prng.ts';
import { seedConfigurations } from './seed-configs.ts';
import { SPECIAL_MEMBERS } from './seed-constants.ts';
import { seedLongTicket } from './seed-long-ticket.ts';
import { seedCompanies, seedContacts, seedMembers } from './seed-people.ts';
import { seedProjects } from './seed-projects.ts';
import { seedResolvedTickets } from './seed-resolved.ts';
import { seedBoards, seedPriorities, seedStatuses, seedWorkRoles, seedWorkTypes } from './seed-setup.ts';
import { seedServiceTickets } from './seed-tickets.ts';
import type { SandboxState } from './types.ts';

export * from './seed-constants.ts';

export function createSeedState(extraMembers = 0): SandboxState {
  const rng = createRng(20264);
  const members = seedMembers(rng, extraMembers);
  const companies = seedCompanies(rng);
  const contacts = seedContacts(rng, companies);
  const boards = seedBoards();
  const statuses = seedStatuses(boards);
  const priorities = seedPriorities();
  const workTypes = seedWorkTypes();
  const workRoles = seedWorkRoles();
  const configurations = seedConfigurations(rng, companies, contacts);
  const base = {
    companies,
    contacts,
    members,
    boards,
    statuses,
    priorities,
    workTypes,
    workRoles,
    configurations,
  };
  const service = seedServiceTickets(base, rng);
  const projects = seedProjects(base, service.timeEntryId);
  seedResolvedTickets(service, base); // after the random seeding: nothing seeded before it changes
  const state: SandboxState = {
    ...base,
    tickets: service.tickets,
    hiddenTickets: service.hidden,
    projectTickets: projects.tickets,
    notes: service.notes,
    projectNotes: projects.notes,
    ticketConfigurations: service.ticketConfigurations,
    timeEntries: [...service.timeEntries, ...projects.timeEntries],
    noTimeMemberIds: [SPECIAL_MEMBERS.noTime.id],
    apiMemberId: SPECIAL_MEMBERS.api.id,
    timeEntryNotes: {},
    nextIds: { note: service.noteId, projectNote: projects.nextNoteId, timeEntry: projects.nextTimeEntryId },
  };
  seedLongTicket(state);
  return state;
}
