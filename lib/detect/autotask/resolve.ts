// Which Autotask ticket is on screen, from one snapshot: the URL's ticket id (or number) and the number
// and title the page shows. What is on screen wins: a URL number that disagrees with the rendered number
// is dropped. A URL id cannot be compared with a number without the API, so both are returned and the
// background confirms the id's ticketNumber (phase B) before linking; when they disagree it links by the
// number on screen. Autotask renders each ticket as its own document (popup, tab or the shell's iframe),
// so a stale URL is less likely than in CW; whether "1 of N" navigation reloads is UNCONFIRMED.

import type { AutotaskScreenTicket } from './dom';
import { type AutotaskUrlTicket, autotaskTicketFromUrl } from './url';

export interface AutotaskOnScreen {
  id?: number;
  number?: string;
  title?: string;
  editing: boolean;
  source: 'url' | 'screen' | 'url+screen';
}

export function resolveAutotaskOnScreen(snap: {
  url: string;
  screen?: AutotaskScreenTicket;
}): AutotaskOnScreen | null {
  const u: AutotaskUrlTicket | undefined = autotaskTicketFromUrl(snap.url);
  const s = snap.screen;
  if (!u && !s) return null;
  const base = { editing: s?.editing ?? false, ...(s?.title ? { title: s.title } : {}) };
  if (!u) return { ...base, number: s!.number, source: 'screen' };
  if (u.by === 'id') {
    return s
      ? { ...base, id: u.id, number: s.number, source: 'url+screen' }
      : { ...base, id: u.id, source: 'url' };
  }
  if (s && s.number !== u.number) return { ...base, number: s.number, source: 'screen' };
  return { ...base, number: u.number, source: s ? 'url+screen' : 'url' };
}
