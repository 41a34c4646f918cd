import { describe, expect, it } from 'vitest';
import { searchTerm, significantWords, toWord } from './words';

const terms = (text: string) => significantWords(text).map((w) => w.term);

describe('significantWords', () => {
  it('drops stop words and ticket-speak, stems the rest', () => {
    expect(terms('Outlook not syncing on laptop')).toEqual(['outlook', 'sync', 'laptop']);
    expect(terms("VPN won't connect")).toEqual(['vpn', 'connect']);
    expect(terms('Printers are not working - please help!!')).toEqual(['printer']);
    expect(terms('Teams calls dropping')).toEqual(['teams', 'call', 'drop']);
    expect(terms('New user setup - start date Monday')).toEqual(['setup', 'start', 'date', 'mondai']);
  });

  it('keeps numbers, codes and product names as typed', () => {
    expect(terms('Windows update stuck at 35%')).toEqual(['windows', 'updat', 'stuck', '35']);
    expect(terms('Disk space low on FS01')).toEqual(['disk', 'space', 'low', 'fs01']);
    expect(terms('Error 0x80070005 when installing KB5034441')).toEqual([
      'error',
      '0x80070005',
      'instal',
      'kb5034441',
    ]);
    expect(terms('Printer offline on 2nd floor')).toEqual(['printer', 'offlin', '2nd', 'floor']);
    expect(significantWords('QuickBooks will not open company file')[0]).toEqual({
      term: 'quickbooks',
      raw: 'quickbooks',
      strong: true,
    });
    // A lone digit and a drive letter say nothing.
    expect(terms('Need 2 monitors on drive S:')).toEqual(['monitor', 'drive']);
  });

  it('folds spelling variants of the same product', () => {
    expect(terms('Wi-Fi drops in conference room')).toEqual(terms('WiFi drops in conference room'));
    expect(terms('Office 365 login loop')).toContain('m365');
    expect(terms('O365 mailbox full')).toContain('m365');
    expect(terms('One Drive sync stuck')).toEqual(['onedrive', 'sync', 'stuck']);
    expect(terms('Multi-factor prompt not arriving')).toContain('mfa');
    expect(terms('Remote Desktop connection refused')).toEqual(['rdp', 'connect', 'refus']);
  });

  it('meets different forms of the same word', () => {
    expect(terms('printing')).toEqual(terms('print'));
    expect(terms('Calendar invites not showing')).toEqual(terms('calendar invite showed'));
    expect(terms('Account locked out')).toEqual(terms('account lock'));
  });

  it('lists each term once, in the order it first appears; accents and case do not matter', () => {
    expect(terms('Sync sync SYNCING synced')).toEqual(['sync']);
    expect(terms('Café Wi-Fi')).toEqual(['cafe', 'wifi']);
    expect(terms('')).toEqual([]);
    expect(terms('!!! ??? ---')).toEqual([]);
  });

  it('marks product names and codes as strong, not bare numbers', () => {
    expect(toWord('outlook')?.strong).toBe(true);
    expect(toWord('fs01')?.strong).toBe(true);
    expect(toWord('h202')?.strong).toBe(true);
    // A bare number is kept, but alone it would match "100%" with "100%".
    expect(toWord('100')).toEqual({ term: '100', raw: '100', strong: false });
    expect(toWord('laptop')?.strong).toBe(false);
    expect(toWord('the')).toBeUndefined();
    expect(toWord('7')).toBeUndefined();
  });
});

describe('searchTerm', () => {
  const one = (text: string) => significantWords(text)[0]!;
  it('uses the stem when the word starts with it', () => {
    expect(searchTerm(one('syncing'))).toBe('sync');
    expect(searchTerm(one('printers'))).toBe('printer');
  });
  it('uses the shared beginning when stemming changed the ending', () => {
    expect(searchTerm(one('battery'))).toBe('batter');
    expect(searchTerm(one('Monday'))).toBe('monda');
  });
  it('keeps strong words whole', () => {
    expect(searchTerm(one('OneDrive'))).toBe('onedrive');
    expect(searchTerm(one('FS01'))).toBe('fs01');
  });
});
