import { confirmAutotaskTicket } from '../autotask/link';
import { connectedAutotaskClient, isAutotask } from '../connection/store';
import { db } from '../db/schema';
import type { AutotaskOnScreen } from '../detect/autotask/resolve';
import { DETECTED_SUMMARY_MAX, type DetectedTicket } from '../detect/resolve';

// What an Autotask page shows (URL id and/or the number and title on screen) becomes the ticket its
// panel links, like CW's banner check: the URL id is confirmed through the API, and a number on screen
// that disagrees with it wins (lib/autotask/link.ts). The panel then sees a DetectedTicket like CW's.

/**
 * The ticket to link, or null when the page shows none the API user can see. When Autotask cannot be
 * asked (offline, throttled) the URL's id is used as it stands: the panel's context load then says
 * what is wrong, as it does for CW.
 */
export async function confirmAutotaskOnScreen(seen: AutotaskOnScreen): Promise<DetectedTicket | null> {
  if (!isAutotask(await db().connections.get('primary'))) return null;
  const summary = seen.title?.slice(0, DETECTED_SUMMARY_MAX);
  const shown = { ...(summary ? { summary } : {}) };
  try {
    const { client } = await connectedAutotaskClient();
    const ref = await confirmAutotaskTicket(client, seen);
    if (!ref) return null;
    // 'banner': checked against what is on screen; 'url': only the URL named it.
    return {
      kind: 'service',
      id: ref.id,
      ...(ref.number ? { number: ref.number } : {}),
      ...shown,
      source: seen.number ? 'banner' : 'url',
    };
  } catch {
    return seen.id !== undefined ? { kind: 'service', id: seen.id, ...shown, source: 'url' } : null;
  }
}
