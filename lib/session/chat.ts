import { type ChatRecord, db } from '../db/schema';
import { getSettings } from '../settings/store';

// A session's assistant conversation, saved by the background as it happens (lib/background/ai-chat-port)
// when the setting "Keep assistant conversations" is on: every message in order with its time, the
// newest CHAT_CAP per session. Kept in its own table so saving the session on every lane edit stays small.
// Conversation text is never written to the activity log.

export const CHAT_CAP = 200;

export type ChatMessage = ChatRecord['messages'][number];

export interface SavedChat {
  messages: ChatMessage[];
  /** How many older messages were dropped to stay under CHAT_CAP. */
  dropped: number;
  /** The setting: false means nothing is saved (and nothing was returned). */
  kept: boolean;
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

/** Saves messages at the end of a session's conversation (nothing when the setting is off). */
export async function appendChat(
  sessionId: string,
  add: readonly ChatMessage[],
  now = Date.now(),
): Promise<void> {
  if (add.length === 0 || !(await getSettings()).keepAssistantChats) return;
  await db().transaction('rw', db().chats, async () => {
    const prev = await db().chats.get(sessionId);
    await db().chats.put({ sessionId, ...appendCapped(prev, add), updatedAt: now });
  });
}

export async function getChat(sessionId: string): Promise<SavedChat> {
  if (!(await getSettings()).keepAssistantChats) return { messages: [], dropped: 0, kept: false };
  const rec = await db().chats.get(sessionId);
  return { messages: rec?.messages ?? [], dropped: rec?.dropped ?? 0, kept: true };
}

/** Turning "Keep assistant conversations" off deletes what was kept. */
export async function clearChats(): Promise<void> {
  await db().chats.clear();
}
