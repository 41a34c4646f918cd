import { describe, expect, it } from 'vitest';
import { type AutotaskSite, autotaskPagePatterns, isAutotaskPageSync } from './autotask-pages';
import { isPanelHostSync, type PanelSite } from './cw-pages';

// Issue 15 §3: the panel and the content script are accepted from the connected Autotask's web host only
// (the zone's webUrl host), and a CW connection keeps accepting only CW hosts, and vice versa.

const zone18: AutotaskSite & PanelSite = {
  psa: 'autotask',
  site: 'ww18.autotask.net',
  scheme: 'https',
  cloud: true,
};
const sandbox: AutotaskSite & PanelSite = {
  psa: 'autotask',
  site: '127.0.0.1:4200',
  scheme: 'http',
  cloud: true,
};
const cw: PanelSite = { psa: 'connectwise', site: 'na.myconnectwise.net', scheme: 'https', cloud: true };

const TICKET = 'https://ww18.autotask.net/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=40265';

describe('autotaskPagePatterns', () => {
  it('the zone web host in production; nothing for CW or no connection', () => {
    expect(autotaskPagePatterns(zone18, false)).toEqual(['https://ww18.autotask.net/*']);
    expect(autotaskPagePatterns(cw, false)).toEqual([]);
    expect(autotaskPagePatterns(undefined, false)).toEqual([]);
    expect(autotaskPagePatterns({ ...zone18, scheme: 'http' }, false)).toEqual([]);
  });

  it("loopback (the sandbox) only in the e2e build, and only on Autotask's UI paths", () => {
    expect(autotaskPagePatterns(sandbox, false)).toEqual([]);
    expect(autotaskPagePatterns(sandbox, true)).toEqual([
      'http://127.0.0.1/Mvc/*',
      'http://127.0.0.1/Autotask/*',
      'http://127.0.0.1/AutotaskOnyx/*',
    ]);
  });
});

describe('isAutotaskPageSync / isPanelHostSync with an Autotask connection', () => {
  it('accepts the zone web host, the shell and its iframe pages', () => {
    for (const ok of [
      TICKET,
      'https://ww18.autotask.net/AutotaskOnyx/LandingPage?view=TicketDetail&view-data=e30=',
      'https://WW18.autotask.net/Autotask/AutotaskExtend/ExecuteCommand.aspx?Code=OpenTicketDetail&TicketID=1',
    ]) {
      expect(isAutotaskPageSync(ok, zone18, false), ok).toBe(true);
      expect(isPanelHostSync(ok, zone18, false), ok).toBe(true);
    }
  });

  it('refuses other zones, look-alike hosts, http, other ports and every CW page', () => {
    for (const bad of [
      TICKET.replace('ww18', 'ww5'),
      'https://ww18.autotask.net.evil.example/Mvc/x',
      'https://evilww18.autotask.net/Mvc/x',
      TICKET.replace('https:', 'http:'),
      'https://ww18.autotask.net:8443/Mvc/x',
      'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx',
      'not a url',
    ]) {
      expect(isAutotaskPageSync(bad, zone18, false), bad).toBe(false);
      expect(isPanelHostSync(bad, zone18, false), bad).toBe(false);
    }
  });

  it('a CW connection never accepts Autotask pages', () => {
    expect(isAutotaskPageSync(TICKET, cw as AutotaskSite, false)).toBe(false);
    expect(isPanelHostSync(TICKET, cw, false)).toBe(false);
    // Nothing connected: CW's rule (CW sites show "not connected"); Autotask pages are not CW sites.
    expect(isPanelHostSync(TICKET, undefined, false)).toBe(false);
  });

  it('the sandbox: its exact host and port, only in the e2e build', () => {
    const page = 'http://127.0.0.1:4200/Mvc/ServiceDesk/TicketDetail.mvc?ticketId=40265';
    expect(isPanelHostSync(page, sandbox, true)).toBe(true);
    expect(isPanelHostSync(page, sandbox, false)).toBe(false);
    expect(isPanelHostSync(page.replace('4200', '4100'), sandbox, true)).toBe(false);
    expect(isPanelHostSync(page.replace('127.0.0.1', 'localhost'), sandbox, true)).toBe(false);
  });
});
