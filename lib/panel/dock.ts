// Docking: while the panel is expanded, CW's page gets a right margin the width of the panel, so the
// panel sits beside CW's screen instead of over its toolbars and Save buttons. One rule, scoped to a
// class only FlowPilot sets, removed with the panel.
export const PANEL_WIDTH = 'min(360px, 90vw)';
const CLASS = 'flowpilot-docked';
const STYLE_ID = 'flowpilot-dock-style';

export function setDocked(doc: Document, docked: boolean): void {
  if (!doc.getElementById(STYLE_ID)) {
    const style = doc.createElement('style');
    style.id = STYLE_ID;
    style.textContent = `html.${CLASS}{margin-right:${PANEL_WIDTH} !important}`;
    (doc.head ?? doc.documentElement).append(style);
  }
  doc.documentElement.classList.toggle(CLASS, docked);
}

export function removeDock(doc: Document): void {
  doc.documentElement.classList.remove(CLASS);
  doc.getElementById(STYLE_ID)?.remove();
}
