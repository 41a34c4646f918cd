// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { UNKNOWN_SCOPE } from '../connection/scope';
import { db, type PostRecord } from '../db/schema';
import { discardUnsent, unsentByScope } from './held';

const A = 'flowpilot@http://127.0.0.1:4100';
const B = 'flowpilot@http://127.0.0.1:4200';
const post = (id: string, state: PostRecord['state'], scope?: string): PostRecord => ({
  id,
  ticketKey: 'service:1001',
  ticketId: 1001,
  summary: 'note',
  state,
  createdAt: 1,
  updatedAt: 1,
  data: { items: [] },
  ...(scope ? { scope } : {}),
});

beforeEach(async () => {
  await db().posts.clear();
  await db().posts.bulkPut([
    post('a1', 'pending', A),
    post('a2', 'failed', A),
    post('a3', 'sent', A),
    post('b1', 'pending', B),
    post('u1', 'pending', UNKNOWN_SCOPE),
  ]);
});

describe('unsent posts per connection (issue 10 §3)', () => {
  it('counts open posts per scope and marks the current one', async () => {
    const groups = await unsentByScope(B);
    expect(groups.map((g) => [g.scope, g.posts, g.current])).toEqual([
      [A, 2, false],
      [B, 1, true],
      [UNKNOWN_SCOPE, 1, false],
    ]);
    expect(groups[0]?.label).toBe('company flowpilot at 127.0.0.1:4100');
  });

  it('discards one connection’s unsent posts through the outbox’s Discard', async () => {
    const discarded: string[] = [];
    expect(await discardUnsent(A, async (id) => void discarded.push(id))).toBe(2);
    expect(discarded.sort()).toEqual(['a1', 'a2']);
  });
});
