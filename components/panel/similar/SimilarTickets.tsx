import { useEffect, useRef, useState } from 'preact/hooks';
import { askFromPanel, BgError } from '@/lib/messages/client';
import { panelWords } from '@/lib/panel/words';
import { ticketLabel, ticketNo } from '@/lib/psa/words';
import type { SimilarResult, SimilarTicket } from '@/lib/similar/load';
import { type TicketContext, type TicketRef, ticketKey } from '@/lib/ticket/types';
import { ticketFacts } from '../session/types';

// "Similar resolved tickets" (issue 13): up to five closed/resolved tickets that look like this one, and
// what fixed them. The background starts the search right after the context's first wave; this asks
// for that answer once the panel has a context. The PSA refusing or failing is a plain line in the section.

const LINES_SHOWN = 2;

interface Props {
  ticket: TicketRef;
  /** The context as far as loaded (first wave is enough); nothing is asked before it. */
  context: TicketContext | undefined;
}

const day = (iso?: string) =>
  iso ? new Date(iso).toLocaleDateString(undefined, { dateStyle: 'medium' }) : '';

/** "Use this fix": into the open session's Suggested fix lane, or a new session that starts with it. */
async function applyFix(
  ticket: TicketRef,
  context: TicketContext | undefined,
  t: SimilarTicket,
  text: string,
) {
  const key = ticketKey(ticket);
  // Autotask: the similar ticket's number, and this one's, as their technicians know them.
  const from = { fromTicket: t.ticketId, ...(t.number ? { fromTicketNumber: t.number } : {}) };
  const open = await askFromPanel('session/get', { ticketKey: key });
  if (open && (open.session.state === 'active' || open.session.state === 'paused')) {
    await askFromPanel('session/lane', {
      sessionId: open.session.id,
      op: { op: 'add', section: 'fixes', text, source: 'similar', ...from },
    });
    return;
  }
  const number = context?.number;
  await askFromPanel('session/start', {
    ticketKey: key,
    ticketSummary: context?.summary ?? `Ticket ${ticketNo(ticket.id, number)}`,
    ...(number ? { ticketNumber: number } : {}),
    problem: context?.summary ?? '',
    ...ticketFacts(context),
    fix: { text, ...from },
  });
}

/** The first lines of a resolution, with one ellipsis (a line ending in "." read ".…"). */
function clip(lines: string[]): string {
  return `${lines
    .slice(0, LINES_SHOWN)
    .join('\n')
    .replace(/[\s.…]+$/, '')}…`;
}

/** One similar ticket (exported for its component test). */
export function SimilarRow({ t, onUse }: { t: SimilarTicket; onUse: (text: string) => Promise<void> }) {
  const [open, setOpen] = useState(false);
  // Autotask: the ticket number technicians know; CW: #id.
  const label = ticketLabel({ kind: 'service', id: t.ticketId }, t.number);
  const [state, setState] = useState<'idle' | 'busy' | 'added'>('idle');
  const lines = t.resolution?.split('\n') ?? [];
  const long = lines.length > LINES_SHOWN;
  // One line for the lane (its items are single lines, 2000 characters at most).
  const fix = (t.resolution ?? '').replace(/\s+/g, ' ').trim().slice(0, 1000);
  return (
    <li class="fp-note" data-similar={t.ticketId}>
      <div>
        <a href={t.webUrl} target="_blank" rel="noopener noreferrer">
          {label}
        </a>{' '}
        {t.summary} {t.source === 'flowpilot' && <span class="fp-chip">FlowPilot session</span>}
      </div>
      <div class="fp-note-meta">
        {[t.company, t.closedAt && `resolved ${day(t.closedAt)}`, t.resolvedBy && `by ${t.resolvedBy}`]
          .filter(Boolean)
          .join(' · ')}
      </div>
      {t.resolution ? (
        <>
          <p class="fp-note-text">
            <strong>What fixed it: </strong>
            {open || !long ? t.resolution : clip(lines)}
          </p>
          {long && (
            <button
              type="button"
              class="fp-link"
              aria-expanded={open}
              aria-label={`Show ${open ? 'less' : 'more'} of ${label}`}
              onClick={() => setOpen(!open)}
            >
              {open ? 'less' : 'more'}
            </button>
          )}
          <button
            type="button"
            class="fp-link"
            aria-label={`Use this fix from ${label}`}
            disabled={state !== 'idle'}
            onClick={() => {
              setState('busy');
              void onUse(fix).then(
                () => setState('added'),
                () => setState('idle'),
              );
            }}
          >
            {state === 'added' ? 'Added to Suggested fix' : 'Use this fix'}
          </button>
        </>
      ) : (
        <p class="fp-msg">
          {t.resolutionMissing === 'unreadable'
            ? `Its ${panelWords.value.resolutionText} could not be read.`
            : `No ${panelWords.value.resolutionText} on this ticket.`}
        </p>
      )}
    </li>
  );
}

export function SimilarTickets({ ticket, context }: Props) {
  const key = ticketKey(ticket);
  const ready = context && ticketKey(context.ref) === key ? context : undefined;
  const [result, setResult] = useState<{ key: string; value?: SimilarResult; error?: string }>();
  const [useError, setUseError] = useState<string>();
  const asked = useRef(0);

  // Asks once a context exists, and again when it is reloaded (Refresh restarts the search).
  useEffect(() => {
    if (!ready) return;
    const n = ++asked.current;
    askFromPanel('similar/get', { ticket }).then(
      (value) => n === asked.current && setResult({ key, value }),
      (e: unknown) =>
        n === asked.current &&
        setResult({ key, error: e instanceof BgError ? e.message : 'Similar tickets could not be loaded.' }),
    );
  }, [key, ready?.fetchedAt]);

  // No context (still loading, or CW did not return the ticket): nothing to compare with, no section.
  if (!ready) return null;
  const mine = result?.key === key ? result : undefined;
  const items = mine?.value?.items ?? [];
  const problem = mine?.error ?? mine?.value?.problem?.message;
  return (
    // Not a named region: existing locators look for the region "Ticket" by substring. Found by its heading.
    <section class="fp-section" data-section="similar">
      {/* Ticket links in the panel's accent colour (the browser's default blue is unreadable in dark mode). */}
      <style>{'[data-section="similar"] a{color:var(--accent)}'}</style>
      <h3>Similar resolved tickets</h3>
      {!mine && <p class="fp-msg">Looking for similar resolved tickets…</p>}
      {problem && (
        <p class="fp-msg" role="status">
          {problem}
        </p>
      )}
      {mine && !problem && items.length === 0 && <p class="fp-msg">No similar resolved tickets found.</p>}
      {items.length > 0 && (
        <ul class="fp-results">
          {items.map((t) => (
            <SimilarRow
              key={`${t.source}:${t.ticketId}`}
              t={t}
              onUse={(text) =>
                applyFix(ticket, ready, t, text).then(
                  () => setUseError(undefined),
                  (e: unknown) => {
                    setUseError(e instanceof BgError ? e.message : 'The fix could not be added.');
                    throw e;
                  },
                )
              }
            />
          ))}
        </ul>
      )}
      {useError && (
        <p class="fp-warn" role="alert">
          {useError}
        </p>
      )}
    </section>
  );
}
