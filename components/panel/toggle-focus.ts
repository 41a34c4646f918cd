import type { PanelStore } from '@/lib/panel/store';

/**
 * Collapse/expand by click moves focus to the control that undoes it (the tab, or Collapse), instead
 * of dropping it to <body>. Only after a click: a panel that loads collapsed never takes focus.
 */
let focusAfterToggle = false;
export function toggleCollapsed(store: PanelStore, collapsed: boolean): void {
  focusAfterToggle = true;
  store.collapsed.value = collapsed;
}
export function focusIfToggled(el: HTMLElement | null): void {
  if (el && focusAfterToggle) {
    focusAfterToggle = false;
    el.focus();
  }
}
