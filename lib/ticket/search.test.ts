import { describe, expect, it } from 'vitest';
import { buildQueryString } from '../cw/conditions';
import { buildSearchRequests, parseSearchInput, toSearchResult } from './search';

describe('parseSearchInput', () => {
  it.each([
    ['1001', { kind: 'number', id: 1001 }],
    ['#1001', { kind: 'number', id: 1001 }],
    ['  # 42 ', { kind: 'number', id: 42 }],
    ['', { kind: 'empty' }],
    ['   ', { kind: 'empty' }],
    ['a', { kind: 'tooShort', min: 2 }],
    ['#', { kind: 'tooShort', min: 2 }],
    ['outlook', { kind: 'words', words: ['outlook'] }],
    ['  outlook   sync ', { kind: 'words', words: ['outlook', 'sync'] }],
    ['#0', { kind: 'tooShort', min: 2 }],
    ['1001 printer', { kind: 'words', words: ['1001', 'printer'] }],
    ['99999999999', { kind: 'words', words: ['99999999999'] }],
  ])('%j', (text, want) => expect(parseSearchInput(text)).toEqual(want));
});

describe('buildSearchRequests', () => {
  it('a number looks up that id, service first then project', () => {
    const reqs = buildSearchRequests(parseSearchInput('#1001'));
    expect(reqs.map((r) => [r.kind, r.path, r.query.conditions])).toEqual([
      ['service', 'service/tickets', 'id = 1001'],
      ['project', 'project/tickets', 'id = 1001'],
    ]);
  });

  it('words search summaries with contains, open first then newest, trimmed with fields', () => {
    const [req] = buildSearchRequests(parseSearchInput('outlook sync'));
    expect(req?.query.conditions).toBe('(summary contains "outlook") and (summary contains "sync")');
    expect(req?.query.orderBy).toBe('closedFlag asc,id desc');
    expect(req?.query.fields).toEqual([
      'id',
      'summary',
      'company/name',
      'board/name',
      'status/name',
      'priority/name',
      'closedFlag',
    ]);
  });

  it('quotes and operators typed by the user stay inside the value', () => {
    const [req] = buildSearchRequests(parseSearchInput('"Q3 report" or id=1'));
    expect(req?.query.conditions).toBe(
      '(summary contains "\\"Q3") and (summary contains "report\\"") and (summary contains "or") and (summary contains "id=1")',
    );
    const qs = buildQueryString(req!.query);
    expect(qs).not.toMatch(/[ "]/);
    expect(decodeURIComponent(qs.split('&')[0]!.slice('conditions='.length))).toBe(req?.query.conditions);
  });

  it('empty or too short input sends nothing', () => {
    expect(buildSearchRequests(parseSearchInput(''))).toEqual([]);
    expect(buildSearchRequests(parseSearchInput('x'))).toEqual([]);
  });
});

describe('toSearchResult', () => {
  it('maps a trimmed CW row', () => {
    expect(
      toSearchResult('service', {
        id: 7,
        summary: 'VPN',
        company: { name: 'Contoso' },
        board: { name: 'Help Desk' },
        status: { name: 'New' },
        priority: { name: 'P3' },
        closedFlag: false,
      }),
    ).toEqual({
      ref: { kind: 'service', id: 7 },
      summary: 'VPN',
      company: 'Contoso',
      board: 'Help Desk',
      status: 'New',
      priority: 'P3',
      closed: false,
    });
  });
});
