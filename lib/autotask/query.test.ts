import { describe, expect, it } from 'vitest';
import { chunked, countOr, f, MAX_OR, QueryBuildError, queryBody } from './query';

describe('filter builders', () => {
  it('builds conditions with JSON values, never hand-quoted text', () => {
    const tricky = `Can't print "Q3" 100% & [urgent] \\ <b>`;
    expect(f.contains('title', tricky)).toEqual({ op: 'contains', field: 'title', value: tricky });
    expect(JSON.parse(JSON.stringify(queryBody({ filter: [f.contains('title', tricky)] })))).toEqual({
      filter: [{ op: 'contains', field: 'title', value: tricky }],
    });
    expect(f.eq('isActive', true)).toEqual({ op: 'eq', field: 'isActive', value: true });
    expect(f.in('id', [1, 2])).toEqual({ op: 'in', field: 'id', value: [1, 2] });
    expect(f.exist('email2')).toEqual({ op: 'exist', field: 'email2' });
  });

  it('nests and/or groups; a single-item and collapses', () => {
    const q = f.and(
      f.eq('ticketID', 7),
      f.or(f.contains('description', 'ref a'), f.contains('title', 'ref a')),
    );
    expect(q).toEqual({
      op: 'and',
      items: [
        { op: 'eq', field: 'ticketID', value: 7 },
        {
          op: 'or',
          items: [
            { op: 'contains', field: 'description', value: 'ref a' },
            { op: 'contains', field: 'title', value: 'ref a' },
          ],
        },
      ],
    });
    expect(f.and(f.eq('id', 1))).toEqual({ op: 'eq', field: 'id', value: 1 });
    expect(countOr([q])).toBe(2);
  });

  it.each([
    ['null value', () => f.eq('status', null as unknown as number)],
    ['NaN', () => f.eq('status', Number.NaN)],
    ['object value', () => f.eq('status', {} as unknown as number)],
    ['empty in list', () => f.in('id', [])],
    [
      'too many in values',
      () =>
        f.in(
          'id',
          Array.from({ length: MAX_OR + 1 }, (_, i) => i),
        ),
    ],
    ['empty contains', () => f.contains('title', '')],
    ['field with a dot', () => f.eq('company.name', 'x')],
    ['field with a space', () => f.eq('ticket number', 'x')],
    ['empty group', () => f.or()],
  ])('refuses %s', (_name, build) => {
    expect(build).toThrow(QueryBuildError);
  });
});

describe('queryBody', () => {
  it('uses the Swagger key spelling and de-duplicates IncludeFields', () => {
    expect(queryBody({ filter: [f.all()], includeFields: ['id', 'title', 'id'], maxRecords: 25 })).toEqual({
      filter: [{ op: 'gte', field: 'id', value: 0 }],
      IncludeFields: ['id', 'title'],
      MaxRecords: 25,
    });
  });
  it('needs a filter and a MaxRecords of 1–500', () => {
    expect(() => queryBody({ filter: [] })).toThrow(/needs a filter/);
    expect(() => queryBody({ filter: [f.all()], maxRecords: 0 })).toThrow(/MaxRecords/);
    expect(() => queryBody({ filter: [f.all()], maxRecords: 501 })).toThrow(/MaxRecords/);
    expect(() => queryBody({ filter: [f.all()], maxRecords: 2.5 })).toThrow(/MaxRecords/);
  });
  it('refuses more than 500 OR conditions', () => {
    const many = f.or(...Array.from({ length: MAX_OR + 1 }, (_, i) => f.eq('id', i)));
    expect(() => queryBody({ filter: [many] })).toThrow(/OR conditions/);
  });
  it('chunks long id lists', () => {
    expect(chunked([1, 2, 3, 4, 5], 2)).toEqual([[1, 2], [3, 4], [5]]);
    expect(chunked([], 2)).toEqual([]);
  });
});
