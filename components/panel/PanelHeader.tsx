import { useEffect, useState } from 'preact/hooks';
import type { PanelController } from '@/lib/panel/controller';
import { toggleShortcut, withShortcut } from '@/lib/panel/shortcut';
import type { PanelStore } from '@/lib/panel/store';
import { savePanelWidth, widthForButton } from '@/lib/panel/width';
import { panelWords } from '@/lib/panel/words';
import { ticketLabel } from '@/lib/psa/words';
import { UpdateSlot } from './slots';
import { focusIfToggled, toggleCollapsed } from './toggle-focus';

interface Props {
  store: PanelStore;
  controller: PanelController;
}

/** Brand, the linked ticket (shown from detection at once) and the ticket actions. */
export function PanelHeader({ store, controller }: Props) {
  const linked = store.linked.value;
  const ctx = store.context.value;
  const context = ctx.status === 'ready' ? ctx.context : undefined;
  const summary =
    context?.summary ?? (ctx.status === 'loading' ? ctx.partial?.summary : undefined) ?? linked?.summary;
  const connected = controller.status.value?.connected !== false;
  const page = store.pageTicket.value;
  // Linked by search to another ticket than the page's: say so where the eye is.
  const elsewhere =
    linked?.how === 'search' && page && (page.ref.kind !== linked.ref.kind || page.ref.id !== linked.ref.id);
  const words = panelWords.value;
  // CW: #id; Autotask: the ticket number technicians know (T20261129.0004), from the context or detection.
  const number = store.linkedNumber.value;
  const linkedLabel = linked ? ticketLabel(linked.ref, number) : '';

  return (
    <header class="fp-header">
      <div class="fp-top">
        <span class="fp-brand">FlowPilot</span>
        <span class="fp-spacer" />
        <WidthButtons />
        <button
          type="button"
          class="fp-icon"
          aria-label="Collapse FlowPilot"
          title={withShortcut('Collapse', toggleShortcut.value)}
          ref={focusIfToggled}
          onClick={() => toggleCollapsed(store, true)}
        >
          ⟩
        </button>
      </div>
      {linked && (
        <div>
          <h2 class="fp-ticket" data-ticket-key={`${linked.ref.kind}:${linked.ref.id}`}>
            <span class="fp-num">{linkedLabel}</span>
            {summary}
          </h2>
          <div class="fp-sub">
            {linked.how === 'page' ? 'Linked from this page' : 'Linked by search'}
            {context?.webUrl && linked.how === 'search' && (
              <>
                {' · '}
                <a href={context.webUrl} target="_blank" rel="noreferrer noopener">
                  Open in {words.psa}
                </a>
              </>
            )}
          </div>
        </div>
      )}
      {linked && elsewhere && (
        <p class="fp-elsewhere" role="status">
          Working on {linkedLabel}, not the ticket on this page ({ticketLabel(page.ref, page.number)}) —{' '}
          <button
            type="button"
            class="fp-link"
            aria-label={`Unlink ${linkedLabel}`}
            onClick={() => store.unlink()}
          >
            Unlink
          </button>
        </p>
      )}
      {connected && (
        <div class="fp-actions" role="toolbar" aria-label="Ticket actions">
          <button
            type="button"
            data-fp-link-ticket=""
            aria-expanded={store.searchOpen.value}
            onClick={() => {
              store.searchOpen.value = !store.searchOpen.value;
            }}
          >
            Link Ticket
          </button>
          {linked && (
            <>
              <button type="button" onClick={() => store.unlink()}>
                Unlink
              </button>
              <button type="button" onClick={() => controller.refresh()} disabled={ctx.status === 'loading'}>
                Refresh
              </button>
              {/* A ticket the API cannot see can't be posted to: no Update for it. */}
              {ctx.status !== 'error' && (
                <UpdateSlot
                  ticket={linked.ref}
                  context={context}
                  ticketNumber={number}
                  onPosted={() => controller.refresh()}
                />
              )}
            </>
          )}
          {!linked && page && (
            <button type="button" onClick={() => store.relinkPage()}>
              Link {ticketLabel(page.ref, page.number)} (this page)
            </button>
          )}
        </div>
      )}
    </header>
  );
}

/**
 * Widen/Narrow: resizing without dragging the panel's edge (WCAG 2.2 §2.5.7). The panel frame is as wide
 * as the panel, so its own width is the width shown; the dock in CW's page follows the saved width.
 */
function WidthButtons() {
  const [shown, setShown] = useState(() => window.innerWidth);
  useEffect(() => {
    const onResize = () => setShown(window.innerWidth);
    window.addEventListener('resize', onResize);
    return () => window.removeEventListener('resize', onResize);
  }, []);
  const buttons = [
    { dir: 'narrower', label: 'Narrow FlowPilot panel', title: 'Narrower', text: '−' },
    { dir: 'wider', label: 'Widen FlowPilot panel', title: 'Wider', text: '+' },
  ] as const;
  return (
    <>
      {buttons.map(({ dir, label, title, text }) => {
        const next = widthForButton(dir, shown);
        return (
          <button
            key={dir}
            type="button"
            class="fp-icon"
            aria-label={label}
            title={`${title} (or drag the panel's left edge)`}
            disabled={next === undefined}
            onClick={() => next !== undefined && void savePanelWidth(next)}
          >
            {text}
          </button>
        );
      })}
    </>
  );
}
