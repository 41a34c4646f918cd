import { browser } from 'wxt/browser';

// How the background pushes a message to the panel frame docked in a tab. Chrome delivers
// tabs.sendMessage to every frame of the tab that listens, extension frames included, and to one frame
// with `frameId`. Firefox delivers tabs.sendMessage to content scripts only: its build needs another
// route here (a Port the frame opens, or runtime.sendMessage filtered by tab).

export function sendToPanelFrame(tabId: number, frameId: number | undefined, msg: unknown): Promise<unknown> {
  return frameId === undefined
    ? browser.tabs.sendMessage(tabId, msg)
    : browser.tabs.sendMessage(tabId, msg, { frameId });
}
