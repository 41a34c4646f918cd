import { signal } from '@preact/signals';
import { browser } from 'wxt/browser';

// The toggle-panel command's key as the technician has it: they can change or remove it in the
// browser's extension shortcuts page, so tooltips read it instead of naming the default.

export const TOGGLE_COMMAND = 'toggle-panel';

/** Shown until the browser answers (the manifest's default). */
export const toggleShortcut = signal('Alt+Shift+F');

/** "Collapse (Alt+Shift+F)"; just "Collapse" when no key is bound. */
export function withShortcut(label: string, shortcut: string): string {
  return shortcut.trim() ? `${label} (${shortcut.trim()})` : label;
}

export function loadToggleShortcut(): void {
  browser.commands
    .getAll()
    .then((commands) => {
      toggleShortcut.value = commands.find((c) => c.name === TOGGLE_COMMAND)?.shortcut ?? '';
    })
    .catch(() => undefined);
}
