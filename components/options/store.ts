import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';
import type { BgToPages } from '@/lib/messages/bg-to-pages';
import { askFromOptions } from '@/lib/messages/client';
import type { AnyPublicConnection } from '@/lib/messages/options-to-bg';
import { refreshPolicy } from './policy/state';

// Page-wide state the tabs share. The background owns the data; these are views refreshed on broadcasts.

/** undefined while loading, null when not connected. */
export const connection = signal<AnyPublicConnection | null | undefined>(undefined);
export const connectionError = signal<string | undefined>(undefined);
/** Bumped when another page (or the worker) says the settings changed. */
export const settingsVersion = signal(0);

export async function refreshConnection(): Promise<void> {
  try {
    connection.value = await askFromOptions('connection/get', {});
    connectionError.value = undefined;
  } catch (e) {
    connectionError.value = e instanceof Error ? e.message : String(e);
    connection.value = null;
  }
}

/** Listens for the worker's broadcasts; returns the unsubscribe function. */
export function watchBroadcasts(): () => void {
  const onMessage = (msg: unknown) => {
    const m = msg as Partial<BgToPages> | undefined;
    if (m?.dir !== 'bgToPages') return;
    if (m.type === 'connection/changed') void refreshConnection();
    if (m.type === 'settings/changed') settingsVersion.value++;
    if (m.type === 'policy/changed') {
      void refreshPolicy();
      settingsVersion.value++;
    }
  };
  browser.runtime.onMessage.addListener(onMessage);
  return () => browser.runtime.onMessage.removeListener(onMessage);
}

/**
 * A tab with unsaved changes registers a guard; the app asks before leaving it. One at a time is
 * enough: only the visible tab can have unsaved edits.
 */
export const leaveGuard = signal<{ message: string } | undefined>(undefined);

export function formatTime(ms: number): string {
  return new Date(ms).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
}
