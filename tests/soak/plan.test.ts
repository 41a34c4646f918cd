// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { FAULT_KINDS, faultRule, planSoak, type SoakTicket } from './plan';

const TICKETS: SoakTicket[] = [
  { kind: 'service', id: 1001 },
  { kind: 'service', id: 1042 },
  { kind: 'project', id: 5001 },
  { kind: 'project', id: 5009 },
];
const timings = { requestTimeoutMs: 3_000, unknownOutcomeWaitMs: 8_000 };
const plan = (seed: number, posts = 220) => planSoak(seed, TICKETS, { posts, faultShare: 0.45, timings });

describe('the soak plan', () => {
  it('is the same for the same seed, and differs for another', () => {
    expect(plan(7)).toEqual(plan(7));
    expect(plan(8).posts.map((p) => p.ticket.id)).not.toEqual(plan(7).posts.map((p) => p.ticket.id));
  });

  it('gives each post a unique marker in its note text and spreads posts over every ticket', () => {
    const { posts } = plan(3);
    expect(new Set(posts.map((p) => p.marker)).size).toBe(posts.length);
    for (const p of posts) expect(p.text).toContain(p.marker);
    expect(new Set(posts.map((p) => p.ticket.id))).toEqual(new Set(TICKETS.map((t) => t.id)));
  });

  it('over 220 posts uses every fault kind on every kind of write, and closes the browser mid-run', () => {
    const { posts, restartAfter } = plan(11);
    const faults = posts.flatMap((p) => (p.fault ? [p.fault] : []));
    expect(new Set(faults.map((f) => f.kind))).toEqual(new Set(FAULT_KINDS));
    expect(new Set(faults.map((f) => f.target))).toEqual(new Set(['note', 'timeEntry', 'status']));
    expect(new Set(faults.map((f) => f.label)).size).toBe(faults.length);
    expect(restartAfter).toBeGreaterThanOrEqual(88);
    expect(restartAfter).toBeLessThanOrEqual(132);
  });

  it('follows a status change that may land late with another status change on the same ticket', () => {
    const { posts } = plan(13);
    const late = posts.filter(
      (p) => p.fault?.target === 'status' && ['timeout', 'lateCommit', 'workerStop'].includes(p.fault.kind),
    );
    expect(late.length).toBeGreaterThan(0);
    for (const p of late) {
      const next = posts[p.index + 1];
      if (!next) continue;
      expect(next.ticket).toEqual(p.ticket);
      expect(next.statusPick).toBeDefined();
    }
  });

  it('only faults a write the post makes', () => {
    for (const p of plan(5).posts) {
      if (p.fault?.target === 'timeEntry') expect(p.minutes).toBeDefined();
      if (p.fault?.target === 'status') expect(p.statusPick).toBeDefined();
    }
  });

  it('lands late commits after the client gave up and before the unknown-outcome wait ends', () => {
    const late = plan(9).posts.flatMap((p) => (p.fault?.kind === 'lateCommit' ? [p.fault] : []));
    expect(late.length).toBeGreaterThan(0);
    for (const f of late) {
      expect(f.lateCommitMs).toBeGreaterThan(timings.requestTimeoutMs);
      expect(f.lateCommitMs).toBeLessThan(timings.requestTimeoutMs + timings.unknownOutcomeWaitMs);
    }
  });
});

describe('faultRule', () => {
  const base = plan(1, 1).posts[0]!;
  const post = { ...base, ticket: { kind: 'service' as const, id: 1042 }, marker: 'soak-1-p0000' };

  it('picks a note by its marker, a time entry by its ticket, a status change by its ticket', () => {
    const note = faultRule(
      { ...post, fault: { kind: 'http500', target: 'note', label: 'http500#0' } },
      timings,
    );
    expect(note).toEqual({
      method: 'POST',
      path: '^/service/tickets/1042/notes$',
      bodyMatch: 'soak-1-p0000',
      times: 1,
      label: 'http500#0',
      status: 500,
    });
    const time = faultRule(
      { ...post, fault: { kind: 'resetBefore', target: 'timeEntry', label: 'resetBefore#0' } },
      timings,
    );
    expect(time).toMatchObject({ method: 'POST', path: '^/time/entries$', reset: 'before' });
    expect(
      new RegExp(time!.bodyMatch!).test('{"chargeToType":"ServiceTicket","chargeToId":1042,"x":1}'),
    ).toBe(true);
    expect(new RegExp(time!.bodyMatch!).test('{"chargeToId":10421,"x":1}')).toBe(false);
    const project = { ...post, ticket: { kind: 'project' as const, id: 5009 } };
    expect(
      faultRule({ ...project, fault: { kind: 'commitThenReset', target: 'status', label: 'c#0' } }, timings),
    ).toMatchObject({ method: 'PATCH', path: '^/project/tickets/5009$', reset: 'after-commit' });
  });

  it('turns each kind into the sandbox fault that plays it', () => {
    const rule = (kind: (typeof FAULT_KINDS)[number], extra = {}) =>
      faultRule({ ...post, fault: { kind, target: 'note', label: `${kind}#0`, ...extra } }, timings);
    expect(rule('http429', { retryAfter: 2 })).toMatchObject({ status: 429, retryAfter: 2 });
    expect(rule('timeout')!.latencyMs).toBeGreaterThan(timings.requestTimeoutMs);
    expect(rule('workerStop')!.latencyMs).toBeGreaterThan(timings.requestTimeoutMs);
    expect(rule('lateCommit', { lateCommitMs: 6_000 })).toMatchObject({ lateCommitMs: 6_000 });
    expect(rule('lookup503')).toMatchObject({
      method: 'GET',
      path: '^/service/tickets/1042/notes$',
      status: 503,
    });
    expect(faultRule({ ...post, fault: undefined }, timings)).toBeUndefined();
  });
});
