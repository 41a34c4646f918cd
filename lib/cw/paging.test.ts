import { describe, expect, it } from 'vitest';
import { nextPageUrl, parseLinkHeader } from './paging';

const DG_EXAMPLE =
  '<https://staging.connectwisedev.com/v2017_3/apis/3.0/company/companies?pageSize=50&page=2>; rel="next", ' +
  '<https://staging.connectwisedev.com/v2017_3/apis/3.0/company/companies?pageSize=50&page=4>; rel="last"';

describe('Link header', () => {
  it('parses the Developer Guide example', () => {
    expect(parseLinkHeader(DG_EXAMPLE)).toEqual({
      next: 'https://staging.connectwisedev.com/v2017_3/apis/3.0/company/companies?pageSize=50&page=2',
      last: 'https://staging.connectwisedev.com/v2017_3/apis/3.0/company/companies?pageSize=50&page=4',
    });
    expect(parseLinkHeader(null)).toEqual({});
    expect(parseLinkHeader('garbage')).toEqual({});
  });

  it('keeps the next page on the current (api-) origin, so keys never go elsewhere', () => {
    const cur =
      'https://api-staging.connectwisedev.com/v2017_3/apis/3.0/company/companies?pageSize=50&page=1';
    expect(nextPageUrl(DG_EXAMPLE, cur)).toBe(
      'https://api-staging.connectwisedev.com/v2017_3/apis/3.0/company/companies?pageSize=50&page=2',
    );
    expect(nextPageUrl('<https://evil.example/x?page=2>; rel="next"', cur)).toBe(
      'https://api-staging.connectwisedev.com/x?page=2',
    );
  });

  it('has no next page at the end', () => {
    expect(
      nextPageUrl(
        '<https://h/x?page=1>; rel="first", <https://h/x?page=3>; rel="prev"',
        'https://h/x?page=4',
      ),
    ).toBe(undefined);
  });
});
