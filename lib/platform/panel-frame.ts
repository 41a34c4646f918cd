// Browser quirks of the panel frame, in one place (the Firefox build differs here).
//
// The panel is panel.html, an extension page the content script frames beside CW. Pages may frame it
// only where the web-accessible-resources entry matches. Chrome: `use_dynamic_url` serves it only under
// a per-session id (runtime.getURL in the content script returns it), so no site can probe or frame
// the panel by a fixed URL. Firefox does not know the key (its moz-extension ids are random per
// install already) and must not get it.

export const PANEL_FRAME_RESOURCE = 'panel.html';

/**
 * On-prem CW servers are granted at run time and Chrome cannot add web-accessible matches at run time,
 * so their frames are allowed by the same pattern as their optional host permission. What keeps that
 * safe: the id is per session and only pages our content script runs on ever see it, and the
 * background answers a panel frame only when its tab shows the connected CW site (router).
 */
export const ON_PREM_FRAME_PATTERN = 'https://*/*';

export function panelFrameResource(browser: string, matches: string[]) {
  return {
    resources: [PANEL_FRAME_RESOURCE],
    matches: [...new Set(matches)],
    ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
  };
}
