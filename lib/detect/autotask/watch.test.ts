// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import type { AutotaskOnScreen } from './resolve';
import { watchAutotaskOnScreen } from './watch';

// The watcher checks in a task after the next frame; two frames and a task later it has run.
const frame = () =>
  new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => setTimeout(r, 0))));
const heading = (number: string, title: string) =>
  `<div class="EntityHeadingContainer"><span class="IdentificationText">${number}</span><div class="Title"><span class="Text">${title}</span></div></div>`;

describe('watchAutotaskOnScreen', () => {
  let ac = new AbortController();
  afterEach(() => {
    ac.abort();
    ac = new AbortController();
    history.replaceState(null, '', '/');
  });

  it('reports the URL at once, then the heading once rendered, batching mutations; nothing when unchanged', async () => {
    history.replaceState(null, '', '/Mvc/ServiceDesk/TicketDetail.mvc?TicketID=40265');
    document.body.innerHTML = '';
    const seen: (AutotaskOnScreen | null)[] = [];
    let checks = 0;
    watchAutotaskOnScreen({
      win: window,
      signal: ac.signal,
      onChange: (t) => seen.push(t),
      afterCheck: () => checks++,
    });
    expect(seen).toEqual([{ id: 40265, editing: false, source: 'url' }]);
    checks = 0;
    for (let i = 0; i < 20; i++) document.body.append(document.createElement('span'));
    document.body.insertAdjacentHTML('beforeend', heading('T20260101.0001', 'Printer offline'));
    await frame();
    expect(checks).toBe(1);
    expect(seen.at(-1)).toEqual({
      id: 40265,
      number: 'T20260101.0001',
      title: 'Printer offline',
      editing: false,
      source: 'url+screen',
    });
    document.body.append(document.createElement('p'));
    await frame();
    expect(seen).toHaveLength(2);
  });

  it('a page that is no ticket reports null once; stops after abort', async () => {
    history.replaceState(null, '', '/Mvc/CRM/AccountDetail.mvc?accountId=5');
    document.body.innerHTML = '<div class="TitleBar">Account</div>';
    const seen: (AutotaskOnScreen | null)[] = [];
    watchAutotaskOnScreen({ win: window, signal: ac.signal, onChange: (t) => seen.push(t) });
    expect(seen).toEqual([null]);
    ac.abort();
    document.body.insertAdjacentHTML('beforeend', heading('T20260101.0002', 'x'));
    await frame();
    expect(seen).toEqual([null]);
  });
});
