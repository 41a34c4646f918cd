import { afterPaint } from '../after-paint';
import { readAutotaskTicket } from './dom';
import { type AutotaskOnScreen, resolveAutotaskOnScreen } from './resolve';

// Follows what an Autotask page shows without polling: Autotask renders each ticket as its own document
// (a new page load starts a new content script), but content inside a page updates in place and the
// "1 of N" navigator may or may not reload (UNCONFIRMED). So: one check at start (the URL alone), then
// a MutationObserver whose callback only schedules a check in a task after the next frame (Autotask's
// page is painted first), plus popstate/hashchange. Torn down through the AbortSignal.

export interface AutotaskWatchOptions {
  win: Window;
  signal: AbortSignal;
  /** Called with what the page shows (null: no ticket) whenever it changes, and once at start. */
  onChange: (seen: AutotaskOnScreen | null) => void;
  afterCheck?: () => void;
}

export function sameAutotaskOnScreen(a: AutotaskOnScreen | null, b: AutotaskOnScreen | null): boolean {
  if (a === null || b === null) return a === b;
  return (
    a.id === b.id && a.number === b.number && (a.title ?? '') === (b.title ?? '') && a.editing === b.editing
  );
}

const DEEP: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export function watchAutotaskOnScreen({ win, signal, onChange, afterCheck }: AutotaskWatchOptions): void {
  const doc = win.document;
  let current: AutotaskOnScreen | null | undefined;
  const { schedule, clear: clearTimers } = afterPaint(win, signal, () => check());

  function check() {
    clearTimers();
    if (signal.aborted) return;
    const screen = readAutotaskTicket(doc);
    const next = resolveAutotaskOnScreen({ url: win.location.href, ...(screen ? { screen } : {}) });
    if (current === undefined || !sameAutotaskOnScreen(current, next)) {
      current = next;
      onChange(next);
    }
    afterCheck?.();
  }

  // The global MutationObserver: a content script shares the page window but not its prototype chain.
  const observer = new MutationObserver(schedule);
  observer.observe(doc, DEEP);
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  check();
}
