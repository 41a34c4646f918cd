import { describe, expect, it } from 'vitest';
import { buildQueryString } from '../cw/conditions';
import { relevanceCondition, resolutionNoteRequest, similarSearchRequest } from './query';
import { queryProfile } from './rank';

const profile = (summary: string, description?: string) => queryProfile({ summary, description });

describe('similarSearchRequest', () => {
  it('asks for closed or resolved tickets, not this one, that can pass the relevance rule', () => {
    const r = similarSearchRequest(profile('Outlook not syncing on laptop'), { kind: 'service', id: 1001 });
    expect(r?.path).toBe('service/tickets');
    expect(r?.query.conditions).toBe(
      '((closedFlag = True) or (status/name contains "Resolved")) and (id != 1001) and ' +
        '((summary contains "outlook") or ((summary contains "sync") and (summary contains "laptop")))',
    );
    expect(r?.query.orderBy).toBe('id desc');
    expect(r?.query.pageSize).toBe(100);
    expect(r?.query.fields).toEqual(expect.arrayContaining(['id', 'summary', 'company/id', 'closedDate']));
  });

  it('a project ticket is not excluded by id (service ids are another series)', () => {
    const r = similarSearchRequest(profile('VPN drops'), { kind: 'project', id: 5001 });
    expect(r?.query.conditions).not.toContain('id !=');
  });

  it('escapes what the summary contains, so it can never change the query', () => {
    const r = similarSearchRequest(profile('Error "0x80070005" on \\\\FS01\\share [urgent]'), {
      kind: 'service',
      id: 7,
    });
    // The words are cut at punctuation first; nothing of the quotes or brackets reaches CW.
    expect(r?.query.conditions).toContain('(summary contains "0x80070005") or (summary contains "fs01")');
    const values = [...(r?.query.conditions ?? '').matchAll(/contains "([^"]*)"/g)].map((m) => m[1]);
    expect(values.length).toBeGreaterThan(2);
    for (const v of values) expect(v).toMatch(/^[A-Za-z0-9]+$/);
  });

  it('nothing to look for → no request', () => {
    expect(similarSearchRequest(profile('Please help!!'), { kind: 'service', id: 1 })).toBeUndefined();
  });
});

describe('relevanceCondition', () => {
  it('one ordinary word alone is enough only when the summary has just that one', () => {
    expect(relevanceCondition(profile('Printer'))).toBe('summary contains "printer"');
    expect(relevanceCondition(profile('Laptop slow'))).toBe(
      '(summary contains "laptop") and (summary contains "slow")',
    );
  });

  it('caps the words it sends, so the URL stays short', () => {
    const long = profile(
      'Outlook Teams Excel OneDrive SharePoint laptop docking station monitor flicker keyboard mouse',
    );
    const c = relevanceCondition(long) ?? '';
    expect(c).toContain('"outlook"');
    expect(c).not.toContain('"sharepoint"'); // fifth strong word
    expect(c).not.toContain('"keyboard"'); // sixth ordinary word
    expect(buildQueryString({ conditions: c }).length).toBeLessThan(2000);
  });
});

describe('resolutionNoteRequest', () => {
  it('reads only the latest Resolution note, trimmed', () => {
    expect(resolutionNoteRequest(1234)).toEqual({
      path: 'service/tickets/1234/notes',
      query: {
        conditions: 'resolutionFlag = True',
        orderBy: 'id desc',
        pageSize: 1,
        fields: ['id', 'text', 'member/name', 'createdBy', 'dateCreated'],
      },
    });
  });
});
