import type { TicketKind } from '../ticket/types';
import { parseTicketLabel, parseTicketTitle } from './dom';
import { ticketFromUrl } from './url';

// Which ticket is on screen, from one snapshot of the page plus a little memory. What is rendered
// wins: a banner decides on its own. Without a banner (CW is loading a screen) the URL and title are
// trusted only if they changed since the last banner was seen, because CW's in-app navigation leaves
// both stale; when nothing is fresh the answer is "pending" and the panel keeps what it shows.

/** Summaries come from CW's banner or title; longer ones are cut before they are sent anywhere. */
export const DETECTED_SUMMARY_MAX = 500;

export interface DetectedTicket {
  kind: TicketKind;
  id: number;
  summary?: string;
  /** The PSA's own ticket number when it is not the id (Autotask's T20261129.0004). */
  number?: string;
  source: 'banner' | 'url' | 'title';
}

export interface PageSnapshot {
  url: string;
  title: string;
  /** Banner text when a banner is rendered, null when there is none. */
  banner: string | null;
}

export interface ResolveMemory {
  urlAtBanner?: string;
  titleAtBanner?: string;
}

export type Resolution = DetectedTicket | null | 'pending';

export function resolveOnScreen(
  snap: PageSnapshot,
  memory: ResolveMemory,
): { result: Resolution; memory: ResolveMemory } {
  if (snap.banner !== null) {
    const label = parseTicketLabel(snap.banner);
    return {
      result: label ? { ...label, source: 'banner' } : null,
      memory: { urlAtBanner: snap.url, titleAtBanner: snap.title },
    };
  }
  const urlFresh = memory.urlAtBanner === undefined || snap.url !== memory.urlAtBanner;
  const titleFresh = memory.titleAtBanner === undefined || snap.title !== memory.titleAtBanner;
  if (urlFresh) {
    const u = ticketFromUrl(snap.url);
    if (u) return { result: { ...u, source: 'url' }, memory };
  }
  if (titleFresh) {
    const t = parseTicketTitle(snap.title);
    if (t) return { result: { ...t, source: 'title' }, memory };
  }
  return { result: urlFresh ? null : 'pending', memory };
}

export function sameDetection(a: DetectedTicket | null, b: DetectedTicket | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.kind === b.kind &&
    a.id === b.id &&
    (a.summary ?? '') === (b.summary ?? '') &&
    (a.number ?? '') === (b.number ?? '')
  );
}
