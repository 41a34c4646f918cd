// Post History's first page, asked for the moment the options page starts at #history (issue 12 §2): the
// worker reads it while the page loads the tab's code and renders, instead of after the tab has mounted.
// The tab takes it once; any other page or filter is asked for by the tab itself.

import { browser } from 'wxt/browser';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromOptions } from '@/lib/messages/client';
import type { PostView } from '@/lib/posting/history';

/** Rows per page. */
export const PAGE = 50;

type Page = { items: PostView[]; hasMore: boolean };

let early: { page: Promise<Page>; value?: Page; stale: boolean; stop: () => void } | undefined;

export function askFirstPageEarly(): void {
  const page = askFromOptions('posting/list', { offset: 0, limit: PAGE });
  // Kept once it arrives, so the tab can render it in its very first render.
  page.then(
    (v) => {
      if (early?.page === page) early.value = v;
    },
    () => undefined, // the tab asks again and shows the error
  );
  // An outbox change before the tab listens for them: the page it shows must be read again.
  const onMsg = (raw: unknown) => {
    const m = raw as BgToPages | undefined;
    if (m?.dir === 'bgToPages' && m.type === 'outbox/changed' && early) early.stale = true;
  };
  browser.runtime.onMessage.addListener(onMsg);
  early = { page, stale: false, stop: () => browser.runtime.onMessage.removeListener(onMsg) };
}

/**
 * The early first page, once: `value` when it has already arrived; `stale` when the outbox changed
 * since it was asked for.
 */
export function takeEarlyFirstPage(): { page: Promise<Page>; value?: Page; stale: boolean } | undefined {
  const e = early;
  early = undefined;
  e?.stop();
  return e;
}

/**
 * Resolves when the early first page has arrived (or failed), or after `ms`: the page waits for it
 * before its first render, so the rows are in the first frame instead of a frame of their own after
 * an empty table's (on a busy machine each frame costs tens of ms).
 */
export function earlyFirstPageSettled(ms: number): Promise<void> {
  const page = early?.page;
  if (!page) return Promise.resolve();
  return Promise.race([
    page.then(
      () => undefined,
      () => undefined,
    ),
    new Promise<void>((r) => setTimeout(r, ms)),
  ]);
}
