import { afterPaint } from './after-paint';
import { findBanner } from './dom';
import { type DetectedTicket, type ResolveMemory, resolveOnScreen, sameDetection } from './resolve';

// Follows CW's single-page navigation without polling, and stays out of CW's way while doing it:
// - the MutationObserver callback only schedules; it never reads the DOM or layout;
// - the check runs once per batch, in a task after the next frame, so CW's screen is painted first;
// - once a banner is known, only the screen that holds it is watched deeply, plus the content root's
//   own children (CW swaps screens there); before that, the whole content root.
// Plus popstate/hashchange. Everything is torn down through the AbortSignal (refined-github's
// feature-manager pattern).

export interface WatchOptions {
  win: Window;
  signal: AbortSignal;
  /** Called with the ticket on screen (null: not a ticket page) whenever it changes, and once at start. */
  onChange: (ticket: DetectedTicket | null) => void;
  /** Called after each batched check (the dock uses it to make sure its host is still attached). */
  afterCheck?: () => void;
}

/** CW renders its screens into #cwContent (cw-api.md §7); other layouts fall back to <body>. */
function contentRoot(doc: Document): Node {
  return doc.getElementById('cwContent') ?? doc.body ?? doc.documentElement;
}

/** The child of `root` that contains `el` (the screen holding the banner). */
function screenOf(root: Node, el: Element): Element | undefined {
  let n: Element | null = el;
  while (n && n.parentNode !== root) n = n.parentElement;
  return n ?? undefined;
}

const DEEP: MutationObserverInit = { childList: true, subtree: true, characterData: true };

export function watchTicketOnScreen({ win, signal, onChange, afterCheck }: WatchOptions): void {
  const doc = win.document;
  let memory: ResolveMemory = {};
  let current: DetectedTicket | null | undefined;
  let root = contentRoot(doc);
  let screen: Element | undefined;

  const { schedule, clear: clearTimers } = afterPaint(win, signal, () => check());

  // The global MutationObserver: a content script shares the page window but not its prototype chain.
  const observer = new MutationObserver(schedule);
  const observe = () => {
    observer.disconnect();
    if (screen) {
      observer.observe(root, { childList: true });
      observer.observe(screen, DEEP);
    } else {
      observer.observe(root, DEEP);
    }
  };

  function check() {
    clearTimers();
    if (signal.aborted) return;
    const nextRoot = contentRoot(doc);
    const banner = findBanner(nextRoot as ParentNode);
    const nextScreen = banner ? screenOf(nextRoot, banner) : undefined;
    if (nextRoot !== root || nextScreen !== screen) {
      root = nextRoot;
      screen = nextScreen;
      observe();
    }
    const { result, memory: next } = resolveOnScreen(
      { url: win.location.href, title: doc.title, banner: banner ? (banner.textContent ?? '') : null },
      memory,
    );
    memory = next;
    if (result !== 'pending' && (current === undefined || !sameDetection(current, result))) {
      current = result;
      onChange(result);
    }
    afterCheck?.();
  }

  observe();
  signal.addEventListener('abort', () => observer.disconnect(), { once: true });
  check();
}
