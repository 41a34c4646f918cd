import { z } from '../platform/zod';
import { PROBLEM_MAX_CHARS } from '../session/model';
import type { SessionView } from '../session/service';
import { TicketNumber } from './posting';
import { message } from './protocol';

// Messages the panel sends to run a FlowPilot session (lib/session). Replies carry the whole session
// so the panel never keeps its own copy of the truth.

const TicketKey = z.string().regex(/^(service|project):\d+$/, 'Not a ticket key');
const Id = z.string().min(1).max(64);
const Text = (max: number) => z.string().max(max);
const Section = z.enum(['facts', 'questions', 'checks', 'fixes']);
const Result = z.enum(['pending', 'pass', 'fail']);

export const LaneOpSchema = z.discriminatedUnion('op', [
  z.object({
    op: z.literal('add'),
    section: Section,
    text: Text(2000),
    answer: Text(2000).optional(),
    result: Result.optional(),
    note: Text(2000).optional(),
    source: z.enum(['manual', 'ai', 'similar']).optional(),
    /** "Use this fix" on a similar resolved ticket: its id, kept as "from #N". */
    fromTicket: z.number().int().positive().optional(),
    /** …and its Autotask number where it has one ("from T20261101.0007"). */
    fromTicketNumber: TicketNumber.optional(),
  }),
  z.object({
    op: z.literal('edit'),
    id: Id,
    patch: z.object({
      text: Text(2000).optional(),
      answer: Text(2000).optional(),
      result: Result.optional(),
      note: Text(2000).optional(),
      done: z.boolean().optional(),
    }),
  }),
  z.object({ op: z.literal('move'), id: Id, delta: z.union([z.literal(-1), z.literal(1)]) }),
  z.object({ op: z.literal('remove'), id: Id }),
  z.object({
    op: z.literal('restore'),
    section: Section,
    index: z.number().int().min(0).max(10_000),
    item: z.object({
      id: Id,
      text: Text(2000).min(1),
      answer: Text(2000).optional(),
      result: Result.optional(),
      note: Text(2000).optional(),
      done: z.boolean(),
      source: z.enum(['manual', 'playbook', 'ai', 'similar']),
      fromTicket: z.number().int().positive().optional(),
      fromTicketNumber: TicketNumber.optional(),
      createdAt: z.number(),
      updatedAt: z.number(),
    }),
  }),
  z.object({ op: z.literal('problem'), text: Text(PROBLEM_MAX_CHARS) }),
]);

const View = z.custom<SessionView>();
const ById = z.object({ sessionId: Id });

export const panelToBgSession = {
  // The playbook list lives in the background so its data stays out of the panel's bundle.
  'session/playbooks': message(z.object({}), z.array(z.object({ id: z.string(), title: z.string() }))),
  'session/get': message(z.object({ ticketKey: TicketKey }), View.nullable()),
  'session/start': message(
    z.object({
      ticketKey: TicketKey,
      ticketSummary: Text(500),
      /** The ticket's number as the panel shows it (Autotask): the Sessions tab and Activity log name it. */
      ticketNumber: TicketNumber.optional(),
      problem: Text(PROBLEM_MAX_CHARS),
      playbookId: z.string().max(64).optional(),
      company: z.object({ id: z.number().int().optional(), name: Text(200).optional() }).optional(),
      ticketType: Text(100).optional(),
      ticketSubType: Text(100).optional(),
      /** "Use this fix" before a session was open: the session starts with this Suggested fix. */
      fix: z
        .object({
          text: Text(2000).min(1),
          fromTicket: z.number().int().positive(),
          fromTicketNumber: TicketNumber.optional(),
        })
        .optional(),
    }),
    View,
  ),
  'session/lane': message(z.object({ sessionId: Id, op: LaneOpSchema }), View),
  'session/pause': message(ById, View),
  'session/resume': message(ById, View),
  'session/touch': message(ById, View),
  'session/resolve': message(
    z.object({ sessionId: Id, rootCause: Text(4000), resolution: Text(4000) }),
    View,
  ),
  'session/escalate': message(
    z.object({ sessionId: Id, reason: Text(4000), escalateTo: Text(200).optional() }),
    View,
  ),
  'session/abandon': message(ById, View),
  /** Whether the panel shows the assistant, and whether it says contact details are redacted. */
  'ai/status': message(
    z.object({}),
    z.object({ enabled: z.boolean(), configured: z.boolean(), redactPii: z.boolean(), model: z.string() }),
  ),
};
