// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { parseTitleBar, readAutotaskTicket, ticketNumberIn } from './dom';
import { resolveAutotaskOnScreen } from './resolve';

describe('parseTitleBar', () => {
  it.each([
    [
      'Ticket - T20260101.0001 - Printer not working (Contoso Ltd)',
      { number: 'T20260101.0001', rest: 'Printer not working (Contoso Ltd)', editing: false },
    ],
    [
      'Ticket  -  T20260101.0001  -  VPN - drops - hourly',
      { number: 'T20260101.0001', rest: 'VPN - drops - hourly', editing: false },
    ],
    ['Edit Ticket - T20260101.0001 - Printer', { number: 'T20260101.0001', rest: 'Printer', editing: true }],
    ['Ticket\u00a0-\u00a0t20260101.00012', { number: 'T20260101.00012', editing: false }],
    ['Ticket – T20260101.0001.001 – Sub', { number: 'T20260101.0001.001', rest: 'Sub', editing: false }],
  ])('%j', (text, want) => expect(parseTitleBar(text)).toEqual(want));
  it.each([
    ['Task - T20260101.0001.001 - Install'],
    ['Ticket Search'],
    ['Ticket - 12345 - x'],
    ['Account - Contoso'],
    ['Tickets'],
    [''],
  ])('no ticket in %j', (text) => expect(parseTitleBar(text)).toBeUndefined());
});

const PAGE = (opts: { edit?: boolean; heading?: boolean; title?: string } = {}) => `
<div class="TitleBar TitleBarNavigation"><div class="PageHeadingContainer">
<div class="TitleBarItem Title" id="z0123"><span class="Text">${opts.edit ? 'Edit Ticket ' : 'Ticket '}</span><span class="SecondaryText">- T20261102.0001 - ${opts.title ?? 'Outlook not syncing'} (Contoso Ltd)</span></div>
<div class="TitleBarItem Navigator"><span class="Text">1 of 2</span></div></div></div>
${
  opts.heading === false
    ? ''
    : `<div class="EntityHeadingContainer"><div class="IdentificationContainer"><span class="IdentificationText">T20261102.0001</span></div>
<div class="Title"><span class="Text">${opts.title ?? 'Outlook not syncing'}</span></div></div>`
}`;

describe('readAutotaskTicket', () => {
  it('prefers the heading (clean title), falls back to the title bar', () => {
    document.body.className = 'EntityDetail';
    document.body.innerHTML = PAGE();
    expect(readAutotaskTicket(document)).toEqual({
      number: 'T20261102.0001',
      title: 'Outlook not syncing',
      editing: false,
      source: 'heading',
    });
    document.body.innerHTML = PAGE({ heading: false });
    expect(readAutotaskTicket(document)).toEqual({
      number: 'T20261102.0001',
      title: 'Outlook not syncing (Contoso Ltd)',
      editing: false,
      source: 'titleBar',
    });
  });
  it('the edit page is marked; markup in a title is text', () => {
    document.body.className = 'EntityEdit';
    document.body.innerHTML = PAGE({ edit: true, title: '&lt;img src=x onerror=alert(1)&gt;' });
    expect(readAutotaskTicket(document)).toMatchObject({
      editing: true,
      title: '<img src=x onerror=alert(1)>',
    });
  });
  it('nothing on a page without a ticket heading or title bar; hidden headings are skipped', () => {
    document.body.className = '';
    document.body.innerHTML = '<div class="TitleBarItem Title"><span class="Text">Ticket Search</span></div>';
    expect(readAutotaskTicket(document)).toBeUndefined();
    document.body.innerHTML =
      '<div class="EntityHeadingContainer" style="display:none"><span class="IdentificationText">T20261102.0009</span></div>';
    expect(readAutotaskTicket(document)).toBeUndefined();
  });
  it('finds a number in free text', () => {
    expect(ticketNumberIn('Autotask - t20261102.0001 x')).toBe('T20261102.0001');
    expect(ticketNumberIn('Autotask')).toBeUndefined();
  });
});

describe('resolveAutotaskOnScreen', () => {
  const screen = { number: 'T20261102.0001', title: 'Outlook', editing: false, source: 'heading' as const };
  const byId = 'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=40265';
  const byNumber = (n: string) =>
    `https://ww18.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketNumber=${n}`;
  it('combines the URL id with the number and title on screen', () => {
    expect(resolveAutotaskOnScreen({ url: byId, screen })).toEqual({
      id: 40265,
      number: 'T20261102.0001',
      title: 'Outlook',
      editing: false,
      source: 'url+screen',
    });
    expect(resolveAutotaskOnScreen({ url: byId })).toEqual({ id: 40265, editing: false, source: 'url' });
  });
  it('the number on screen wins over a different number in the URL', () => {
    expect(resolveAutotaskOnScreen({ url: byNumber('T20261102.0009'), screen })).toMatchObject({
      number: 'T20261102.0001',
      source: 'screen',
    });
    expect(resolveAutotaskOnScreen({ url: byNumber('T20261102.0001'), screen })).toMatchObject({
      source: 'url+screen',
    });
  });
  it('a page without a ticket URL still has the ticket on screen (e.g. an in-place update); nothing → null', () => {
    expect(resolveAutotaskOnScreen({ url: 'https://ww18.autotask.net/Home', screen })).toMatchObject({
      number: 'T20261102.0001',
      source: 'screen',
    });
    expect(resolveAutotaskOnScreen({ url: 'https://ww18.autotask.net/Home' })).toBeNull();
  });
});
