// /time/entries: list, get, POST, DELETE.
import { intParam, itemResult, listResult, type Route } from '../context.ts';
import { render } from '../render.ts';
import { createTimeEntry, deleteTimeEntry } from '../time-write.ts';
import type { TimeEntry } from '../types.ts';

const ticketPath = (e: TimeEntry | undefined) =>
  e?.chargeToType === 'ProjectTicket' || e?.chargeToType === 'ProjectIssue'
    ? 'project/tickets'
    : 'service/tickets';

export const timeRoutes: Route[] = [
  {
    method: 'GET',
    pattern: '/time/entries',
    handler: (ctx) => listResult(ctx, ctx.state.timeEntries, 'TimeEntry'),
  },
  {
    method: 'GET',
    pattern: '/time/entries/:id',
    handler: (ctx) => {
      const entry = ctx.state.timeEntries.find((e) => e.id === intParam(ctx, 'id'));
      return itemResult(ctx, entry, 'TimeEntry', 'Time entry', { ticketPath: ticketPath(entry) });
    },
  },
  {
    method: 'DELETE',
    pattern: '/time/entries/:id',
    handler: (ctx) => {
      deleteTimeEntry(ctx, intParam(ctx, 'id'));
      return { status: 204 };
    },
  },
  {
    method: 'POST',
    pattern: '/time/entries',
    handler: (ctx) => {
      const entry = createTimeEntry(ctx);
      return { status: 201, body: render(entry, ctx.apiBase, ticketPath(entry)) };
    },
  },
];
