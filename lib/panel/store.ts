import { computed, signal } from '@preact/signals';
import type { DetectedTicket } from '../detect/resolve';
import type { ErrorInfo } from '../messages/protocol';
import { type TicketContext, type TicketRef, ticketKey } from '../ticket/types';

// The panel's state: what the page shows (detection), what the technician chose (Link Ticket), and
// the linked ticket's context as the background reports it. Rules that decide what is linked live
// here as small methods so they can be tested without a browser.

export interface LinkedTicket {
  ref: TicketRef;
  /** Summary known before the context arrives (banner text or the search result). */
  summary?: string;
  /** The PSA's ticket number when it is not the id (Autotask), known before the context arrives. */
  number?: string;
  how: 'page' | 'search';
}

export type ContextState =
  | { status: 'idle' }
  | { status: 'loading'; key: string; partial?: TicketContext }
  | { status: 'ready'; key: string; context: TicketContext }
  | { status: 'error'; key: string; error: ErrorInfo };

export function createPanelStore() {
  /** undefined until the first detection ran. */
  const detected = signal<DetectedTicket | null | undefined>(undefined);
  const chosen = signal<LinkedTicket | null>(null);
  /** The technician unlinked the page's ticket; cleared when the page shows another ticket. */
  const pageUnlinked = signal(false);
  const context = signal<ContextState>({ status: 'idle' });
  const collapsed = signal(false);
  const searchOpen = signal(false);

  const pageTicket = computed<LinkedTicket | null>(() => {
    const d = detected.value;
    return d
      ? {
          ref: { kind: d.kind, id: d.id },
          summary: d.summary,
          ...(d.number ? { number: d.number } : {}),
          how: 'page',
        }
      : null;
  });
  const linked = computed<LinkedTicket | null>(
    () => chosen.value ?? (pageUnlinked.value ? null : pageTicket.value),
  );
  const linkedKey = computed(() => (linked.value ? ticketKey(linked.value.ref) : undefined));
  /**
   * The linked ticket's number where it is not the id (Autotask's T20261129.0004), as the header shows
   * it: from the context, its first wave, or detection. Undefined on ConnectWise ("#1001").
   */
  const linkedNumber = computed<string | undefined>(() => {
    if (!linked.value) return undefined;
    const c = context.value;
    const loaded = c.status === 'ready' ? c.context : c.status === 'loading' ? c.partial : undefined;
    return loaded?.number ?? linked.value.number;
  });

  return {
    detected,
    chosen,
    pageUnlinked,
    context,
    collapsed,
    searchOpen,
    pageTicket,
    linked,
    linkedKey,
    linkedNumber,

    /** The page shows another ticket (or none): it becomes the linked ticket again. */
    setDetected(t: DetectedTicket | null) {
      const prev = detected.value;
      const sameTicket = prev && t && prev.kind === t.kind && prev.id === t.id;
      detected.value = t;
      if (!sameTicket && prev !== undefined) {
        chosen.value = null;
        pageUnlinked.value = false;
      }
    },
    linkChosen(t: LinkedTicket) {
      chosen.value = { ...t, how: 'search' };
      searchOpen.value = false;
    },
    /** A searched ticket → back to the page's ticket; the page's ticket → nothing linked. */
    unlink() {
      if (chosen.value) chosen.value = null;
      else pageUnlinked.value = true;
    },
    relinkPage() {
      chosen.value = null;
      pageUnlinked.value = false;
    },
  };
}

export type PanelStore = ReturnType<typeof createPanelStore>;
