import type { ChatRecord } from '../db/schema';

// A session's assistant conversation: every message in order with its time, the newest CHAT_CAP per
// session. Pure parts here (pages may import them); the background's store is chat-store.ts.

export const CHAT_CAP = 200;

export type ChatMessage = ChatRecord['messages'][number];

export interface SavedChat {
  messages: ChatMessage[];
  /** How many older messages were dropped to stay under CHAT_CAP. */
  dropped: number;
  /** The setting: false means nothing is saved (and nothing was returned). */
  kept: boolean;
  /** CHAT_CAP, for the "older messages dropped" note. */
  cap: number;
}

/** Appends in order, keeping the newest `cap` and counting what fell off. Pure. */
export function appendCapped(
  prev: Pick<ChatRecord, 'messages' | 'dropped'> | undefined,
  add: readonly ChatMessage[],
  cap = CHAT_CAP,
): { messages: ChatMessage[]; dropped: number } {
  const all = [...(prev?.messages ?? []), ...add];
  const over = Math.max(0, all.length - cap);
  return { messages: all.slice(over), dropped: (prev?.dropped ?? 0) + over };
}
