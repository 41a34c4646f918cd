import type { ErrorInfo } from './protocol';

// The assistant streams over a runtime Port (`browser.runtime.connect({ name: AI_CHAT_PORT })`): one
// port per panel, one answer at a time. Types only here (the panel imports them); the background
// validates with zod in lib/background/ai-chat-port.ts.

export const AI_CHAT_PORT = 'ai-chat';

export type PanelToBgChat =
  | {
      type: 'ask';
      /** Distinguishes answers when the tech asks again before one finished. */
      askId: string;
      sessionId: string;
      /** The panel's TicketContext for the session's ticket (the background checks it matches). */
      context?: unknown;
      history: { role: 'user' | 'assistant'; content: string }[];
      message: string;
    }
  | { type: 'stop'; askId: string };

export type BgToPanelChat =
  | { type: 'delta'; askId: string; text: string }
  | {
      type: 'done';
      askId: string;
      text: string;
      suggestions: { section: 'facts' | 'questions' | 'checks' | 'fixes'; text: string }[];
    }
  | { type: 'error'; askId: string; error: ErrorInfo };
