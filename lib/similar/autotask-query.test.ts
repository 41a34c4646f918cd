import { describe, expect, it } from 'vitest';
import { queryBody } from '../autotask/query';
import {
  AT_SIMILAR_CANDIDATES,
  AT_SIMILAR_WINDOW_DAYS,
  autotaskRelevanceFilter,
  autotaskSimilarQuery,
  resolutionNotesQuery,
} from './autotask-query';
import { relevanceCondition } from './query';
import { queryProfile } from './rank';

const profile = (summary: string, description?: string) => queryProfile({ summary, description });
const NOW = Date.UTC(2026, 10, 29, 12, 0, 0);

describe('autotaskSimilarQuery', () => {
  it('Complete (5), not this ticket, completed in the window, title passing the relevance rule; one small page', () => {
    const q = autotaskSimilarQuery(
      profile('Outlook not syncing on laptop'),
      { kind: 'service', id: 40265 },
      NOW,
    )!;
    expect(q.filter).toEqual([
      { op: 'eq', field: 'status', value: 5 },
      { op: 'noteq', field: 'id', value: 40265 },
      { op: 'gte', field: 'completedDate', value: '2025-11-29T12:00:00Z' },
      {
        op: 'or',
        items: [
          { op: 'contains', field: 'title', value: 'outlook' },
          {
            op: 'and',
            items: [
              { op: 'contains', field: 'title', value: 'sync' },
              { op: 'contains', field: 'title', value: 'laptop' },
            ],
          },
        ],
      },
    ]);
    expect(AT_SIMILAR_WINDOW_DAYS).toBe(365);
    expect(q.maxRecords).toBe(AT_SIMILAR_CANDIDATES);
    expect(q.maxRecords).toBeLessThanOrEqual(50);
    expect(q.includeFields).toEqual(
      expect.arrayContaining(['id', 'ticketNumber', 'title', 'companyID', 'completedDate', 'resolution']),
    );
    // What goes on the wire is a valid Autotask query body.
    expect(queryBody(q)).toMatchObject({ MaxRecords: AT_SIMILAR_CANDIDATES });
  });

  it('the same relevance rule as ConnectWise: same words, same groups', () => {
    const p = profile('Outlook not syncing on laptop');
    const cw = relevanceCondition(p)!;
    const at = JSON.stringify(autotaskRelevanceFilter(p));
    for (const term of ['outlook', 'sync', 'laptop']) {
      expect(cw).toContain(`"${term}"`);
      expect(at).toContain(`"${term}"`);
    }
  });

  it('one strong word alone is one condition, not a group', () => {
    expect(autotaskRelevanceFilter(profile('0x80070005'))).toEqual({
      op: 'contains',
      field: 'title',
      value: '0x80070005',
    });
  });

  it('quotes and symbols in the title never reach the filter as syntax', () => {
    const q = autotaskSimilarQuery(
      profile(`Can't print "Q3 report" 100% & [urgent] <b>`),
      { kind: 'service', id: 7 },
      NOW,
    )!;
    const values = JSON.stringify(q.filter).match(/"value":"([^"]*)"/g) ?? [];
    expect(values.length).toBeGreaterThan(2);
    for (const v of values.slice(1)) expect(v).toMatch(/^"value":"[A-Za-z0-9:\-T]+"$/);
  });

  it('nothing to look for → no query', () => {
    expect(autotaskSimilarQuery(profile('Please help!!'), { kind: 'service', id: 1 }, NOW)).toBeUndefined();
  });
});

describe('resolutionNotesQuery', () => {
  it('the notes of the resolution note type on the shown tickets', () => {
    expect(resolutionNotesQuery([40501, 40502], 1).filter).toEqual([
      { op: 'in', field: 'ticketID', value: [40501, 40502] },
      { op: 'eq', field: 'noteType', value: 1 },
    ]);
  });
});
