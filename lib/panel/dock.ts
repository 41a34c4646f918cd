// The dock: the only UI the content script puts into CW's page. It holds the panel frame (panel.html,
// an extension-origin page: CW's scripts can neither read nor drive what is inside it) on the right
// edge. While expanded, CW's page gets a right margin the frame's width, so the panel sits beside CW's
// screen instead of over its toolbars and Save buttons; collapsed, the frame shrinks to a small tab at
// mid-height. The width is one value (setWidth), ready for a resizable panel.

export const HOST_TAG = 'flowpilot-panel';
export const PANEL_WIDTH = 'min(360px, 90vw)';
/** The collapsed tab (the frame shows only the "FlowPilot" expand button). */
const TAB_SIZE = { width: '30px', height: '112px' };
const DOCKED_CLASS = 'flowpilot-docked';
const STYLE_ID = 'flowpilot-dock-style';

export interface Dock {
  readonly host: HTMLElement;
  readonly frame: HTMLIFrameElement;
  setCollapsed(collapsed: boolean): void;
  setWidth(width: string): void;
  /** Puts the dock back if CW's page dropped it (some screens rebuild the document). */
  ensureAttached(): void;
  remove(): void;
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
export function createDock(doc: Document, src: string, collapsed: boolean): Dock {
  for (const old of doc.querySelectorAll(HOST_TAG)) old.remove();
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('data-flowpilot', '');
  const root = host.attachShadow({ mode: 'open' });
  let width = PANEL_WIDTH;
  let isCollapsed = collapsed;

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

  const layout = () => {
    important(host, {
      all: 'initial',
      display: 'block',
      position: 'fixed',
      'z-index': '2147483000',
      right: '0',
      ...(isCollapsed
        ? { top: '50%', bottom: 'auto', transform: 'translateY(-50%)', ...TAB_SIZE }
        : { top: '0', bottom: '0', transform: 'none', width, height: 'auto' }),
    });
    host.toggleAttribute('data-collapsed', isCollapsed);
    pageMargin(doc, width);
    doc.documentElement.classList.toggle(DOCKED_CLASS, !isCollapsed);
  };

  const replaceFrame = () => {
    const next = makeFrame();
    dock.frame.replaceWith(next);
    (dock as { frame: HTMLIFrameElement }).frame = next;
  };

  const dock: Dock = {
    host,
    frame: makeFrame(),
    setCollapsed(c) {
      isCollapsed = c;
      layout();
    },
    setWidth(w) {
      width = w;
      layout();
    },
    ensureAttached() {
      if (!host.isConnected) {
        // A detached frame is gone; put a fresh one in before the dock goes back (one load, not two).
        replaceFrame();
        doc.documentElement.append(host);
      }
      if (!doc.getElementById(STYLE_ID)) pageMargin(doc, width);
    },
    remove() {
      host.remove();
      doc.documentElement.classList.remove(DOCKED_CLASS);
      doc.getElementById(STYLE_ID)?.remove();
    },
  };
  root.append(dock.frame);
  layout();
  // On <html>, not <body>: CW re-renders its body content, and our host stays out of its observers.
  doc.documentElement.append(host);
  return dock;
}
