import { useEffect, useState } from 'preact/hooks';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { Tabs } from '@/components/ui/Tabs';
import { ToastHost } from '@/components/ui/Toast';
import { HostAccessBanner } from './HostAccessBanner';
import { PolicyBanner } from './policy/PolicyBanner';
import { leaveGuard, refreshConnection, watchBroadcasts } from './store';
import { OPTIONS_TABS, TabContent, tabFromHash } from './tabs';

/** The options page: tabs chosen by the URL hash (options.html#mapping), guarded against losing edits. */
export function OptionsApp() {
  const [tab, setTab] = useState(() => tabFromHash(location.hash));
  const [pending, setPending] = useState<string | undefined>();

  useEffect(() => {
    void refreshConnection();
    return watchBroadcasts();
  }, []);

  useEffect(() => {
    const onHash = () => {
      const next = tabFromHash(location.hash);
      if (next === tab) return;
      if (leaveGuard.value) {
        // Typed into the address bar or went back: put the hash back and ask first.
        history.replaceState(null, '', `#${tab}`);
        setPending(next);
      } else setTab(next);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, [tab]);

  const go = (id: string) => {
    setPending(undefined);
    leaveGuard.value = undefined;
    setTab(id);
    history.replaceState(null, '', `#${id}`);
  };
  const select = (id: string) => {
    if (id === tab) return;
    if (leaveGuard.value) setPending(id);
    else go(id);
  };

  const current = OPTIONS_TABS.find((t) => t.id === tab) ?? OPTIONS_TABS[0]!;
  return (
    <main class="fp-options">
      <h1>FlowPilot for ConnectWise</h1>
      <HostAccessBanner />
      <PolicyBanner />
      <Tabs label="Settings sections" tabs={OPTIONS_TABS} selected={current.id} onSelect={select}>
        <TabContent tab={current} />
      </Tabs>
      <ConfirmDialog
        open={pending !== undefined}
        title="Leave without saving?"
        confirmLabel="Leave without saving"
        onConfirm={() => pending && go(pending)}
        onCancel={() => setPending(undefined)}
      >
        {leaveGuard.value?.message ?? 'You have unsaved changes.'} They will be lost if you leave this tab.
      </ConfirmDialog>
      <ToastHost />
    </main>
  );
}
