import { browser } from 'wxt/browser';
import type { Direction, ErrorInfo, Reply } from './protocol';
import type { MessageType, Req, Res } from './registry';

// Used by the options page, the panel frame and the content script. Imports only types from the
// protocol, so zod never ships in them.

export class BgError extends Error {
  constructor(readonly info: ErrorInfo) {
    super(info.message);
    this.name = 'BgError';
  }
}

const RETRY_DELAYS_MS = [50, 150, 400, 1000];

/** MV3 workers start on demand; the first message after a stop can miss the listener. */
function isWorkerStarting(e: unknown): boolean {
  const msg = e instanceof Error ? e.message : String(e);
  return /Receiving end does not exist|Could not establish connection|message port closed/i.test(msg);
}

export async function ask<D extends Direction, T extends MessageType<D>>(
  dir: D,
  type: T,
  payload: Req<D, T>,
): Promise<Res<D, T>> {
  let reply: Reply<Res<D, T>> | undefined;
  for (let attempt = 0; ; attempt++) {
    try {
      reply = (await browser.runtime.sendMessage({ dir, type, payload })) as Reply<Res<D, T>> | undefined;
      break;
    } catch (e) {
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || !isWorkerStarting(e)) {
        throw new BgError({
          kind: 'unavailable',
          message: 'FlowPilot’s background service is not responding. Reload the page.',
        });
      }
      await new Promise((r) => setTimeout(r, delay));
    }
  }
  if (!reply || typeof reply !== 'object') {
    throw new BgError({ kind: 'unavailable', message: 'FlowPilot’s background service gave no answer.' });
  }
  if (!reply.ok) throw new BgError(reply.error);
  return reply.data;
}

const REPEAT_DELAYS_MS = [300, 1_000, 2_500];

/**
 * For a message the worker makes safe to repeat (posting/post with its submissionId): when the worker
 * never answered (stopped mid-handling: "message channel closed"), ask again; the restarted worker
 * answers for what the first ask did. Other failures are returned at once.
 */
export async function askRepeatable<T>(ask: () => Promise<T>, delays = REPEAT_DELAYS_MS): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ask();
    } catch (e) {
      const delay = delays[attempt];
      if (!(e instanceof BgError && e.info.kind === 'unavailable') || delay === undefined) throw e;
      await new Promise((r) => setTimeout(r, delay));
    }
  }
}

export const askFromOptions = <T extends MessageType<'optionsToBg'>>(
  type: T,
  payload: Req<'optionsToBg', T>,
) => ask('optionsToBg', type, payload);
export const askFromPanel = <T extends MessageType<'panelToBg'>>(type: T, payload: Req<'panelToBg', T>) =>
  ask('panelToBg', type, payload);
export const askFromPage = <T extends MessageType<'pageToBg'>>(type: T, payload: Req<'pageToBg', T>) =>
  ask('pageToBg', type, payload);
