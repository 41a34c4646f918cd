import { db } from '../db/schema';
import { getSettings } from '../settings/store';
import { appendCapped, CHAT_CAP, type ChatMessage, type SavedChat } from './chat';

// Saved assistant conversations, written by the background as they happen (lib/background/ai-chat-port)
// when "Keep assistant conversations" is on. Their own table, so saving the session on every lane edit
// stays small. Conversation text is never written to the activity log.

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
  if (!(await getSettings()).keepAssistantChats)
    return { messages: [], dropped: 0, kept: false, cap: CHAT_CAP };
  const rec = await db().chats.get(sessionId);
  return { messages: rec?.messages ?? [], dropped: rec?.dropped ?? 0, kept: true, cap: CHAT_CAP };
}

/** Turning "Keep assistant conversations" off deletes what was kept. */
export async function clearChats(): Promise<void> {
  await db().chats.clear();
}
