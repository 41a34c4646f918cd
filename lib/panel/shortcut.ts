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
  // Browser quirk: Firefox gives an extension frame inside a web page no `commands` API (the call threw
  // and the panel never rendered); the default stays in the tooltips there.
  const commands = (browser as { commands?: typeof browser.commands }).commands;
  if (typeof commands?.getAll !== 'function') return;
  Promise.resolve()
    .then(() => commands.getAll())
    .then((all) => {
      toggleShortcut.value = all.find((c) => c.name === TOGGLE_COMMAND)?.shortcut ?? '';
    })
    .catch(() => undefined);
}
