// The fault soak's plan: which posts go to which tickets, what each post writes, and which fault hits
// which write, all drawn from one seeded PRNG so `npm run soak -- --seed N` replays the same run.
// Pure: tests/soak/run.ts carries it out against the sandbox and the real extension.

import type { FaultRule } from '../cw-sandbox/index';
import { createRng } from '../cw-sandbox/prng';

export const FAULT_KINDS = [
  'http500',
  'http429',
  'timeout',
  'lateCommit',
  'resetBefore',
  'commitThenReset',
  'workerStop',
  'lookup503',
] as const;
export type FaultKind = (typeof FAULT_KINDS)[number];

/** How each fault kind is named in the figures. */
export const FAULT_NAMES: Record<FaultKind, string> = {
  http500: '500',
  http429: '429 + Retry-After',
  timeout: 'timeout (slow answer, write applied)',
  lateCommit: 'commit after the client gave up',
  resetBefore: 'reset before commit',
  commitThenReset: 'commit-then-reset',
  workerStop: 'worker stopped mid-send',
  lookup503: '503 on a reference lookup',
};

/** Relative weights: the write faults evenly, the worker stop rarer (each one pauses the soak). */
const WEIGHTS: Record<FaultKind, number> = {
  http500: 3,
  http429: 2,
  timeout: 3,
  lateCommit: 3,
  resetBefore: 3,
  commitThenReset: 4,
  workerStop: 1,
  lookup503: 1,
};

export type WriteKind = 'note' | 'timeEntry' | 'status';

/** Faults after which CW may still apply the write later (the client never heard the answer). */
const LATE_KINDS: readonly FaultKind[] = ['timeout', 'lateCommit', 'workerStop'];

export interface SoakTicket {
  kind: 'service' | 'project';
  id: number;
}

export interface SoakFault {
  kind: FaultKind;
  /** The write it hits (a lookup503 hits the note's reference check). */
  target: WriteKind;
  /** Unique per fault: recorded by the sandbox on the request it hit. */
  label: string;
  /** Seconds, for http429. */
  retryAfter?: number;
  /** For lateCommit: when the write lands after the request arrived. */
  lateCommitMs?: number;
}

export interface SoakPost {
  index: number;
  ticket: SoakTicket;
  /** In the note text; unique to this post. */
  marker: string;
  noteKind: 'internalAnalysis' | 'resolution' | 'description';
  text: string;
  /** Minutes of a time entry, or none. */
  minutes?: number;
  /** Picks the status among the ticket's allowed ones (index = floor(statusPick × count)); none = no status. */
  statusPick?: number;
  /** How long the post message waits for CW before answering (0 = answer at once). */
  waitMs: number;
  fault?: SoakFault;
}

export interface SoakPlan {
  seed: number;
  posts: SoakPost[];
  /** The browser is closed and reopened right after this post was submitted. */
  restartAfter: number;
}

export interface SoakTimings {
  /** The client timeout the soak build uses (WXT_FP_OUTBOX_TIMINGS.requestTimeoutMs). */
  requestTimeoutMs: number;
  unknownOutcomeWaitMs: number;
}

const WORDS = [
  'rebuilt',
  'profile',
  'cleared',
  'cache',
  'rebooted',
  'router',
  'checked',
  'DNS',
  'spooler',
  'restarted',
  'VPN',
  'token',
  'mailbox',
  'quota',
  'driver',
  'updated',
];

function pickWeighted<T extends string>(weights: Record<T, number>, r: number): T {
  const entries = Object.entries(weights) as [T, number][];
  const total = entries.reduce((n, [, w]) => n + w, 0);
  let x = r * total;
  for (const [k, w] of entries) {
    x -= w;
    if (x < 0) return k;
  }
  return entries[entries.length - 1]![0];
}

export function planSoak(
  seed: number,
  tickets: readonly SoakTicket[],
  opts: { posts: number; faultShare: number; timings: SoakTimings },
): SoakPlan {
  if (tickets.length === 0) throw new Error('The soak needs tickets to post to.');
  const rng = createRng(seed);
  const posts: SoakPost[] = [];
  for (let index = 0; index < opts.posts; index++) {
    const prev = posts[index - 1];
    // A status change CW may apply late (its answer never came) is followed by another status change
    // on the same ticket: the later one must be what the ticket ends on. Otherwise a technician posts
    // to the same ticket again now and then.
    const follows = prev?.fault?.target === 'status' && LATE_KINDS.includes(prev.fault.kind);
    const again = prev !== undefined && (follows || rng.chance(0.2));
    const ticket = again ? prev.ticket : rng.pick(tickets);
    const marker = `soak-${seed}-p${String(index).padStart(4, '0')}`;
    const words = Array.from({ length: rng.int(3, 9) }, () => rng.pick(WORDS)).join(' ');
    const minutes = rng.chance(0.6) ? rng.int(5, 90) : undefined;
    const statusPick = follows || rng.chance(0.45) ? rng.next() : undefined;
    const post: SoakPost = {
      index,
      ticket,
      marker,
      noteKind: rng.pick(['internalAnalysis', 'resolution', 'description'] as const),
      text: `${marker}: ${words}.`,
      waitMs: rng.pick([0, 0, 0, 0, 1_000, 3_000]),
      ...(minutes !== undefined ? { minutes } : {}),
      ...(statusPick !== undefined ? { statusPick } : {}),
    };
    if (rng.chance(opts.faultShare)) {
      const kind = pickWeighted(WEIGHTS, rng.next());
      const targets: WriteKind[] = [
        'note',
        ...(minutes !== undefined ? (['timeEntry'] as const) : []),
        ...(statusPick !== undefined ? (['status'] as const) : []),
      ];
      const fault: SoakFault = {
        kind,
        target: kind === 'lookup503' ? 'note' : rng.pick(targets),
        label: `${kind}#${index}`,
      };
      if (kind === 'http429') fault.retryAfter = rng.int(1, 3);
      if (kind === 'lateCommit') {
        // After the client gave up, and before the outbox's unknown-outcome wait ends (the wait stands
        // for CW's server-side limit: a write never lands later than that).
        const t = opts.timings;
        fault.lateCommitMs = rng.int(
          t.requestTimeoutMs + 1_000,
          t.requestTimeoutMs + t.unknownOutcomeWaitMs - 2_000,
        );
      }
      post.fault = fault;
    }
    posts.push(post);
  }
  const restartAfter = rng.int(Math.floor(opts.posts * 0.4), Math.floor(opts.posts * 0.6));
  return { seed, posts, restartAfter };
}

const ticketPath = (t: SoakTicket) => `${t.kind === 'project' ? 'project' : 'service'}/tickets/${t.id}`;
const escapeRegex = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The sandbox rule for a post's fault. A note is picked by its marker; a time entry or status change
 * by its ticket (there is one lane per ticket, so the rule hits the next such write on that ticket:
 * this post's, or an earlier post's still waiting there).
 */
export function faultRule(post: SoakPost, timings: SoakTimings): FaultRule | undefined {
  const f = post.fault;
  if (!f) return undefined;
  const where: FaultRule =
    f.kind === 'lookup503'
      ? { method: 'GET', path: `^/${ticketPath(post.ticket)}/notes$` }
      : f.target === 'note'
        ? { method: 'POST', path: `^/${ticketPath(post.ticket)}/notes$`, bodyMatch: escapeRegex(post.marker) }
        : f.target === 'timeEntry'
          ? { method: 'POST', path: '^/time/entries$', bodyMatch: `"chargeToId":${post.ticket.id}[,}]` }
          : { method: 'PATCH', path: `^/${ticketPath(post.ticket)}$` };
  const base = { ...where, times: 1, label: f.label };
  switch (f.kind) {
    case 'http500':
      return { ...base, status: 500 };
    case 'http429':
      return { ...base, status: 429, retryAfter: f.retryAfter ?? 1 };
    case 'lookup503':
      return { ...base, status: 503 };
    case 'timeout':
      // The answer comes after the client's timeout; the write is applied anyway.
      return { ...base, latencyMs: timings.requestTimeoutMs + 1_500 };
    case 'lateCommit':
      return { ...base, lateCommitMs: f.lateCommitMs ?? timings.requestTimeoutMs + 1_000 };
    case 'resetBefore':
      return { ...base, reset: 'before' };
    case 'commitThenReset':
      return { ...base, reset: 'after-commit' };
    case 'workerStop':
      // CW answers only after the client's timeout: the soak sees the request arrive and stops the
      // worker while it waits (if the soak is too slow, it is one more timeout).
      return { ...base, latencyMs: timings.requestTimeoutMs + 1_500 };
  }
}
