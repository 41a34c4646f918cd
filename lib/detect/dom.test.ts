// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseTicketLabel, parseTicketTitle, readBanner } from './dom';

const BANNERS: [string, ReturnType<typeof parseTicketLabel>][] = [
  [
    'Service Ticket #1001 - Outlook not syncing on laptop',
    { kind: 'service', id: 1001, summary: 'Outlook not syncing on laptop' },
  ],
  [
    '  Service Ticket #12345 - VPN drops - every hour  ',
    { kind: 'service', id: 12345, summary: 'VPN drops - every hour' },
  ],
  ['Service Ticket # 77 – Printer offline', { kind: 'service', id: 77, summary: 'Printer offline' }],
  ['SERVICE TICKET #8 — Email', { kind: 'service', id: 8, summary: 'Email' }],
  [
    'Service\u00a0Ticket\u00a0#42\u00a0-\u00a0New hire setup',
    { kind: 'service', id: 42, summary: 'New hire setup' },
  ],
  ['Service Ticket #1001', { kind: 'service', id: 1001 }],
  ['Service Ticket #1001 - ', { kind: 'service', id: 1001 }],
  [
    'Service Ticket #1002 - <img src=x onerror=alert(1)>',
    { kind: 'service', id: 1002, summary: '<img src=x onerror=alert(1)>' },
  ],
  ['Service Ticket #5 - line one\nline two', { kind: 'service', id: 5, summary: 'line one line two' }],
  [
    'Project Ticket #5001 - Migrate pilot group mailboxes',
    { kind: 'project', id: 5001, summary: 'Migrate pilot group mailboxes' },
  ],
  ['project ticket #5002', { kind: 'project', id: 5002 }],
];

const NOT_TICKETS = [
  'Service Board - Help Desk',
  'Service Ticket Search',
  'Service Ticket # - no number',
  'Service Ticket #abc - letters',
  'Service Ticket #0 - zero',
  'Project #20 - Contoso M365 Migration',
  'Project Board - Professional Services',
  'Company: Contoso Ltd.',
  'Time Entry #55 - Onsite',
  'Opportunity #12 - Renewal',
  'Merged into Service Ticket #1001',
  '',
];

describe('parseTicketLabel (banner)', () => {
  it.each(BANNERS)('%s', (text, want) => expect(parseTicketLabel(text)).toEqual(want));
  it.each(NOT_TICKETS.map((t) => [t]))('no ticket in %j', (text) =>
    expect(parseTicketLabel(text)).toBeUndefined(),
  );
  it('null and undefined are no ticket', () => {
    expect(parseTicketLabel(null)).toBeUndefined();
    expect(parseTicketLabel(undefined)).toBeUndefined();
  });
});

describe('parseTicketTitle (title fallback)', () => {
  it('reads CW titles and #N titles', () => {
    expect(parseTicketTitle('Service Ticket #1001 - Outlook')).toEqual({
      kind: 'service',
      id: 1001,
      summary: 'Outlook',
    });
    expect(parseTicketTitle('Project Ticket #5001 - Pilot')).toEqual({
      kind: 'project',
      id: 5001,
      summary: 'Pilot',
    });
    expect(parseTicketTitle('#1234 - Printer offline')).toEqual({
      kind: 'service',
      id: 1234,
      summary: 'Printer offline',
    });
  });
  it.each([['ConnectWise PSA'], ['Service Board - Help Desk'], ['#1234'], ['Ticket 1234'], ['']])(
    'no ticket in %j',
    (t) => expect(parseTicketTitle(t)).toBeUndefined(),
  );
});

describe('readBanner', () => {
  it('returns the banner text, or null when no banner is rendered', () => {
    document.body.innerHTML = '<div id="cwContent"><div class="cw-loading">Loading...</div></div>';
    expect(readBanner(document)).toBeNull();
    document.body.innerHTML =
      '<div class="cw_BannerView"><div class="detailLabel gwt-Label">Service Ticket #1001 - Outlook</div></div>';
    expect(readBanner(document)).toBe('Service Ticket #1001 - Outlook');
  });
  it('skips hidden banners GWT keeps around', () => {
    document.body.innerHTML =
      '<div class="cw_BannerView" style="display:none"><div class="detailLabel">Service Ticket #1 - old</div></div>' +
      '<div class="cw_BannerView"><div class="detailLabel">Service Ticket #2 - new</div></div>';
    expect(readBanner(document)).toBe('Service Ticket #2 - new');
  });
  it('a banner that is not a ticket still counts as a banner', () => {
    document.body.innerHTML =
      '<div class="cw_BannerView"><div class="detailLabel">Service Board - Help Desk</div></div>';
    expect(readBanner(document)).toBe('Service Board - Help Desk');
  });
});
