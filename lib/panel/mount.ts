export const HOST_TAG = 'flowpilot-panel';

/**
 * The panel's host element with an open shadow root: CW's CSS can't reach in and ours can't leak out,
 * while assistive tech and tests still see inside. Any host left by a previous script instance (an
 * extension reload) is removed first, so there is only ever one panel.
 */
export function mountShadowHost(doc: Document, css?: string): { host: HTMLElement; root: ShadowRoot } {
  for (const old of doc.querySelectorAll(HOST_TAG)) old.remove();
  const host = doc.createElement(HOST_TAG);
  host.setAttribute('data-flowpilot', '');
  const root = host.attachShadow({ mode: 'open' });
  if (css) {
    const style = doc.createElement('style');
    style.textContent = css;
    root.append(style);
  }
  // On <html>, not <body>: CW re-renders its body content, and our host stays out of its observers.
  doc.documentElement.append(host);
  return { host, root };
}
