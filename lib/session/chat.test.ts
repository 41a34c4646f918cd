// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/schema';
import { saveSettings } from '../settings/store';
import { appendCapped, CHAT_CAP, type ChatMessage } from './chat';
import { appendChat, clearChats, getChat } from './chat-store';

const msg = (i: number): ChatMessage => ({ role: i % 2 ? 'assistant' : 'user', content: `m${i}`, at: i });

beforeEach(async () => {
  await db().chats.clear();
  await db().settings.clear();
});

describe('appendCapped', () => {
  it('keeps every message in order up to the cap, then the newest, counting what dropped', () => {
    const a = appendCapped(undefined, [msg(1), msg(2)], 3);
    expect(a).toEqual({ messages: [msg(1), msg(2)], dropped: 0 });
    const b = appendCapped(a, [msg(3), msg(4)], 3);
    expect(b).toEqual({ messages: [msg(2), msg(3), msg(4)], dropped: 1 });
    const c = appendCapped(b, [msg(5), msg(6), msg(7), msg(8)], 3);
    expect(c).toEqual({ messages: [msg(6), msg(7), msg(8)], dropped: 5 });
  });
});

describe('saved chats', () => {
  it('survive as the session’s own, capped at 200 with the count of older ones', async () => {
    for (let i = 0; i < CHAT_CAP + 10; i += 2) await appendChat('s1', [msg(i), msg(i + 1)]);
    await appendChat('s2', [msg(0)]);
    const s1 = await getChat('s1');
    expect(s1.kept).toBe(true);
    expect(s1.messages).toHaveLength(CHAT_CAP);
    expect(s1.dropped).toBe(10);
    expect(s1.messages[0]?.content).toBe('m10');
    expect(s1.messages.at(-1)?.content).toBe(`m${CHAT_CAP + 9}`);
    expect((await getChat('s2')).messages).toEqual([msg(0)]);
    expect(await getChat('none')).toEqual({ messages: [], dropped: 0, kept: true, cap: CHAT_CAP });
  });

  it('"Keep assistant conversations" off: nothing is saved or shown; clearChats deletes what was kept', async () => {
    await appendChat('s1', [msg(0)]);
    await saveSettings({ keepAssistantChats: false });
    await appendChat('s1', [msg(1)]);
    expect(await getChat('s1')).toEqual({ messages: [], dropped: 0, kept: false, cap: CHAT_CAP });
    await clearChats();
    await saveSettings({ keepAssistantChats: true });
    expect((await getChat('s1')).messages).toEqual([]);
  });
});
