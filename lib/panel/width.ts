import { browser } from 'wxt/browser';

// The panel's width, chosen by dragging its left edge (or the arrow keys on it), remembered per browser
// profile like the collapsed state: the dock in CW's page saves it once a drag or key press ends, and
// the dock of every open tab follows the change. The saved value is what the technician chose; each
// window shows it within its own limits (a narrow window does not overwrite a wide choice).

const KEY = 'flowpilot.panel.width';

export const PANEL_WIDTH = {
  min: 320,
  /** The most, however wide the window: beyond it CW is what gets squeezed. */
  max: 720,
  default: 360,
  /** One arrow-key press on the separator. */
  step: 16,
  /** One press of the panel's Widen/Narrow buttons. */
  buttonStep: 64,
} as const;

/** Below this window width the expanded panel overlays CW's page instead of reserving its width. */
export const OVERLAY_BELOW = 1000;

/** The widest the panel may be in a window this wide: half of it, within min…max. */
export function maxPanelWidth(viewport: number): number {
  return Math.max(PANEL_WIDTH.min, Math.min(PANEL_WIDTH.max, Math.floor(viewport / 2)));
}

/** A width within the limits for this window, in whole pixels (anything unreadable gives the default). */
export function clampPanelWidth(width: number, viewport: number): number {
  const w = Number.isFinite(width) ? Math.round(width) : PANEL_WIDTH.default;
  return Math.min(maxPanelWidth(viewport), Math.max(PANEL_WIDTH.min, w));
}

/**
 * The same limits as CSS, so a resized window re-fits the panel with no script running; 90vw keeps a
 * phone-narrow window from being covered whole.
 */
export function panelWidthCss(width: number): string {
  const w = clampPanelWidth(width, Number.POSITIVE_INFINITY);
  return `min(90vw, clamp(${PANEL_WIDTH.min}px, ${w}px, min(${PANEL_WIDTH.max}px, 50vw)))`;
}

/** The separator's keyboard: Left widens (the edge moves left), Right narrows, Home/End go to the limits. */
export function widthForKey(key: string, width: number, viewport: number): number | undefined {
  const w = clampPanelWidth(width, viewport);
  if (key === 'ArrowLeft') return clampPanelWidth(w + PANEL_WIDTH.step, viewport);
  if (key === 'ArrowRight') return clampPanelWidth(w - PANEL_WIDTH.step, viewport);
  if (key === 'Home') return PANEL_WIDTH.min;
  if (key === 'End') return maxPanelWidth(viewport);
  return undefined;
}

/**
 * The panel's own Widen/Narrow buttons (WCAG 2.2 §2.5.7: resizing without dragging), from the width
 * the panel is shown at. The limits are the absolute ones: the frame cannot see CW's window, and each
 * window fits the saved choice within its own limits anyway. Undefined at the limit.
 */
export function widthForButton(dir: 'wider' | 'narrower', shown: number): number | undefined {
  const w = Math.round(shown);
  const next =
    dir === 'wider'
      ? Math.min(PANEL_WIDTH.max, w + PANEL_WIDTH.buttonStep)
      : Math.max(PANEL_WIDTH.min, w - PANEL_WIDTH.buttonStep);
  return next === w ? undefined : next;
}

function parse(v: unknown): number {
  return typeof v === 'number' && Number.isFinite(v) ? v : PANEL_WIDTH.default;
}

export async function loadPanelWidth(): Promise<number> {
  try {
    const got = await browser.storage.local.get(KEY);
    return parse(got[KEY]);
  } catch {
    return PANEL_WIDTH.default;
  }
}

export async function savePanelWidth(width: number): Promise<void> {
  await browser.storage.local.set({ [KEY]: Math.round(width) }).catch(() => undefined);
}

/** Calls `cb` whenever the saved width changes (in any tab). Returns the unsubscribe. */
export function onPanelWidthChange(cb: (width: number) => void): () => void {
  const listener = (changes: Record<string, { newValue?: unknown }>, area: string) => {
    if (area === 'local' && KEY in changes) cb(parse(changes[KEY]?.newValue));
  };
  browser.storage.onChanged.addListener(listener);
  return () => browser.storage.onChanged.removeListener(listener);
}
