// The soak's count: what the sandbox holds per reference once the outbox has drained, and the figures
// of the run. Pure (sandbox state, its request log and the extension's Post History in, figures out).

import type { PostView } from '../../lib/posting/history';
import { hasRef } from '../../lib/posting/reference';
import type { RecordedRequest, SandboxState } from '../cw-sandbox/index';
import { FAULT_KINDS, type FaultKind, type SoakPost } from './plan';

/** One post as the soak submitted it. */
export interface Submitted {
  post: SoakPost;
  /** The outbox's post id from the reply; absent when the message itself failed. */
  postId?: string;
  /** The status chosen among the ticket's allowed ones, if the post changes it. */
  statusId?: number;
  /** The message failed (the technician would have seen an error). */
  error?: string;
}

export interface Problem {
  post: number;
  ticket: string;
  what: string;
  ref?: string;
  detail: string;
}

export interface SoakFigures {
  posts: number;
  writes: { notes: number; timeEntries: number; statusChanges: number };
  postsSent: number;
  lost: Problem[];
  duplicated: Problem[];
  /** Faults that hit a request, by kind (from the label the sandbox recorded). */
  faultsFired: Record<FaultKind, number>;
  faultsPlanned: Record<FaultKind, number>;
  /** Writes FlowPilot sent again (attempts beyond the first, all items). */
  resends: number;
  /** Reference lookups (after an unknown outcome, and the check after each create). */
  lookups: number;
  /** Commit-then-reset POSTs, and how many of them Chromium sent again by itself. */
  chromiumResends: { resets: number; resent: number };
  /** DELETEs CW answered 204 (surplus copies FlowPilot removed). */
  duplicatesRemoved: number;
  /** The same as Post History reports it ("1 duplicate removed"). */
  duplicatesRemovedReported: number;
  apiRequests: number;
  contractViolations: number;
}

const keyOf = (p: SoakPost) => `${p.ticket.kind}:${p.ticket.id}`;

function emptyByKind(): Record<FaultKind, number> {
  return Object.fromEntries(FAULT_KINDS.map((k) => [k, 0])) as Record<FaultKind, number>;
}

/** The fault kind of a label ("commitThenReset#17" → commitThenReset). */
export function kindOfLabel(label: string | undefined): FaultKind | undefined {
  const k = label?.split('#')[0];
  return (FAULT_KINDS as readonly string[]).includes(k ?? '') ? (k as FaultKind) : undefined;
}

/**
 * Chromium's own resends after commit-then-reset on a POST: the same POST again (same path and body)
 * within seconds. The outbox never sends a create again without a lookup, and after a commit the
 * lookup finds it, so any such repeat is Chromium's. (A status PATCH is resent by the outbox itself,
 * so PATCHes are left out.)
 */
export function countChromiumResends(requests: readonly RecordedRequest[]): {
  resets: number;
  resent: number;
} {
  let resets = 0;
  let resent = 0;
  requests.forEach((r, i) => {
    if (r.reset !== 'after-commit' || r.method !== 'POST') return;
    resets++;
    const body = JSON.stringify(r.body);
    const at = Date.parse(r.at);
    const again = requests
      .slice(i + 1)
      .some(
        (q) =>
          q.method === 'POST' &&
          q.apiPath === r.apiPath &&
          Date.parse(q.at) - at < 5_000 &&
          JSON.stringify(q.body) === body,
      );
    if (again) resent++;
  });
  return { resets, resent };
}

export function tally(input: {
  submitted: readonly Submitted[];
  history: readonly PostView[];
  state: SandboxState;
  requests: readonly RecordedRequest[];
  contractViolations: readonly string[];
}): SoakFigures {
  const { submitted, state, requests } = input;
  const byId = new Map(input.history.map((p) => [p.id, p]));
  const lost: Problem[] = [];
  const duplicated: Problem[] = [];
  const writes = { notes: 0, timeEntries: 0, statusChanges: 0 };
  let postsSent = 0;
  let resends = 0;
  let reported = 0;

  for (const s of submitted) {
    const ticket = keyOf(s.post);
    const problem = (what: string, detail: string, ref?: string): Problem => ({
      post: s.post.index,
      ticket,
      what,
      detail,
      ...(ref ? { ref } : {}),
    });
    // Every note the sandbox holds with this post's marker, whatever its ref: a post enqueued twice
    // would show here as two notes with two refs.
    const notesWithMarker = (s.post.ticket.kind === 'project' ? state.projectNotes : state.notes).filter(
      (n) => n.ticketId === s.post.ticket.id && n.text.includes(s.post.marker),
    );
    const view = s.postId ? byId.get(s.postId) : undefined;
    if (!view) {
      lost.push(problem('post', s.error ? `the post message failed: ${s.error}` : 'not in Post History'));
      continue;
    }
    if (view.state === 'sent') postsSent++;
    for (const item of view.items) {
      resends += Math.max(0, item.attempts - 1);
      reported += item.duplicatesRemoved ?? 0;
      if (item.kind === 'status') {
        writes.statusChanges++;
        if (item.state !== 'sent') lost.push(problem('status change', `item is ${item.state}`));
        continue;
      }
      const copies =
        item.kind === 'note'
          ? notesWithMarker.filter((n) => hasRef(n.text, item.ref)).length
          : state.timeEntries.filter((e) => e.chargeToId === s.post.ticket.id && hasRef(e.notes, item.ref))
              .length;
      if (item.kind === 'note') writes.notes++;
      else writes.timeEntries++;
      const what = item.kind === 'note' ? 'note' : 'time entry';
      if (copies === 0) lost.push(problem(what, `not on the ticket (item is ${item.state})`, item.ref));
      if (copies > 1) duplicated.push(problem(what, `${copies} copies on the ticket`, item.ref));
    }
    const refs = new Set(view.items.map((i) => i.ref));
    const strays = notesWithMarker.filter((n) => ![...refs].some((r) => hasRef(n.text, r)));
    if (strays.length)
      duplicated.push(problem('note', `${strays.length} note(s) with this post's text but another ref`));
  }

  // Status changes leave no ref: each ticket must end on the status of its last post that set one
  // (per-ticket order), and nothing may have overwritten it since.
  const lastStatus = new Map<string, Submitted>();
  for (const s of submitted) if (s.statusId !== undefined && s.postId) lastStatus.set(keyOf(s.post), s);
  for (const [key, s] of lastStatus) {
    const list: { id: number; status: { id: number } }[] =
      s.post.ticket.kind === 'project' ? state.projectTickets : state.tickets;
    const now = list.find((t) => t.id === s.post.ticket.id)?.status.id;
    if (now !== s.statusId)
      lost.push({
        post: s.post.index,
        ticket: key,
        what: 'status change',
        detail: `the ticket ends on status ${now}, its last post set ${s.statusId}`,
      });
  }

  const faultsFired = emptyByKind();
  for (const r of requests) {
    const k = kindOfLabel(r.faultLabel);
    if (k) faultsFired[k]++;
  }
  const faultsPlanned = emptyByKind();
  for (const s of submitted) if (s.post.fault) faultsPlanned[s.post.fault.kind]++;

  return {
    posts: submitted.length,
    writes,
    postsSent,
    lost,
    duplicated,
    faultsFired,
    faultsPlanned,
    resends,
    lookups: requests.filter((r) => r.method === 'GET' && /FlowPilot ref/.test(r.query.conditions ?? ''))
      .length,
    chromiumResends: countChromiumResends(requests),
    duplicatesRemoved: requests.filter((r) => r.method === 'DELETE' && r.status === 204).length,
    duplicatesRemovedReported: reported,
    apiRequests: requests.filter((r) => r.apiPath).length,
    contractViolations: input.contractViolations.length,
  };
}

/** For a problem: every request that carried this ref (body or lookup), one line each, oldest first. */
export function traceRef(requests: readonly RecordedRequest[], ref: string): string[] {
  return requests
    .filter((r) => JSON.stringify(r.body ?? '').includes(ref) || (r.query.conditions ?? '').includes(ref))
    .map((r) => {
      const extra = [r.faultLabel, r.reset && `reset ${r.reset}`, r.lateCommit && 'late commit']
        .filter(Boolean)
        .join(', ');
      return `${r.at.slice(11, 23)} ${r.method} ${r.apiPath} ${r.status}${extra ? ` (${extra})` : ''}`;
    });
}
