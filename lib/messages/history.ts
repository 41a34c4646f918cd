import { z } from '../platform/zod';
import type { SavedChat } from '../session/chat';
import type { SessionSummary } from '../session/history';
import type { SessionView } from '../session/service';
import type { SimilarResult } from '../similar/load';
import { type Exported, TicketNumber } from './posting';
import { message } from './protocol';

// Issue 13 ("what fixed it last time"): similar resolved tickets, session history, saved assistant chats
// and away time. Replies are typed with z.custom: they come from our own worker.

const TicketKey = z.string().regex(/^(service|project):\d+$/, 'Not a ticket key');
const Id = z.string().min(1).max(64);
const TicketRef = z.object({
  kind: z.enum(['service', 'project']),
  id: z.number().int().positive().max(2_147_483_647),
});
const Page = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});
const SessionFilter = z.object({
  state: z.enum(['active', 'paused', 'resolved', 'escalated', 'abandoned']).optional(),
  ticketId: z.number().int().positive().optional(),
  /** Autotask's ticket number, in any case. */
  ticketNumber: TicketNumber.optional(),
  company: z.string().max(200).optional(),
  from: z.number().optional(),
  to: z.number().optional(),
});

export const panelToBgHistory = {
  /**
   * The linked ticket's similar resolved tickets. Started by the background right after the context's
   * first wave; this answers from that load (or its per-ticket cache).
   */
  'similar/get': message(z.object({ ticket: TicketRef }), z.custom<SimilarResult>()),
  /** The ticket's earlier (closed) sessions, newest first. */
  'session/history': message(
    z.object({
      ticketKey: TicketKey,
      offset: z.number().int().min(0).default(0),
      limit: z.number().int().min(1).max(50).default(10),
    }),
    z.custom<{ items: SessionSummary[]; hasMore: boolean }>(),
  ),
  /** The session's saved assistant conversation. */
  'session/chat': message(z.object({ sessionId: Id }), z.custom<SavedChat>()),
  /** "Keep this time" / "Drop it" for one away stretch. */
  'session/away': message(
    z.object({ sessionId: Id, awayId: Id, answer: z.enum(['keep', 'drop']) }),
    z.custom<SessionView>(),
  ),
};

export const optionsToBgHistory = {
  'sessions/list': message(
    SessionFilter.extend(Page.shape),
    z.custom<{ items: SessionSummary[]; hasMore: boolean }>(),
  ),
  'sessions/export': message(SessionFilter.extend({ format: z.enum(['csv', 'json']) }), z.custom<Exported>()),
};
