/** The parts of runtime.MessageSender the router looks at. */
export interface SenderLike {
  id?: string;
  url?: string;
  tab?: { id?: number };
  frameId?: number;
}

export type SenderKind =
  | { kind: 'extensionPage'; url: string }
  | { kind: 'contentScript'; url: string; tabId: number; frameId: number }
  | { kind: 'foreign' };

/**
 * Who sent a message. Extension pages (options, even when opened in a tab) have our origin; anything
 * else from our own extension id is a content script. Other extensions and web pages are foreign.
 */
export function classifySender(sender: SenderLike, extensionId: string, extensionOrigin: string): SenderKind {
  if (!sender.id || sender.id !== extensionId || !sender.url) return { kind: 'foreign' };
  if (sender.url.startsWith(extensionOrigin)) return { kind: 'extensionPage', url: sender.url };
  if (sender.tab?.id === undefined) return { kind: 'foreign' };
  return { kind: 'contentScript', url: sender.url, tabId: sender.tab.id, frameId: sender.frameId ?? 0 };
}
