import type { ElementHandle, Frame, JSHandle, Page } from 'puppeteer-core';

// The one place the Firefox tests find the panel: inside its extension frame (panel.html) in the
// <flowpilot-panel> dock (or, for builds from before the frame, the dock's open shadow root). Queries go
// by visible text and labels, as a person reads them.

type Root = { frame: Frame; root: JSHandle<ParentNode> };

const PANEL_FRAME = /^(moz|chrome)-extension:\/\/[^/]+\/panel\.html/;

async function panelRoot(page: Page): Promise<Root | undefined> {
  // Firefox's BiDi may report an extension frame's url as about:blank: ask the frame itself. Every frame:
  // on Autotask's shell the panel frame sits inside the ticket's iframe.
  for (const frame of page.frames()) {
    if (frame === page.mainFrame()) continue;
    const href = await frame.evaluate(() => location.href).catch(() => frame.url());
    if (PANEL_FRAME.test(href))
      return { frame, root: await frame.evaluateHandle(() => document as ParentNode) };
  }
  const root = (await page.evaluateHandle(
    () => (document.querySelector('flowpilot-panel')?.shadowRoot ?? null) as ParentNode | null,
  )) as JSHandle<ParentNode | null>;
  if (!(await root.evaluate((r: ParentNode | null) => r !== null))) return undefined;
  return { frame: page.mainFrame(), root: root as JSHandle<ParentNode> };
}

/**
 * Firefox ESR's WebDriver BiDi cannot locate an element of a child frame for a pointer click
 * (browsingContext.locateNodes rejects the "context" locator puppeteer sends), so controls inside the
 * panel frame are activated the way a keyboard or assistive tech does: HTMLElement.click(), after focus.
 */
function activatedByClick<T extends ElementHandle<HTMLElement>>(el: T, inFrame: boolean): T {
  if (inFrame)
    el.click = async () => {
      await el.evaluate((e) => {
        e.focus();
        e.click();
      });
    };
  return el;
}

/** Polls until `check` passes on the panel (retrying while it mounts or re-renders). */
async function waitInPanel<T>(
  page: Page,
  what: string,
  find: (r: Root) => Promise<T | undefined>,
  timeout = 15_000,
) {
  const end = Date.now() + timeout;
  let last: unknown;
  for (;;) {
    try {
      const r = await panelRoot(page);
      const found = r && (await find(r));
      if (found !== undefined && found !== false) return found as T;
    } catch (e) {
      last = e; // a navigation or re-render detached the handle: look again
    }
    if (Date.now() > end)
      throw new Error(`Timed out waiting for ${what} in the FlowPilot panel. ${last ?? ''}`);
    await new Promise((res) => setTimeout(res, 100));
  }
}

/** The panel's visible text (the landmark named "FlowPilot"). */
export async function panelText(page: Page): Promise<string> {
  const r = await panelRoot(page);
  if (!r) return '';
  return r.root.evaluate((root) => {
    const aside = root.querySelector('aside[aria-label="FlowPilot"]') as HTMLElement | null;
    return aside?.textContent ?? '';
  });
}

export async function waitForPanelText(page: Page, text: string, timeout?: number): Promise<void> {
  await waitInPanel(
    page,
    `"${text}"`,
    async () => ((await panelText(page)).includes(text) ? true : undefined),
    timeout,
  );
}

/** How many panels the page has (there must always be one). */
export function panelCount(page: Page): Promise<number> {
  return page.evaluate(() => document.querySelectorAll('flowpilot-panel').length);
}

/** Panels in the page and all its frames (Autotask's shell docks in the ticket's iframe). */
export async function panelCountAllFrames(page: Page): Promise<number> {
  let n = 0;
  for (const frame of page.frames()) {
    n += await frame.evaluate(() => document.querySelectorAll('flowpilot-panel').length).catch(() => 0);
  }
  return n;
}

/** A button in the panel by its accessible name (aria-label or text). */
export async function panelButton(page: Page, name: string): Promise<ElementHandle<HTMLButtonElement>> {
  return waitInPanel(page, `the "${name}" button`, async ({ frame, root }) => {
    const h = await root.evaluateHandle((r, n) => {
      const all = [...r.querySelectorAll('button')] as HTMLButtonElement[];
      // The accessible name, or its start when the button adds details ("Post to Ticket #1001").
      const named = (b: HTMLButtonElement) => {
        const label = (b.getAttribute('aria-label') ?? b.textContent ?? '').replace(/\s+/g, ' ').trim();
        return label === n || label.startsWith(`${n} `);
      };
      return all.find((b) => named(b) && !b.disabled) ?? null;
    }, name);
    const el = h.asElement() as ElementHandle<HTMLButtonElement> | null;
    return el ? activatedByClick(el, frame !== page.mainFrame()) : undefined;
  });
}

/** A form control in the panel by its <label> text. */
export async function panelField(page: Page, label: string): Promise<ElementHandle<HTMLElement>> {
  return waitInPanel(page, `the "${label}" field`, async ({ frame, root }) => {
    const h = await root.evaluateHandle((r, l) => {
      const lab = ([...r.querySelectorAll('label')] as HTMLLabelElement[]).find(
        (x) => x.textContent?.trim() === l,
      );
      if (!lab) return null;
      const id = lab.htmlFor;
      return (
        id ? (r as Document).querySelector(`#${CSS.escape(id)}`) : lab.querySelector('input,select,textarea')
      ) as HTMLElement | null;
    }, label);
    const el = h.asElement() as ElementHandle<HTMLElement> | null;
    return el ? activatedByClick(el, frame !== page.mainFrame()) : undefined;
  });
}
