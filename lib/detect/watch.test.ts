// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { DetectedTicket } from './resolve';
import { watchTicketOnScreen } from './watch';

// The watcher checks in a task after the next frame; two frames and a task later it has run.
const frame = () =>
  new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
const banner = (text: string) =>
  `<div class="cw_BannerView"><div class="detailLabel gwt-Label">${text}</div></div>`;

describe('watchTicketOnScreen', () => {
  let ac = new AbortController();
  afterEach(() => {
    ac.abort();
    ac = new AbortController();
  });

  it('reports the banner ticket once per change, batching many mutations into one check', async () => {
    document.body.innerHTML = `<div id="cwContent">${banner('Service Board - Help Desk')}</div>`;
    const seen: (DetectedTicket | null)[] = [];
    let checks = 0;
    watchTicketOnScreen({
      win: window,
      signal: ac.signal,
      onChange: (t) => seen.push(t),
      afterCheck: () => checks++,
    });
    expect(seen).toEqual([null]);
    const root = document.getElementById('cwContent')!;
    checks = 0;
    // Many mutations in one task: one check, one change.
    root.innerHTML = '<div class="cw-loading">Loading...</div>';
    for (let i = 0; i < 20; i++) root.append(document.createElement('span'));
    root.innerHTML = banner('Service Ticket #1020 - Printer');
    await frame();
    expect(checks).toBe(1);
    expect(seen.map((t) => t?.id ?? null)).toEqual([null, 1020]);
    // A mutation that does not change the ticket reports nothing.
    root.append(document.createElement('p'));
    await frame();
    expect(seen).toHaveLength(2);
    // Summary edits are reported (the header shows them).
    root.querySelector('.detailLabel')!.textContent = 'Service Ticket #1020 - Printer jammed';
    await frame();
    expect(seen.at(-1)?.summary).toBe('Printer jammed');
  });

  it('once a banner is known, watches only its screen and the content root children', async () => {
    document.body.innerHTML = `<div id="cwContent"><div class="screen">${banner('Service Ticket #7 - a')}</div><div class="side"><ul></ul></div></div>`;
    const seen: (DetectedTicket | null)[] = [];
    let checks = 0;
    watchTicketOnScreen({
      win: window,
      signal: ac.signal,
      onChange: (t) => seen.push(t),
      afterCheck: () => checks++,
    });
    checks = 0;
    // CW busy elsewhere (a side pod re-rendering): not our business, no check at all.
    const list = document.querySelector('.side ul')!;
    for (let i = 0; i < 5; i++) list.append(document.createElement('li'));
    await frame();
    expect(checks).toBe(0);
    // The banner's own text changes in place: seen.
    document.querySelector('.detailLabel')!.textContent = 'Service Ticket #8 - b';
    await frame();
    expect(seen.map((t) => t?.id)).toEqual([7, 8]);
    // CW swaps the screen: seen, and the new screen is the one watched from now on.
    const root = document.getElementById('cwContent')!;
    root.firstElementChild!.replaceWith(
      Object.assign(document.createElement('div'), { innerHTML: banner('Service Ticket #9 - c') }),
    );
    await frame();
    expect(seen.map((t) => t?.id)).toEqual([7, 8, 9]);
    root.querySelector('.detailLabel')!.textContent = 'Service Ticket #10 - d';
    await frame();
    expect(seen.map((t) => t?.id)).toEqual([7, 8, 9, 10]);
  });

  it('stops observing when aborted', async () => {
    document.body.innerHTML = `<div id="cwContent">${banner('Service Ticket #1 - a')}</div>`;
    const local = new AbortController();
    const seen: (DetectedTicket | null)[] = [];
    watchTicketOnScreen({ win: window, signal: local.signal, onChange: (t) => seen.push(t) });
    local.abort();
    document.getElementById('cwContent')!.innerHTML = banner('Service Ticket #2 - b');
    await frame();
    window.dispatchEvent(new PopStateEvent('popstate'));
    await frame();
    expect(seen.map((t) => t?.id)).toEqual([1]);
  });

  it('re-checks on popstate and hashchange', async () => {
    document.body.innerHTML = '<div id="cwContent"></div>';
    history.replaceState(null, '', '/v4_6_release/ConnectWise.aspx?routeTo=ServiceBoard&boardId=1');
    const seen: (DetectedTicket | null)[] = [];
    watchTicketOnScreen({ win: window, signal: ac.signal, onChange: (t) => seen.push(t) });
    history.pushState(null, '', '/v4_6_release/ConnectWise.aspx?routeTo=ServiceFV&recid=1001');
    window.dispatchEvent(new PopStateEvent('popstate'));
    await frame();
    expect(seen.map((t) => (t ? `${t.id}:${t.source}` : null))).toEqual([null, '1001:url']);
  });
});
