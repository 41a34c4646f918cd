import { browser } from 'wxt/browser';
import { registerAiChatPort } from '@/lib/background/ai-chat-port';
import { isAutotaskPage, syncAutotaskPages } from '@/lib/background/autotask-pages';
import { registerPanelCommands } from '@/lib/background/commands';
import { isPanelHost } from '@/lib/background/cw-pages';
import { handlers } from '@/lib/background/handlers';
import { startIdleWatch } from '@/lib/background/idle';
import { prefetchOnNavigation } from '@/lib/background/nav-prefetch';
import { forgetTab } from '@/lib/background/page-tickets';
import { applyPolicyAndBroadcast } from '@/lib/background/policy-handlers';
import { installTestHooks } from '@/lib/background/test-hooks';
import { getConnection } from '@/lib/connection/service';
import { createRouter } from '@/lib/messages/router';
import { registerOnPremContentScript } from '@/lib/platform/content-scripts';
import { keepManagedStorage, onManagedStorageChanged } from '@/lib/platform/managed-storage';
import { startOutbox } from '@/lib/posting/service';

// Wires the router and start-up work. No state lives in module variables but caches: MV3 stops this
// worker after ~30 s idle, and everything it needs is reloaded from IndexedDB on the next event.
export default defineBackground(() => {
  // First: its change listener must forget the kept policy before the policy listener below reads it.
  keepManagedStorage();
  const route = createRouter({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    isPanelHost,
    isSubFramePage: isAutotaskPage,
    handlers,
  });
  browser.runtime.onMessage.addListener((message, sender) => {
    // Broadcasts and pushes from ourselves are for pages, not for the router.
    if (/^bgTo/.test((message as { dir?: string } | undefined)?.dir ?? '')) return undefined;
    return route(message, sender);
  });
  browser.tabs.onRemoved.addListener(forgetTab);
  prefetchOnNavigation(); // a ticket URL's context starts when its page is requested
  // The assistant streams over a Port; its sender is checked like the router's (lib/background/ai-chat-port).
  registerAiChatPort({
    extensionId: browser.runtime.id,
    extensionOrigin: browser.runtime.getURL('/'),
    isPanelHost,
  });
  registerPanelCommands();
  startOutbox(); // alarm + online wake-ups, recover items left "sending", drain (lib/posting)
  startIdleWatch(); // away time from the machine's idle state and a heartbeat (lib/background/idle)
  // Playwright drives idle state and time through this; never part of a production bundle.
  if (import.meta.env.MODE === 'e2e') installTestHooks();

  // The administrator's policy: applied at every start and whenever the browser publishes a new one
  // (Chrome/Edge refresh it live; Firefox reads policies.json at browser start).
  onManagedStorageChanged(() => void applyPolicyAndBroadcast({ announce: true }).catch(() => undefined));
  void applyPolicyAndBroadcast().catch(() => undefined);

  // Re-check the on-prem content script at every start (Chrome can drop dynamic registrations).
  void getConnection()
    .then((c) => registerOnPremContentScript(c?.grantedOrigin))
    .catch(() => undefined);
  // Autotask's pages (issue 15): registered when the connection is Autotask and its host is granted;
  // checked again whenever a host permission is granted or removed.
  void syncAutotaskPages();
  browser.permissions.onAdded.addListener(() => void syncAutotaskPages());
  browser.permissions.onRemoved.addListener(() => void syncAutotaskPages());
});
