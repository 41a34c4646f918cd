// @vitest-environment node
import { describe, expect, it } from 'vitest';
import type { PostView } from '../../lib/posting/history';
import type { RecordedRequest, SandboxState } from '../cw-sandbox/index';
import type { SoakPost } from './plan';
import { countChromiumResends, kindOfLabel, type Submitted, tally } from './tally';

const post = (index: number, id = 1042, fault?: SoakPost['fault']): SoakPost => ({
  index,
  ticket: { kind: id >= 5000 ? 'project' : 'service', id },
  marker: `soak-1-p${index}`,
  noteKind: 'internalAnalysis',
  text: `soak-1-p${index}: checked DNS.`,
  waitMs: 0,
  ...(fault ? { fault } : {}),
});

type Item = PostView['items'][number];
const item = (kind: Item['kind'], ref: string, extra: Partial<Item> = {}): Item => ({
  outboxId: `o-${ref}`,
  kind,
  part: kind === 'note' ? 'note:internal' : kind,
  label: kind,
  ref,
  state: 'sent',
  attempts: 1,
  ...extra,
});
const view = (id: string, ticketId: number, items: Item[], state: PostView['state'] = 'sent'): PostView => ({
  id,
  ticketKey: `${ticketId >= 5000 ? 'project' : 'service'}:${ticketId}`,
  ticketId,
  createdAt: 0,
  updatedAt: 0,
  state,
  summary: '',
  attempts: items.reduce((n, i) => n + i.attempts, 0),
  items,
  notices: [],
});

function state(over: Partial<SandboxState> = {}): SandboxState {
  return {
    notes: [],
    projectNotes: [],
    timeEntries: [],
    tickets: [{ id: 1042, status: { id: 102 } }],
    projectTickets: [{ id: 5009, status: { id: 302 } }],
    ...over,
  } as unknown as SandboxState;
}
const note = (ticketId: number, text: string) => ({ ticketId, text }) as SandboxState['notes'][number];
const entry = (chargeToId: number, notes: string) =>
  ({ chargeToId, notes }) as SandboxState['timeEntries'][number];
const req = (r: Partial<RecordedRequest>): RecordedRequest => ({
  at: new Date(0).toISOString(),
  method: 'GET',
  path: '',
  apiPath: '/x',
  query: {},
  headers: {},
  status: 200,
  ...r,
});

const run = (
  submitted: Submitted[],
  history: PostView[],
  s: SandboxState,
  requests: RecordedRequest[] = [],
) => tally({ submitted, history, state: s, requests, contractViolations: [] });

describe('tally', () => {
  it('counts each ref on its ticket: one copy is fine, none is lost, two are a duplicate', () => {
    const submitted: Submitted[] = [
      { post: post(0), postId: 'a' },
      { post: post(1), postId: 'b' },
      { post: post(2, 5009), postId: 'c' },
    ];
    const history = [
      view('a', 1042, [item('note', 'aaaaaaa'), item('timeEntry', 'bbbbbbb', { attempts: 3 })]),
      view('b', 1042, [item('note', 'ccccccc')]),
      view('c', 5009, [item('note', 'ddddddd', { duplicatesRemoved: 1 })]),
    ];
    const s = state({
      notes: [
        note(1042, 'soak-1-p0: checked DNS.\n\nFlowPilot ref aaaaaaa'),
        note(1042, 'soak-1-p1: checked DNS.\n\nFlowPilot ref ccccccc'),
        note(1042, 'soak-1-p1: checked DNS.\n\nFlowPilot ref ccccccc'),
      ],
      projectNotes: [
        note(5009, 'soak-1-p2: checked DNS.\n\nFlowPilot ref ddddddd'),
      ] as SandboxState['projectNotes'],
      // The time entry of post a is on another ticket only: lost here.
      timeEntries: [entry(1001, 'FlowPilot session\n\nFlowPilot ref bbbbbbb')],
    });
    const f = run(submitted, history, s);
    expect(f.posts).toBe(3);
    expect(f.postsSent).toBe(3);
    expect(f.writes).toEqual({ notes: 3, timeEntries: 1, statusChanges: 0 });
    expect(f.lost).toEqual([
      {
        post: 0,
        ticket: 'service:1042',
        what: 'time entry',
        ref: 'bbbbbbb',
        detail: 'not on the ticket (item is sent)',
      },
    ]);
    expect(f.duplicated).toEqual([
      { post: 1, ticket: 'service:1042', what: 'note', ref: 'ccccccc', detail: '2 copies on the ticket' },
    ]);
    expect(f.resends).toBe(2);
    expect(f.duplicatesRemovedReported).toBe(1);
  });

  it('a post that is not in Post History, or whose message failed, is lost; a second post of the same text is a duplicate', () => {
    const submitted: Submitted[] = [
      { post: post(0), error: 'posting/post failed' },
      { post: post(1), postId: 'gone' },
      { post: post(2), postId: 'x' },
    ];
    const s = state({
      notes: [
        note(1042, 'soak-1-p2: checked DNS.\n\nFlowPilot ref eeeeeee'),
        note(1042, 'soak-1-p2: checked DNS.\n\nFlowPilot ref fffffff'),
      ],
    });
    const f = run(submitted, [view('x', 1042, [item('note', 'eeeeeee')])], s);
    expect(f.lost.map((p) => [p.post, p.detail])).toEqual([
      [0, 'the post message failed: posting/post failed'],
      [1, 'not in Post History'],
    ]);
    expect(f.duplicated.map((p) => [p.post, p.detail])).toEqual([
      [2, "1 note(s) with this post's text but another ref"],
    ]);
  });

  it('each ticket must end on the status its last post set', () => {
    const submitted: Submitted[] = [
      { post: post(0), postId: 'a', statusId: 103 },
      { post: post(1), postId: 'b', statusId: 104 },
      { post: post(2, 5009), postId: 'c', statusId: 302 },
    ];
    const history = [
      view('a', 1042, [item('status', 'sssssss')]),
      view('b', 1042, [item('status', 'ttttttt')]),
      view('c', 5009, [item('status', 'uuuuuuu')]),
    ];
    // 1042 ends on 103: the older change overwrote the newer one.
    const s = state({ tickets: [{ id: 1042, status: { id: 103 } }] as unknown as SandboxState['tickets'] });
    const f = run(submitted, history, s);
    expect(f.writes.statusChanges).toBe(3);
    expect(f.lost).toEqual([
      {
        post: 1,
        ticket: 'service:1042',
        what: 'status change',
        detail: 'the ticket ends on status 103, its last post set 104',
      },
    ]);
  });

  it('counts fired faults by label, lookups, DELETEs answered 204 and posts not sent', () => {
    const submitted: Submitted[] = [
      { post: post(0, 1042, { kind: 'http500', target: 'note', label: 'http500#0' }), postId: 'a' },
    ];
    const requests = [
      req({ method: 'POST', status: 500, faultLabel: 'http500#0' }),
      req({ query: { conditions: '(text contains "FlowPilot ref aaaaaaa")' } }),
      req({ method: 'DELETE', status: 204 }),
      req({ method: 'DELETE', status: 404 }),
    ];
    const s = state({ notes: [note(1042, 'soak-1-p0: checked DNS.\n\nFlowPilot ref aaaaaaa')] });
    const f = run(submitted, [view('a', 1042, [item('note', 'aaaaaaa')], 'pending')], s, requests);
    expect(f.faultsFired.http500).toBe(1);
    expect(f.faultsPlanned.http500).toBe(1);
    expect(f.faultsFired.timeout).toBe(0);
    expect(f.lookups).toBe(1);
    expect(f.duplicatesRemoved).toBe(1);
    expect(f.postsSent).toBe(0);
    expect(f.apiRequests).toBe(4);
  });
});

describe('helpers', () => {
  it('kindOfLabel', () => {
    expect(kindOfLabel('commitThenReset#17')).toBe('commitThenReset');
    expect(kindOfLabel('nonsense#1')).toBeUndefined();
    expect(kindOfLabel(undefined)).toBeUndefined();
  });

  it("Chromium's resend: the same POST again within seconds after commit-then-reset", () => {
    const body = { text: 'x' };
    const t = (ms: number) => new Date(1_000_000 + ms).toISOString();
    const requests = [
      req({ method: 'POST', apiPath: '/n', body, reset: 'after-commit', at: t(0) }),
      req({ method: 'POST', apiPath: '/n', body: { text: 'other' }, at: t(5) }),
      req({ method: 'POST', apiPath: '/n', body, at: t(10) }),
      // Not resent: the outbox looked it up instead.
      req({ method: 'POST', apiPath: '/m', body, reset: 'after-commit', at: t(20) }),
      req({ method: 'GET', apiPath: '/m', at: t(30) }),
      // PATCHes are resent by the outbox itself, so they are not counted.
      req({ method: 'PATCH', apiPath: '/p', body, reset: 'after-commit', at: t(40) }),
      req({ method: 'PATCH', apiPath: '/p', body, at: t(50) }),
    ];
    expect(countChromiumResends(requests)).toEqual({ resets: 2, resent: 1 });
  });
});
