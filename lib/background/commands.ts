import { browser } from 'wxt/browser';
import type { BgToPanel } from '../messages/panel-to-bg';

// The manifest command 'toggle-panel' (Alt+Shift+F by default) reaches only the worker; forward it to
// the active tab's panel. A tab without the panel (not a CW page) simply does not answer.
export function registerPanelCommands(): void {
  browser.commands.onCommand.addListener((command) => {
    if (command !== 'toggle-panel') return;
    void browser.tabs
      .query({ active: true, currentWindow: true })
      .then(([tab]) => {
        if (tab?.id === undefined) return;
        const msg: BgToPanel = { dir: 'bgToPanel', type: 'panel/toggle' };
        return browser.tabs.sendMessage(tab.id, msg);
      })
      .catch(() => undefined);
  });
}
