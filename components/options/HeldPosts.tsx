import { useEffect, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { showToast } from '@/components/ui/Toast';
import { askFromOptions } from '@/lib/messages/client';
import type { UnsentGroup } from '@/lib/posting/held';
import { errorText } from './api';
import { connection } from './store';

// Unsent posts are bound to the connection they were made for (issue 10 §3): after a switch they wait
// for it and are never sent to this one. Keeping them is the default; this offers to discard them.

export function useUnsent(deps: unknown[] = []): [UnsentGroup[], () => void] {
  const [groups, setGroups] = useState<UnsentGroup[]>([]);
  const [n, setN] = useState(0);
  const conn = connection.value;
  useEffect(() => {
    void askFromOptions('outbox/unsent', {})
      .then((r) => setGroups(r.groups))
      .catch(() => setGroups([]));
  }, [conn?.apiBase, conn?.connectedAt, n, ...deps]);
  return [groups, () => setN((x) => x + 1)];
}

/** Posts waiting for another connection than the current one, each group with its Discard. */
export function HeldPosts() {
  const [groups, reload] = useUnsent();
  const held = groups.filter((g) => !g.current);
  if (!held.length) return null;
  return (
    <section class="fp-card" aria-labelledby="held-title">
      <h2 id="held-title">Posts waiting for another connection</h2>
      {held.map((g) => (
        <p key={g.scope} class="fp-banner fp-banner--info">
          {g.posts} unsent post(s) wait for connection {g.label}. FlowPilot never sends them to another
          connection; they go out when you connect to it again.{' '}
          <Button
            variant="danger"
            aria-label={`Discard the posts waiting for ${g.label}`}
            onClick={() =>
              void askFromOptions('outbox/discardScope', { scope: g.scope })
                .then((r) => {
                  showToast(`${r.discarded} post(s) discarded`);
                  reload();
                })
                .catch((e: unknown) => showToast(errorText(e), 'error'))
            }
          >
            Discard
          </Button>
        </p>
      ))}
    </section>
  );
}
