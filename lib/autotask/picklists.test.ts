import { describe, expect, it } from 'vitest';
import { labelOf, parsePicklists } from './picklists';

describe('parsePicklists', () => {
  it('reads string values as ids, in sort order, with parents and active flags', () => {
    const lists = parsePicklists({
      fields: [
        { name: 'title', isPickList: false, picklistValues: null },
        {
          name: 'status',
          isPickList: true,
          picklistValues: [
            {
              value: '5',
              label: 'Abgeschlossen',
              sortOrder: 9,
              isActive: true,
              isSystem: true,
              parentValue: '',
            },
            { value: '1', label: 'Neu', sortOrder: 1, isActive: true, isDefaultValue: true, parentValue: '' },
            { value: '14', label: 'Wartet', sortOrder: 5, isActive: false, parentValue: '' },
            { value: 'x', label: 'broken', sortOrder: 2 },
          ],
        },
        {
          name: 'subIssueType',
          isPickList: true,
          picklistValues: [{ value: '201', label: 'Printer', parentValue: '10', sortOrder: 1 }],
        },
      ],
    });
    expect(lists.status?.map((p) => [p.id, p.label, p.active])).toEqual([
      [1, 'Neu', true],
      [14, 'Wartet', false],
      [5, 'Abgeschlossen', true],
    ]);
    expect(lists.status?.[0]?.isDefault).toBe(true);
    expect(lists.subIssueType?.[0]?.parentId).toBe(10);
    expect(lists.title).toBeUndefined();
    expect(labelOf(lists.status, 5)).toBe('Abgeschlossen');
    expect(labelOf(lists.status, null)).toBeUndefined();
  });
  it('anything else is an empty map', () => {
    expect(parsePicklists(null)).toEqual({});
    expect(parsePicklists({ fields: 'x' })).toEqual({});
  });
});
