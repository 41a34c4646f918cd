import type { VNode } from 'preact';
import { useLayoutEffect, useState } from 'preact/hooks';
import { PostHistoryTab } from './history/PostHistoryTab';

export interface OptionsTab {
  /** The URL hash that opens it: options.html#mapping. */
  id: string;
  /** The tab's accessible name (exact: tests and docs use it). */
  label: string;
  /**
   * The tab's code, loaded the first time it is shown. Each tab is its own chunk, so the page opened at
   * one tab neither loads nor runs the other tabs' code first (issue 12 §2). Post History is the
   * exception: it has a first-rows budget (150 ms with 10 000 posts), so its small code (~2.5 KB gzip)
   * is in the page's own bundle and options.html#history renders it without another chunk to fetch.
   */
  load: () => Promise<() => VNode>;
}

// Adding a tab is one entry here (e.g. { id: 'history', label: 'Post History', load: () =>
// import('./history/PostHistoryTab').then((m) => () => <m.PostHistoryTab />) }).
export const OPTIONS_TABS: OptionsTab[] = [
  {
    id: 'connection',
    label: 'Connection',
    load: () => import('./ConnectionTab').then((m) => () => <m.ConnectionTab />),
  },
  {
    id: 'mapping',
    label: 'Member Mapping',
    load: () => import('./MappingTab').then((m) => () => <m.MappingTab />),
  },
  {
    id: 'flowpilot',
    label: 'FlowPilot',
    load: () =>
      Promise.all([import('./FlowPilotTab'), import('./AiSettings')]).then(([f, a]) => () => (
        <f.FlowPilotTab>
          <a.AiSettings />
        </f.FlowPilotTab>
      )),
  },
  {
    id: 'history',
    label: 'Post History',
    load: () => Promise.resolve(() => <PostHistoryTab />),
  },
  {
    id: 'sessions',
    label: 'Sessions',
    load: () => import('./sessions/SessionsTab').then((m) => () => <m.SessionsTab />),
  },
  {
    id: 'activity',
    label: 'Activity',
    load: () => import('./activity/ActivityTab').then((m) => () => <m.ActivityTab />),
  },
];

export function tabFromHash(hash: string, tabs: readonly OptionsTab[] = OPTIONS_TABS): string {
  const id = hash.replace(/^#/, '').split(/[?&/]/)[0]?.toLowerCase() ?? '';
  return tabs.some((t) => t.id === id) ? id : tabs[0]!.id;
}

/** Tabs whose code has loaded: shown again at once, without a blank moment. */
const loaded = new Map<string, () => VNode>();
const loading = new Map<string, Promise<() => VNode>>();

/** Starts loading a tab's code (main.tsx: the tab the page opens at, before the first render). */
export function preloadTab(tab: OptionsTab): Promise<() => VNode> {
  let p = loading.get(tab.id);
  if (!p) {
    p = tab.load().then((render) => {
      loaded.set(tab.id, render);
      return render;
    });
    // A failed load is tried again the next time the tab is shown.
    p.catch(() => loading.delete(tab.id));
    loading.set(tab.id, p);
  }
  return p;
}

/** The tab's content: nothing while its code loads (a few ms, from the extension itself). */
export function TabContent({ tab }: { tab: OptionsTab }) {
  const [, setLoaded] = useState(0);
  const [error, setError] = useState<string | undefined>();
  // A layout effect: it runs right after this render, not after the next paint.
  useLayoutEffect(() => {
    if (loaded.has(tab.id)) return;
    let live = true;
    setError(undefined);
    preloadTab(tab).then(
      () => {
        if (live) setLoaded((n) => n + 1);
      },
      // Typically FlowPilot was updated while this page stayed open: its old files are gone.
      () =>
        live &&
        setError('This section could not be loaded. Reload the page (FlowPilot may have been updated).'),
    );
    return () => {
      live = false;
    };
  }, [tab.id]);
  const render = loaded.get(tab.id);
  if (render) return render();
  return error ? (
    <p role="alert" class="fp-error">
      {error}
    </p>
  ) : null;
}
