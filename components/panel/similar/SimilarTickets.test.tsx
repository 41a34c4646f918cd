// @vitest-environment happy-dom
import { render } from 'preact';
import { act } from 'preact/test-utils';
import { afterEach, describe, expect, it } from 'vitest';
import type { SimilarTicket } from '@/lib/similar/load';
import { SimilarRow } from './SimilarTickets';

afterEach(() => {
  document.body.innerHTML = '';
});

const ticket = (over: Partial<SimilarTicket> = {}): SimilarTicket => ({
  source: 'cw',
  ticketId: 1042,
  summary: 'Outlook not syncing',
  resolution: 'Rebuilt the Outlook profile.\nCleared the OST cache.\nMail was in sync within 20 minutes.',
  webUrl: 'https://na.myconnectwise.net/x',
  shared: ['outlook'],
  tier: 0,
  ...over,
});

function mount(t: SimilarTicket) {
  const el = document.createElement('ul');
  document.body.append(el);
  act(() => render(<SimilarRow t={t} onUse={async () => undefined} />, el));
  return el;
}

describe('SimilarRow', () => {
  it('a clipped resolution ends in one ellipsis, not “.…”', () => {
    const el = mount(ticket());
    const text = el.querySelector('.fp-note-text')?.textContent ?? '';
    expect(text).toBe('What fixed it: Rebuilt the Outlook profile.\nCleared the OST cache…');
  });

  it('“more” / “less” say which ticket they open', () => {
    const el = mount(ticket());
    const toggle = () => el.querySelector<HTMLButtonElement>('button[aria-expanded]')!;
    expect(toggle().getAttribute('aria-label')).toBe('Show more of #1042');
    expect(toggle().textContent).toBe('more');
    act(() => toggle().click());
    expect(toggle().getAttribute('aria-label')).toBe('Show less of #1042');
    expect(el.querySelector('.fp-note-text')?.textContent).toContain('within 20 minutes.');
  });
});
