import { listActivity } from '../activity/retention';
import { db } from '../db/schema';
import type { Handlers } from '../messages/router';
import { listPosts, postsToCsv, postsToJson } from '../posting/history';
import { autoPush, getOutbox, postDetail, postHistory, preparePost, submitPost } from '../posting/service';

/** Handlers for posting messages from the panel (Update dialog, the ticket's posts). */
export const postingPanelHandlers: Handlers<'panelToBg'> = {
  'posting/prepare': async ({ ticketKey }) => preparePost(ticketKey),
  'posting/post': async (req) => submitPost(req),
  'posting/autoPush': async ({ ticketKey }) => autoPush(ticketKey),
  'posting/history': async ({ ticketKey, limit }) => postHistory(ticketKey, limit),
  'posting/retry': async ({ postId }) => {
    await getOutbox().retry(postId);
    return { ok: true as const };
  },
  'posting/discard': async ({ postId }) => getOutbox().discard(postId),
};

const EXPORT_CAP = 20_000;
const stamp = () => new Date().toISOString().slice(0, 10);

/** Handlers for the options page's Post History and Activity tabs. */
export const postingOptionsHandlers: Handlers<'optionsToBg'> = {
  'posting/list': async ({ offset, limit, ...filter }) => listPosts(db(), filter, offset, limit),
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
    const cell = (v: unknown) => {
      const s = v === undefined ? '' : String(v);
      return /[",\r\n]/.test(s) || /^[=+\-@]/.test(s)
        ? `"${s.replace(/^([=+\-@])/, "'$1").replace(/"/g, '""')}"`
        : s;
    };
    const lines = ['at,kind,actor,outcome,latencyMs,detail'].concat(
      items.map((a) =>
        [new Date(a.at).toISOString(), a.kind, a.actor, a.outcome, a.latencyMs, a.detail].map(cell).join(','),
      ),
    );
    return {
      filename: `flowpilot-activity-${stamp()}.csv`,
      mime: 'text/csv',
      content: `${lines.join('\r\n')}\r\n`,
    };
  },
};
