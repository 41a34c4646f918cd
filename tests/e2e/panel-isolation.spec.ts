import { SPECIAL_TICKETS } from '../cw-sandbox/index';
import { connectExtensionToSandbox } from './connect';
import { expect, panel, test } from './fixtures';
import { openConnectedTicket, ticketHeading } from './panel-helpers';

// Issue 10 §1: a script in CW's page (an XSS in CW, a same-origin CW iframe through parent.document,
// another extension's page script) must not be able to read the panel, drive it, or tell it which
// ticket to show. The attacker below uses only what a page script has: the DOM, events, postMessage.

// Plain JS text: tsx would otherwise inject helpers the page does not have.
const ATTACK_JS = `async () => {
  const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
  // Every document and shadow root a page script can reach from a document.
  const roots = (doc) => {
    const out = [doc];
    const walk = (root) => {
      for (const el of root.querySelectorAll('*')) {
        if (el.shadowRoot) { out.push(el.shadowRoot); walk(el.shadowRoot); }
        if (el.tagName === 'IFRAME') {
          try { const d = el.contentDocument; if (d) { out.push(d); walk(d); } } catch {}
        }
      }
    };
    walk(doc);
    for (let i = 0; i < window.frames.length; i++) {
      try { const d = window.frames[i].document; out.push(d); walk(d); } catch {}
    }
    return out;
  };
  const text = (doc) => roots(doc).map((r) => (r.body ?? r).textContent ?? '').join('\\n');
  const read = { page: text(document) };

  // A same-origin CW iframe reading through parent.document.
  const child = document.createElement('iframe');
  child.srcdoc = '<p>CW pod</p>';
  document.body.append(child);
  await new Promise((r) => child.addEventListener('load', r, { once: true }));
  read.childFrame = text(child.contentWindow.parent.document);

  // Drive it: click whatever looks like a FlowPilot control, type a ticket number, post.
  const click = (el) => {
    for (const type of ['pointerdown', 'mousedown', 'pointerup', 'mouseup', 'click'])
      el.dispatchEvent(new MouseEvent(type, { bubbles: true, composed: true, cancelable: true }));
  };
  const drive = () => {
    for (const root of roots(document)) {
      for (const b of root.querySelectorAll('button')) {
        if (/Link Ticket|Update|Start Session|Post to Ticket|Collapse/.test(b.textContent + (b.getAttribute('aria-label') ?? ''))) click(b);
      }
      for (const input of root.querySelectorAll('input, textarea')) {
        if (input.closest('.cw-WorkspaceView')) continue; // CW's own fields
        input.value = '1002';
        input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
      }
    }
  };
  drive();
  const host = document.querySelector('flowpilot-panel');
  if (host) click(host);
  const frame = host?.shadowRoot?.querySelector('iframe');
  if (frame) {
    click(frame);
    frame.dispatchEvent(new KeyboardEvent('keydown', { key: 'F', altKey: true, shiftKey: true, bubbles: true }));
    const r = frame.getBoundingClientRect();
    const at = document.elementFromPoint(r.x + r.width / 2, r.y + 60);
    if (at) click(at);
  }
  await sleep(400);
  drive();

  // Forge the ticket channel: pushes and reports as FlowPilot's own messages look, by every route a
  // page has (postMessage to the window and each frame, DOM events, the runtime API if it is there).
  const ticket = { kind: 'service', id: ${SPECIAL_TICKETS.xss}, summary: 'forged', source: 'banner' };
  const forged = [
    { dir: 'bgToPanel', type: 'panel/pageTicket', ticket, rev: 9e15 },
    { dir: 'bgToPanel', type: 'panel/toggle' },
    { dir: 'pageToBg', type: 'page/detected', payload: { ticket } },
    { dir: 'panelToBg', type: 'panel/ticketContext', payload: { ticket } },
  ];
  for (const m of forged) {
    window.postMessage(m, '*');
    for (let i = 0; i < window.frames.length; i++) window.frames[i].postMessage(m, '*');
    frame?.contentWindow?.postMessage(m, '*');
    document.dispatchEvent(new CustomEvent('flowpilot', { detail: m }));
    try { chrome.runtime.sendMessage(m); } catch {}
  }
  await sleep(1500);
  read.after = text(document);
  return read;
}`;

test('a CW page script cannot read the panel, drive it, or forge the ticket it shows', async ({
  ext,
  sandbox,
}) => {
  const page = await openConnectedTicket(ext, sandbox, SPECIAL_TICKETS.standard);
  const p = panel(page);
  await expect(p).toHaveAttribute('data-context', 'ready');
  const people = p.getByRole('region', { name: 'Company and contact' });
  await expect(people).toContainText('emily.carter@contoso.com');
  const mark = sandbox.requests.length;

  const read = (await page.evaluate(`(${ATTACK_JS})()`)) as Record<string, string>;

  // Nothing the panel shows was readable: not the contact, not the panel's own labels.
  for (const [where, text] of Object.entries(read)) {
    expect(text, where).not.toContain('emily.carter@contoso.com');
    expect(text, where).not.toContain('Latest notes');
  }
  // Nothing was driven: no search, no other ticket, no write reached CW; the panel is as it was.
  const sent = sandbox.requests.slice(mark).filter((r) => r.apiPath);
  expect(sent.filter((r) => r.method !== 'GET')).toEqual([]);
  expect(
    sent.filter((r) => /tickets\/1002|conditions/.test(`${r.apiPath} ${r.query.conditions ?? ''}`)),
  ).toEqual([]);
  await expect(ticketHeading(page)).toContainText('#1001');
  await expect(ticketHeading(page)).not.toContainText('forged');
  await expect(p.getByRole('button', { name: 'Link Ticket' })).toHaveAttribute('aria-expanded', 'false');
  await expect(p.getByRole('searchbox', { name: 'Search tickets' })).toHaveCount(0);
  await expect(p.getByRole('dialog')).toHaveCount(0);
  await expect(people).toContainText('emily.carter@contoso.com');
});

test('a page that navigates the panel frame elsewhere gets a fresh panel back', async ({ ext, sandbox }) => {
  const page = await openConnectedTicket(ext, sandbox, SPECIAL_TICKETS.standard);
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  // A parent may navigate its child frames, whatever their origin.
  await page.evaluate(() => {
    const frame = document.querySelector('flowpilot-panel')!.shadowRoot!.querySelector('iframe')!;
    frame.contentWindow!.location.href =
      'data:text/html,<aside aria-label="FlowPilot">Fake FlowPilot</aside>';
  });
  await expect(ticketHeading(page)).toContainText('#1001');
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  expect(await page.locator('flowpilot-panel').count()).toBe(1);
});

test('the panel works only on the connected CW site, not on another CW host', async ({ ext, sandbox }) => {
  await connectExtensionToSandbox(ext, sandbox); // connected to 127.0.0.1:<port>
  const page = await ext.context.newPage();
  const mark = sandbox.requests.length;
  // The same sandbox under another host name: a CW page as far as the manifest goes, not the tenant.
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard).replace('127.0.0.1', 'localhost'));
  await expect(page.locator('.cw_BannerView .detailLabel')).toContainText('#1001');
  await expect(panel(page).getByRole('alert')).toContainText(
    'FlowPilot works only on the ConnectWise site it is connected to',
  );
  await expect(ticketHeading(page)).toHaveCount(0);
  expect(sandbox.requests.slice(mark).filter((r) => r.apiPath)).toEqual([]);

  // On the connected host itself everything works.
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
});

test('a page that drops the dock gets it back, with a working panel', async ({ ext, sandbox }) => {
  const page = await openConnectedTicket(ext, sandbox, SPECIAL_TICKETS.standard);
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
  // Some CW screens rebuild the document; here a script drops the dock, then CW re-renders its content.
  await page.evaluate(() => {
    document.querySelector('flowpilot-panel')!.remove();
    document.getElementById('cwContent')!.append(document.createElement('div'));
  });
  await expect(page.locator('flowpilot-panel')).toHaveCount(1);
  await expect(ticketHeading(page)).toContainText('#1001');
  await expect(panel(page)).toHaveAttribute('data-context', 'ready');
});
