// @vitest-environment happy-dom
import { render } from 'preact';
import { afterEach, describe, expect, it } from 'vitest';
import { panelPsa } from '@/lib/panel/words';
import type { TicketContext } from '@/lib/ticket/types';
import { TicketContextView } from './TicketContextView';

const XSS = '<img src=x onerror=alert(1)><script>alert(1)</script>';

function ctx(over: Partial<TicketContext> = {}): TicketContext {
  return {
    ref: { kind: 'service', id: 1002 },
    summary: `Email signature shows ${XSS}`,
    closed: false,
    configurations: [],
    notes: [],
    webUrl: 'https://na.myconnectwise.net/x',
    fetchedAt: 0,
    problems: [],
    ...over,
  };
}

const mount = (c: TicketContext) => {
  const el = document.createElement('div');
  document.body.append(el);
  render(<TicketContextView context={c} />, el);
  return el;
};

afterEach(() => {
  document.body.innerHTML = '';
  panelPsa.value = undefined;
});

describe('TicketContextView', () => {
  it('renders CW text as text, never as markup', () => {
    const el = mount(
      ctx({
        company: { name: `<b>Evil</b> Co`, identifier: 'EVIL' },
        notes: [{ id: 1, text: XSS, types: ['discussion'], author: '<i>x</i>' }],
      }),
    );
    expect(el.querySelector('img, script, b, i')).toBeNull();
    expect(el.textContent).toContain(XSS);
    expect(el.textContent).toContain('<b>Evil</b> Co (EVIL)');
  });

  it('clips long notes with "more" and expands them', async () => {
    const long = `${'word '.repeat(80)}END`;
    const el = mount(ctx({ notes: [{ id: 2, text: long, types: ['internal', 'resolution'] }] }));
    expect(el.querySelector('.fp-note-text')?.textContent).not.toContain('END');
    expect(el.textContent).toContain('Internal');
    expect(el.textContent).toContain('Resolution');
    const more = [...el.querySelectorAll('button')].find((b) => b.textContent === 'more')!;
    expect(more.getAttribute('aria-expanded')).toBe('false');
    more.click();
    await new Promise((r) => setTimeout(r, 0));
    expect(el.querySelector('.fp-note-text')?.textContent).toContain('END');
  });

  it('says when there is no contact, configuration or note, and shows problems', () => {
    const el = mount(
      ctx({ problems: [{ section: 'company', message: 'ConnectWise had a server error (500).' }] }),
    );
    expect(el.textContent).toContain('No contact on this ticket');
    expect(el.textContent).toContain('No configurations attached.');
    expect(el.textContent).toContain('No notes yet.');
    expect(el.textContent).toContain('company: ConnectWise had a server error (500).');
  });

  it('shows configuration details inside an expandable item', () => {
    const el = mount(
      ctx({
        configurations: [
          {
            id: 7,
            name: 'LT-1',
            type: 'Laptop',
            serialNumber: 'SN1',
            osType: 'Windows 11',
            ipAddress: '10.0.0.2',
            lastLoginName: 'ACME\\bob',
          },
        ],
      }),
    );
    const details = el.querySelector('details')!;
    expect(details.querySelector('summary')?.textContent).toBe('LT-1 · Laptop');
    for (const v of ['SN1', 'Windows 11', '10.0.0.2', 'ACME\\bob']) expect(details.textContent).toContain(v);
  });

  it("speaks the connected PSA's words: Board on ConnectWise, Queue and Configuration items on Autotask", () => {
    const board = { id: 29682833, name: 'Level II Support' };
    const terms = (el: Element) => [...el.querySelectorAll('dt')].map((d) => d.textContent);
    const cw = mount(ctx({ board }));
    expect(terms(cw)).toContain('Board');
    expect(cw.querySelector('section[aria-label="Configurations"] h3')?.textContent).toBe(
      'Configurations (0)',
    );
    document.body.innerHTML = '';

    panelPsa.value = 'autotask';
    const at = mount(ctx({ board }));
    expect(terms(at)).toContain('Queue');
    expect(terms(at)).not.toContain('Board');
    const section = at.querySelector('section[aria-label="Configuration items"]');
    expect(section?.querySelector('h3')?.textContent).toBe('Configuration items (0)');
    expect(section?.textContent).toContain('No configuration items attached.');
    expect(at.textContent).not.toMatch(/configurations/i);
  });

  it('a status named “Closed” is said once; another closed status keeps its name and the chip', () => {
    const status = (el: HTMLElement) =>
      [...el.querySelectorAll('dt')].find((d) => d.textContent === 'Status')?.nextElementSibling;
    const closed = mount(ctx({ closed: true, status: { id: 106, name: 'Closed' } }));
    expect(status(closed)?.textContent?.trim()).toBe('Closed');
    expect(closed.querySelector('.fp-chip.closed')?.textContent).toBe('Closed');
    const completed = mount(ctx({ closed: true, status: { id: 7, name: 'Completed' } }));
    expect(status(completed)?.textContent?.replace(/\s+/g, ' ').trim()).toBe('Completed Closed');
  });
});
