import type { PanelStore } from '@/lib/panel/store';

/**
 * Collapse/expand by click moves focus to the control that undoes it (the tab, or Collapse), instead
 * of dropping it to <body>. Opened by the shortcut, the panel's first control for the work takes focus
 * instead (the shortcut is the way back out; the dock in CW's page moves focus into this frame and, on
 * closing, back to CW). A panel that loads collapsed or expanded never takes focus.
 */
let focusAfterToggle: false | 'undo' | 'first' = false;
export function toggleCollapsed(store: PanelStore, collapsed: boolean): void {
  focusAfterToggle = 'undo';
  store.collapsed.value = collapsed;
}
/** The toggle-panel command (Alt+Shift+F), as the background forwards it to this tab. */
export function toggleByShortcut(store: PanelStore): void {
  const open = store.collapsed.value;
  focusAfterToggle = open ? 'first' : false;
  store.collapsed.value = !open;
}
export function focusIfToggled(el: HTMLElement | null): void {
  if (el && focusAfterToggle === 'undo') {
    focusAfterToggle = false;
    el.focus();
  }
}
/** Ref of the expanded panel: after the shortcut opened it, focus goes to its first control. */
export function focusFirstIfShortcut(panel: HTMLElement | null): void {
  if (panel && focusAfterToggle === 'first') {
    focusAfterToggle = false;
    firstControl(panel)?.focus();
  }
}

/**
 * Where the work starts: the ticket actions (Link Ticket first), else the first control in the panel's
 * body (e.g. Open FlowPilot options when not connected), else the first control at all (Collapse).
 */
export function firstControl(panel: ParentNode): HTMLElement | null {
  const enabled = 'button:not(:disabled), input:not(:disabled), select:not(:disabled), textarea, a[href]';
  return (
    panel.querySelector<HTMLElement>('.fp-actions button:not(:disabled)') ??
    panel.querySelector<HTMLElement>(`.fp-body :is(${enabled})`) ??
    panel.querySelector<HTMLElement>(enabled)
  );
}
