import { useEffect, useState } from 'preact/hooks';
import { askFromPanel, BgError } from '@/lib/messages/client';
import type { PanelStatus } from '@/lib/messages/panel-to-bg';

/** The FlowPilot side panel (grows with the panel issue: detection, search, context, sessions). */
export function Panel() {
  const [status, setStatus] = useState<PanelStatus | undefined>();
  const [error, setError] = useState<string | undefined>();

  useEffect(() => {
    askFromPanel('panel/status', {})
      .then(setStatus)
      .catch((e: unknown) => setError(e instanceof BgError ? e.message : 'FlowPilot could not start.'));
  }, []);

  return (
    <aside aria-label="FlowPilot" class="fp-panel">
      <header>
        <strong>FlowPilot</strong>
      </header>
      {error && <p role="alert">{error}</p>}
      {status && !status.connected && (
        <div>
          <p>FlowPilot is not connected to ConnectWise.</p>
          <button type="button" onClick={() => void askFromPanel('panel/openOptions', {})}>
            Open FlowPilot options
          </button>
        </div>
      )}
      {status?.connected && <p>Connected to {status.displayName}</p>}
    </aside>
  );
}
