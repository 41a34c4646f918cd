import type { PanelController } from '@/lib/panel/controller';
import type { PanelStore } from '@/lib/panel/store';
import { UpdateSlot } from './slots';

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

  return (
    <header class="fp-header">
      <div class="fp-top">
        <span class="fp-brand">FlowPilot</span>
        <span class="fp-spacer" />
        <button
          type="button"
          class="fp-icon"
          aria-label="Collapse FlowPilot"
          title="Collapse (Alt+Shift+F)"
          onClick={() => {
            store.collapsed.value = true;
          }}
        >
          ⟩
        </button>
      </div>
      {linked && (
        <div>
          <h2 class="fp-ticket" data-ticket-key={`${linked.ref.kind}:${linked.ref.id}`}>
            <span class="fp-num">
              {linked.ref.kind === 'project' ? 'Project ticket ' : ''}#{linked.ref.id}
            </span>
            {summary}
          </h2>
          <div class="fp-sub">
            {linked.how === 'page' ? 'Linked from this page' : 'Linked by search'}
            {context?.webUrl && linked.how === 'search' && (
              <>
                {' · '}
                <a href={context.webUrl} target="_blank" rel="noreferrer noopener">
                  Open in ConnectWise
                </a>
              </>
            )}
          </div>
        </div>
      )}
      {connected && (
        <div class="fp-actions" role="toolbar" aria-label="Ticket actions">
          <button
            type="button"
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
              <UpdateSlot ticket={linked.ref} context={context} />
            </>
          )}
          {!linked && page && (
            <button type="button" onClick={() => store.relinkPage()}>
              Link #{page.ref.id} (this page)
            </button>
          )}
        </div>
      )}
    </header>
  );
}
