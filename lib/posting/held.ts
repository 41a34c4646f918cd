import { type Scope, scopeLabel, UNKNOWN_SCOPE } from '../connection/scope';
import { db, type OutboxState } from '../db/schema';

// Unsent posts grouped by the connection they were made for (issue 10 §3). Posts of another
// connection wait for it ("waiting for connection X") and are never sent elsewhere; Disconnect and a
// switch of connection offer to keep them (the default) or discard them.

export interface UnsentGroup {
  scope: Scope;
  label: string;
  posts: number;
  /** Made for the connection of the moment (they go out as usual). */
  current: boolean;
}

const OPEN: OutboxState[] = ['pending', 'sending', 'failed'];

export async function unsentByScope(current: Scope | undefined): Promise<UnsentGroup[]> {
  const posts = await db().posts.where('state').anyOf(OPEN).toArray();
  const count = new Map<Scope, number>();
  for (const p of posts) {
    const s = p.scope ?? UNKNOWN_SCOPE;
    count.set(s, (count.get(s) ?? 0) + 1);
  }
  return [...count].map(([scope, n]) => ({
    scope,
    label: scopeLabel(scope),
    posts: n,
    current: scope === current,
  }));
}

/** Discards every unsent post of one connection through the outbox's own Discard. */
export async function discardUnsent(
  scope: Scope,
  discard: (postId: string) => Promise<unknown>,
): Promise<number> {
  const posts = (await db().posts.where('state').anyOf(OPEN).toArray()).filter(
    (p) => (p.scope ?? UNKNOWN_SCOPE) === scope,
  );
  for (const p of posts) await discard(p.id);
  return posts.length;
}
