import { activityToCsv } from '../activity/csv';
import { listActivity } from '../activity/retention';
import { scopeLabel, UNKNOWN_SCOPE } from '../connection/scope';
import { currentScope } from '../connection/store';
import { db } from '../db/schema';
import type { Handlers } from '../messages/router';
import { listPosts, type PostView, postsToCsv, postsToJson } from '../posting/history';
import { autoPush, getOutbox, postDetail, postHistory, preparePost, submitPost } from '../posting/service';
import { ticketContextFor } from './panel-handlers';
import { fillNumberWhenKnown } from './ticket-number';

/** An Autotask post made before the panel knew the ticket's number gets it when the context has it. */
function numbered<R extends { post: PostView } | null>(r: R): R {
  if (r && r.post.psa === 'autotask' && !r.post.ticketNumber)
    void fillNumberWhenKnown(r.post.ticketKey, (t) => ticketContextFor(t));
  return r;
}

/** Handlers for posting messages from the panel (Update dialog, the ticket's posts). */
export const postingPanelHandlers: Handlers<'panelToBg'> = {
  'posting/prepare': async ({ ticketKey }) => preparePost(ticketKey),
  'posting/post': async (req) => numbered(await submitPost(req)),
  'posting/autoPush': async ({ ticketKey, ticketNumber }) =>
    numbered(await autoPush(ticketKey, undefined, ticketNumber)),
  'posting/history': async ({ ticketKey, limit }) => postHistory(ticketKey, limit),
  'posting/retry': async ({ postId }) => {
    await getOutbox().retry(postId);
    return { ok: true as const };
  },
  'posting/discard': async ({ postId }) => getOutbox().discard(postId),
};

/** An unsent post of another connection reads "waiting for connection X" (issue 10 §3). */
function withWaiting(p: PostView, scope: string | undefined): PostView {
  const open = p.state === 'pending' || p.state === 'sending' || p.state === 'failed';
  return open && p.scope !== scope ? { ...p, waitingFor: scopeLabel(p.scope ?? UNKNOWN_SCOPE) } : p;
}

const EXPORT_CAP = 20_000;
const stamp = () => new Date().toISOString().slice(0, 10);

/** Handlers for the options page's Post History and Activity tabs. */
export const postingOptionsHandlers: Handlers<'optionsToBg'> = {
  'posting/list': async ({ offset, limit, ...filter }) => {
    const [page, scope] = await Promise.all([listPosts(db(), filter, offset, limit), currentScope()]);
    return { ...page, items: page.items.map((p) => withWaiting(p, scope)) };
  },
  'posting/detail': async ({ postId }) => postDetail(postId),
  'posting/retry': async ({ postId }) => {
    await getOutbox().retry(postId);
    return { ok: true as const };
  },
  'posting/discard': async ({ postId }) => getOutbox().discard(postId),
  'posting/editRetry': async ({ postId, outboxId, text }) => {
    await getOutbox().editAndRetry(postId, outboxId, text);
    return { ok: true as const };
  },
  'posting/export': async ({ format, ...filter }) => {
    const { items } = await listPosts(db(), filter, 0, EXPORT_CAP);
    return format === 'csv'
      ? { filename: `flowpilot-posts-${stamp()}.csv`, mime: 'text/csv', content: postsToCsv(items) }
      : {
          filename: `flowpilot-posts-${stamp()}.json`,
          mime: 'application/json',
          content: postsToJson(items),
        };
  },
  'activity/list': async (q) => listActivity(q),
  'activity/export': async ({ format }) => {
    const { items } = await listActivity({ offset: 0, limit: EXPORT_CAP });
    if (format === 'json') {
      return {
        filename: `flowpilot-activity-${stamp()}.json`,
        mime: 'application/json',
        content: JSON.stringify(
          items.map((a) => ({ ...a, at: new Date(a.at).toISOString() })),
          null,
          2,
        ),
      };
    }
    return {
      filename: `flowpilot-activity-${stamp()}.csv`,
      mime: 'text/csv',
      content: activityToCsv(items),
    };
  },
};
