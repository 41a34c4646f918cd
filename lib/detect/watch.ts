import { readBanner } from './dom';
import { type DetectedTicket, type ResolveMemory, resolveOnScreen, sameDetection } from './resolve';

// Follows CW's single-page navigation without polling: one MutationObserver on the content root,
// batched to one check per animation frame, plus popstate/hashchange. Everything is torn down through
// the AbortSignal (refined-github's feature-manager pattern).

export interface WatchOptions {
  win: Window;
  signal: AbortSignal;
  /** Called with the ticket on screen (null: not a ticket page) whenever it changes, and once at start. */
  onChange: (ticket: DetectedTicket | null) => void;
  /** Called after each batched check (the panel uses it to make sure its host is still attached). */
  afterCheck?: () => void;
}

/** CW renders its screens into #cwContent (cw-api.md §7); other layouts fall back to <body>. */
function contentRoot(doc: Document): Node {
  return doc.getElementById('cwContent') ?? doc.body ?? doc.documentElement;
}

export function watchTicketOnScreen({ win, signal, onChange, afterCheck }: WatchOptions): void {
  const doc = win.document;
  let memory: ResolveMemory = {};
  let current: DetectedTicket | null | undefined;
  let frame: number | undefined;
  let backup: ReturnType<typeof setTimeout> | undefined;
  let root = contentRoot(doc);

  const check = () => {
    if (frame !== undefined) win.cancelAnimationFrame(frame);
    if (backup !== undefined) clearTimeout(backup);
    frame = backup = undefined;
    if (signal.aborted) return;
    if (!root.isConnected) {
      // CW replaced its content root: follow the new one with the same observer.
      observer.disconnect();
      root = contentRoot(doc);
      observer.observe(root, OBSERVE);
    }
    const { result, memory: next } = resolveOnScreen(
      { url: win.location.href, title: doc.title, banner: readBanner(doc) },
      memory,
    );
    memory = next;
    if (result !== 'pending' && (current === undefined || !sameDetection(current, result))) {
      current = result;
      onChange(result);
    }
    afterCheck?.();
  };

  const schedule = () => {
    if (frame !== undefined || signal.aborted) return;
    frame = win.requestAnimationFrame(check);
    // Frames do not run in hidden tabs; a one-shot timer makes sure the batch still lands.
    backup = setTimeout(check, 250);
  };

  const OBSERVE: MutationObserverInit = { childList: true, subtree: true, characterData: true };
  // The global MutationObserver: a content script shares the page window but not its prototype chain.
  const observer = new MutationObserver(schedule);
  observer.observe(root, OBSERVE);
  win.addEventListener('popstate', schedule, { signal });
  win.addEventListener('hashchange', schedule, { signal });
  signal.addEventListener(
    'abort',
    () => {
      observer.disconnect();
      if (frame !== undefined) win.cancelAnimationFrame(frame);
      if (backup !== undefined) clearTimeout(backup);
    },
    { once: true },
  );
  check();
}
