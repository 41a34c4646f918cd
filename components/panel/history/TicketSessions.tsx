import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromPanel } from '@/lib/messages/client';
import type { SessionSummary } from '@/lib/session/history';
import { formatDuration } from '@/lib/session/model';

// The linked ticket's earlier FlowPilot sessions (issue 13): resolved, escalated and abandoned, newest
// first, with their documentation and who ran them; one click copies the documentation.

const PAGE = 5;
const WORD = { resolved: 'Resolved', escalated: 'Escalated', abandoned: 'Abandoned' } as Record<
  string,
  string
>;

export function TicketSessions({ ticketKey }: { ticketKey: string }) {
  const [items, setItems] = useState<SessionSummary[] | undefined>();
  const [hasMore, setHasMore] = useState(false);
  const [copied, setCopied] = useState<string>();

  const load = (offset: number) =>
    askFromPanel('session/history', { ticketKey, offset, limit: PAGE }).then(
      (page) => {
        setItems((prev) => (offset === 0 ? page.items : [...(prev ?? []), ...page.items]));
        setHasMore(page.hasMore);
      },
      () => setItems((prev) => prev ?? []),
    );

  useEffect(() => {
    setItems(undefined);
    void load(0);
    // A session of this ticket closing (here or in another tab) adds to the list.
    const onMsg = (m: unknown) => {
      const b = m as BgToPages | undefined;
      if (b?.dir === 'bgToPages' && b.type === 'session/changed' && b.ticketKey === ticketKey) void load(0);
      return undefined;
    };
    browser.runtime.onMessage.addListener(onMsg);
    return () => browser.runtime.onMessage.removeListener(onMsg);
  }, [ticketKey]);

  if (!items?.length) return null;
  return (
    <section class="fp-section" data-section="earlier-sessions">
      <h3>Earlier sessions</h3>
      <ul class="fp-results">
        {items.map((s) => {
          const when = new Date(s.endedAt ?? s.startedAt).toLocaleString(undefined, {
            dateStyle: 'medium',
            timeStyle: 'short',
          });
          return (
            <li key={s.id} class="fp-note">
              <div>
                <strong>{WORD[s.state] ?? s.state}</strong> {when}
              </div>
              <div class="fp-note-meta">
                {[s.technician ?? 'Technician not recorded', `${formatDuration(s.activeMs)} active`].join(
                  ' · ',
                )}
              </div>
              {s.documentation ? (
                <>
                  <details>
                    <summary>Documentation</summary>
                    <p class="fp-note-text">{s.documentation}</p>
                  </details>
                  <button
                    type="button"
                    class="fp-link"
                    aria-label={`Copy documentation from ${when}`}
                    onClick={() =>
                      void navigator.clipboard?.writeText(s.documentation ?? '').then(() => setCopied(s.id))
                    }
                  >
                    {copied === s.id ? 'Copied' : 'Copy'}
                  </button>
                </>
              ) : (
                <p class="fp-msg">No documentation: an abandoned session posts nothing.</p>
              )}
            </li>
          );
        })}
      </ul>
      {hasMore && (
        <button type="button" class="fp-link" onClick={() => void load(items.length)}>
          Show older sessions
        </button>
      )}
    </section>
  );
}
