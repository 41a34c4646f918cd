// The dock: the only UI the content script puts into CW's page. It holds the panel frame (panel.html,
// an extension-origin page: CW's scripts can neither read nor drive what is inside it) on the right
// edge, and the separator on its left edge that resizes it (the frame would swallow the pointer, so
// the handle lives out here). In a window at least OVERLAY_BELOW wide CW's page gets a right margin the
// panel's width, so the panel sits beside CW's screen instead of over its toolbars and Save buttons;
// narrower, the panel lies over CW's right side with a shadow (CW keeps the whole window: squeezed
// into the rest it would not be usable). Collapsed, the frame shrinks to a small tab at mid-height.

import {
  clampPanelWidth,
  maxPanelWidth,
  OVERLAY_BELOW,
  PANEL_WIDTH,
  panelWidthCss,
  widthForKey,
} from './width';

export const HOST_TAG = 'flowpilot-panel';
/** The collapsed tab (the frame shows only the "FlowPilot" expand button). */
const TAB_SIZE = { width: '30px', height: '112px' };
const DOCKED_CLASS = 'flowpilot-docked';
const STYLE_ID = 'flowpilot-dock-style';
const OVERLAY_SHADOW = '-6px 0 18px rgba(0,0,0,.28)';

// Inside the dock's shadow root (CW's CSS cannot reach it). The grip shows on hover, focus and drag.
const SHADOW_CSS = `
.fp-resize{position:absolute;top:0;bottom:0;left:0;width:7px;cursor:col-resize;touch-action:none;z-index:1;background:transparent}
.fp-resize:hover,.fp-resize[data-dragging]{background:rgba(31,111,235,.55)}
.fp-resize:focus-visible{outline:3px solid #1f6feb;outline-offset:-3px;background:rgba(31,111,235,.25)}
:host([data-collapsed]) .fp-resize{display:none}
.fp-shield{position:fixed;inset:0;z-index:2;cursor:col-resize;background:rgba(0,0,0,.001)}`;

export interface Dock {
  readonly host: HTMLElement;
  readonly frame: HTMLIFrameElement;
  readonly collapsed: boolean;
  setCollapsed(collapsed: boolean): void;
  /** The saved width (px); each window shows it within its own limits. */
  setWidth(width: number): void;
  /** Moves keyboard focus into the panel frame (the panel focuses its first control inside). */
  focusPanel(): void;
  /** If focus is in the panel, gives it back to where it was in CW's page before. */
  returnFocus(): void;
  /** Puts the dock back if CW's page dropped it (some screens rebuild the document). */
  ensureAttached(): void;
  remove(): void;
}

export interface DockOptions {
  /** The technician chose a width (a drag released, an arrow key let go): save it. */
  onWidthChosen?: (width: number) => void;
}

function important(el: HTMLElement, styles: Record<string, string>): void {
  for (const [k, v] of Object.entries(styles)) el.style.setProperty(k, v, 'important');
}

function pageMargin(doc: Document, width: string): void {
  let style = doc.getElementById(STYLE_ID);
  if (!style) {
    style = doc.createElement('style');
    style.id = STYLE_ID;
    (doc.head ?? doc.documentElement).append(style);
  }
  style.textContent = `html.${DOCKED_CLASS}{margin-right:${width} !important}`;
}

/**
 * Creates the dock with its frame. Any dock left by a previous script instance (an extension reload)
 * is removed first, so there is only ever one panel. Inline !important styles keep CW's CSS off it.
 */
export function createDock(doc: Document, src: string, collapsed: boolean, opts: DockOptions = {}): Dock {
  const win = doc.defaultView ?? window;
  for (const old of doc.querySelectorAll(HOST_TAG)) old.remove();
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('data-flowpilot', '');
  const root = host.attachShadow({ mode: 'open' });
  let width: number = PANEL_WIDTH.default;
  let isCollapsed = collapsed;
  // A media query, not a resize listener: the layout switches only when the window crosses the line.
  const wide = win.matchMedia(`(min-width: ${OVERLAY_BELOW}px)`);

  const makeFrame = () => {
    const f = doc.createElement('iframe');
    f.title = 'FlowPilot';
    // The session view copies generated notes; a cross-origin frame needs the permission from its parent.
    f.allow = 'clipboard-write';
    important(f, { border: '0', width: '100%', height: '100%', display: 'block', background: 'transparent' });
    f.src = src;
    // The frame loads panel.html once. A second load means something navigated it (a page script can
    // navigate a child frame): put a fresh panel back instead of letting another page sit in the dock.
    let loads = 0;
    f.addEventListener('load', () => {
      if (++loads > 1 && dock.frame === f) replaceFrame();
    });
    return f;
  };

  const sep = doc.createElement('div');
  sep.className = 'fp-resize';
  sep.tabIndex = 0;
  sep.setAttribute('role', 'separator');
  sep.setAttribute('aria-orientation', 'vertical');
  sep.setAttribute('aria-label', 'Resize FlowPilot panel');
  const style = doc.createElement('style');
  style.textContent = SHADOW_CSS;
  // While dragging, a clear layer over the window (the frame among it) takes the pointer: a frame of
  // another origin would swallow the moves and the release.
  const shield = doc.createElement('div');
  shield.className = 'fp-shield';
  shield.hidden = true;

  /** The width shown in this window (the CSS applies the same limits when the window is resized). */
  const shown = () => clampPanelWidth(width, win.innerWidth);
  const readOut = () => {
    sep.setAttribute('aria-valuemin', String(PANEL_WIDTH.min));
    sep.setAttribute('aria-valuemax', String(maxPanelWidth(win.innerWidth)));
    sep.setAttribute('aria-valuenow', String(shown()));
  };

  const layout = () => {
    const css = panelWidthCss(width);
    const overlay = !wide.matches;
    important(host, {
      all: 'initial',
      display: 'block',
      position: 'fixed',
      'z-index': '2147483000',
      right: '0',
      ...(isCollapsed
        ? { top: '50%', bottom: 'auto', transform: 'translateY(-50%)', ...TAB_SIZE, 'box-shadow': 'none' }
        : {
            top: '0',
            bottom: '0',
            transform: 'none',
            width: css,
            height: 'auto',
            'box-shadow': overlay ? OVERLAY_SHADOW : 'none',
          }),
    });
    host.toggleAttribute('data-collapsed', isCollapsed);
    pageMargin(doc, css);
    doc.documentElement.classList.toggle(DOCKED_CLASS, !isCollapsed && !overlay);
    readOut();
  };

  /** Shows a width at once, for this tab only (the saved value follows once the gesture ends). */
  const preview = (w: number) => {
    width = clampPanelWidth(w, win.innerWidth);
    layout();
  };

  // Dragging: the shield and pointer capture keep the moves coming to the separator wherever the pointer
  // goes. At most one layout per animation frame; saved on release.
  let drag: { id: number; x: number; start: number; next?: number; raf?: number } | undefined;
  sep.addEventListener('pointerdown', (e) => {
    if (!e.isTrusted || e.button !== 0) return;
    e.preventDefault();
    drag = { id: e.pointerId, x: e.clientX, start: shown() };
    sep.setPointerCapture(e.pointerId);
    sep.toggleAttribute('data-dragging', true);
    shield.hidden = false;
  });
  sep.addEventListener('pointermove', (e) => {
    if (!drag || e.pointerId !== drag.id) return;
    if (e.buttons === 0) return endDrag(e); // the release went somewhere else
    drag.next = drag.start + (drag.x - e.clientX);
    drag.raf ??= win.requestAnimationFrame(() => {
      if (!drag) return;
      drag.raf = undefined;
      if (drag.next !== undefined) preview(drag.next);
    });
  });
  const endDrag = (e: PointerEvent) => {
    if (!drag || e.pointerId !== drag.id) return;
    if (drag.raf !== undefined) win.cancelAnimationFrame(drag.raf);
    if (drag.next !== undefined) preview(drag.next);
    const moved = drag.next !== undefined;
    drag = undefined;
    sep.toggleAttribute('data-dragging', false);
    shield.hidden = true;
    if (moved) opts.onWidthChosen?.(width);
  };
  sep.addEventListener('pointerup', endDrag);
  sep.addEventListener('pointercancel', endDrag);
  sep.addEventListener('lostpointercapture', endDrag);
  // Keys: each press shows at once; the width is saved when the key is let go (held keys repeat).
  let keyed = false;
  sep.addEventListener('keydown', (e) => {
    if (!e.isTrusted) return;
    const next = widthForKey(e.key, width, win.innerWidth);
    if (next === undefined) return;
    e.preventDefault();
    keyed = true;
    preview(next);
  });
  sep.addEventListener('keyup', () => {
    if (keyed) opts.onWidthChosen?.(width);
    keyed = false;
  });
  // The window may have been resized since: the limits read out are this window's.
  sep.addEventListener('focus', readOut);

  // Where focus was in CW before it went into the panel (by the shortcut, Tab or a click), to give it
  // back when the shortcut closes the panel. A click into the frame fires nothing on our own elements,
  // only a focusout on CW's element: one passive listener notes which of CW's elements last had focus.
  let cameFrom: Element | undefined;
  const noteBlur = (e: FocusEvent) => {
    if (e.target instanceof Element && e.target !== host) cameFrom = e.target;
  };
  doc.addEventListener('focusout', noteBlur, { capture: true, passive: true });

  const replaceFrame = () => {
    const next = makeFrame();
    dock.frame.replaceWith(next);
    (dock as { frame: HTMLIFrameElement }).frame = next;
  };

  const dock: Dock = {
    host,
    frame: makeFrame(),
    get collapsed() {
      return isCollapsed;
    },
    setCollapsed(c) {
      isCollapsed = c;
      layout();
    },
    setWidth(w) {
      if (drag) return; // the technician's hand wins over a change from another tab
      width = w;
      layout();
    },
    focusPanel() {
      const a = doc.activeElement;
      if (a !== host) cameFrom = a && a !== doc.body ? a : undefined;
      // The parent passing focus to its frame: allowed even where a page forbids frames to take it.
      dock.frame.focus();
    },
    returnFocus() {
      if (doc.activeElement !== host) return; // focus is in CW already: leave it there
      const to = cameFrom;
      cameFrom = undefined;
      if (to instanceof HTMLElement && to.isConnected && to !== doc.body) to.focus();
      // Nothing to go back to (or it would not take focus): CW's page itself, not the collapsed tab.
      if (doc.activeElement === host) (root.activeElement as HTMLElement | null)?.blur();
    },
    ensureAttached() {
      if (!host.isConnected) {
        // A detached frame is gone; put a fresh one in before the dock goes back (one load, not two).
        replaceFrame();
        doc.documentElement.append(host);
      }
      if (!doc.getElementById(STYLE_ID)) pageMargin(doc, panelWidthCss(width));
    },
    remove() {
      wide.removeEventListener('change', layout);
      doc.removeEventListener('focusout', noteBlur, { capture: true });
      host.remove();
      doc.documentElement.classList.remove(DOCKED_CLASS);
      doc.getElementById(STYLE_ID)?.remove();
    },
  };
  wide.addEventListener('change', layout);
  root.append(style, sep, dock.frame, shield);
  layout();
  // On <html>, not <body>: CW re-renders its body content, and our host stays out of its observers.
  doc.documentElement.append(host);
  return dock;
}

/**
 * The toggle-panel command as the dock sees it (the panel frame saves the new state): opening moves
 * keyboard focus into the frame, closing gives it back to the page.
 */
export function toggleByCommand(dock: Dock): void {
  const open = dock.collapsed;
  dock.setCollapsed(!open);
  if (open) dock.focusPanel();
  else dock.returnFocus();
}
