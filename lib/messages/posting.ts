import type { ActivityRecord } from '../db/schema';
import { z } from '../platform/zod';
import type { PostView } from '../posting/history';
import type { DiscardResult } from '../posting/outbox';
import type { PostContext, PostResult } from '../posting/service';
import { message } from './protocol';

// Posting messages (issue 6): the panel's Update dialog, the ticket's post list, and the options
// page's Post History and Activity tabs. Replies are typed with z.custom: they come from our worker.

const TicketKey = z.string().regex(/^(service|project):\d+$/, 'Not a ticket key');
const PostId = z.string().min(1).max(64);
const NoteKind = z.enum(['internalAnalysis', 'resolution', 'description']);
const Billable = z.enum(['Billable', 'DoNotBill', 'NoCharge', 'NoDefault']);
const State = z.enum(['pending', 'sending', 'sent', 'failed', 'cancelled']);
const Id = z.number().int().positive();
/** A ticket's number where it is not the id (Autotask's T20261129.0004; its field holds up to 50). */
export const TicketNumber = z.string().trim().min(1).max(50);

export const PostRequestSchema = z.object({
  ticketKey: TicketKey,
  noteKind: NoteKind,
  text: z.string().max(20_000),
  customerText: z.string().max(20_000).optional(),
  timeEntry: z.boolean(),
  minutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  postedMinutes: z
    .number()
    .int()
    .min(1)
    .max(24 * 60)
    .optional(),
  workTypeId: Id.optional(),
  workRoleId: Id.optional(),
  billableOption: Billable.optional(),
  status: z.object({ id: Id, name: z.string().max(100).optional() }).optional(),
  holdMs: z.number().int().min(0).max(60_000).optional(),
  waitMs: z.number().int().min(0).max(60_000).optional(),
  projectIssue: z.boolean().optional(),
  replacesPostId: z.string().min(1).max(64).optional(),
  /**
   * The dialog's one submission: a repeat of it (the panel asking again after the worker stopped before
   * it answered) joins the post the first one wrote ahead instead of posting again.
   */
  submissionId: z.string().min(8).max(64).optional(),
  /** The ticket's number as the panel shows it (Autotask): the post's messages and history name it. */
  ticketNumber: TicketNumber.optional(),
});

const PostFilterSchema = z.object({
  state: State.optional(),
  ticketId: Id.optional(),
  ticketNumber: TicketNumber.optional(),
  from: z.number().optional(),
  to: z.number().optional(),
});

const ById = z.object({ postId: PostId });
const Done = z.object({ ok: z.literal(true) });
const Page = z.object({
  offset: z.number().int().min(0).default(0),
  limit: z.number().int().min(1).max(500).default(50),
});

export interface PostDetail {
  post: PostView;
  editable: { outboxId: string; kind: 'note' | 'timeEntry'; text: string }[];
}
export interface Exported {
  filename: string;
  mime: string;
  content: string;
}

export const panelToBgPosting = {
  'posting/prepare': message(z.object({ ticketKey: TicketKey }), z.custom<PostContext>()),
  'posting/post': message(PostRequestSchema, z.custom<PostResult>()),
  'posting/autoPush': message(
    z.object({ ticketKey: TicketKey, ticketNumber: TicketNumber.optional() }),
    z.custom<PostResult | null>(),
  ),
  'posting/history': message(
    z.object({ ticketKey: TicketKey, limit: z.number().int().min(1).max(100).default(20) }),
    z.custom<PostView[]>(),
  ),
  'posting/retry': message(ById, Done),
  /** Undo / discard: what became of each item (cancelled, already on the ticket, being sent…). */
  'posting/discard': message(ById, z.custom<DiscardResult>()),
};

export const optionsToBgPosting = {
  'posting/list': message(
    PostFilterSchema.extend(Page.shape),
    z.custom<{ items: PostView[]; hasMore: boolean }>(),
  ),
  'posting/detail': message(ById, z.custom<PostDetail>()),
  'posting/retry': message(ById, Done),
  'posting/discard': message(ById, z.custom<DiscardResult>()),
  'posting/editRetry': message(
    z.object({ postId: PostId, outboxId: PostId, text: z.string().min(1).max(20_000) }),
    Done,
  ),
  'posting/export': message(
    PostFilterSchema.extend({ format: z.enum(['csv', 'json']) }),
    z.custom<Exported>(),
  ),
  'activity/list': message(
    Page.extend({ kind: z.string().max(40).optional(), outcome: z.enum(['ok', 'error']).optional() }),
    z.custom<{ items: ActivityRecord[]; hasMore: boolean }>(),
  ),
  'activity/export': message(z.object({ format: z.enum(['csv', 'json']) }), z.custom<Exported>()),
};
