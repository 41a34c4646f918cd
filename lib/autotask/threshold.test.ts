import { describe, expect, it } from 'vitest';
import { readPage, rebasePageUrl } from './paging';
import { parseThreshold, usageText } from './threshold';

describe('ThresholdInformation', () => {
  it('reads the usage and words it, warning from 50 %', () => {
    const u = parseThreshold({
      externalRequestThreshold: 10000,
      requestThresholdTimeframe: 60,
      currentTimeframeRequestCount: 124,
    });
    expect(u).toEqual({ limit: 10000, used: 124, timeframeMinutes: 60, share: 0.0124 });
    expect(usageText(u!)).toBe('124 of 10,000 requests in the last 60 minutes (1 %)');
    expect(usageText({ ...u!, used: 5000, share: 0.5 })).toMatch(/0\.5 s/);
    expect(usageText({ ...u!, used: 7600, share: 0.76 })).toMatch(/1 s/);
    expect(usageText({ ...u!, used: 10000, share: 1 })).toMatch(/refusing/);
  });
  it('refuses answers that are not usage', () => {
    expect(parseThreshold({})).toBeUndefined();
    expect(parseThreshold({ externalRequestThreshold: 0, currentTimeframeRequestCount: 1 })).toBeUndefined();
    expect(parseThreshold(null)).toBeUndefined();
  });
});

describe('paging', () => {
  it('rebases a page link onto the current origin (the secret never goes elsewhere)', () => {
    const cur = 'https://webservices18.autotask.net/ATServicesRest/V1.0/Tickets/query';
    expect(
      rebasePageUrl('https://evil.example/ATServicesRest/V1.0/Tickets/query/next?paging=%7B%7D', cur),
    ).toBe('https://webservices18.autotask.net/ATServicesRest/V1.0/Tickets/query/next?paging=%7B%7D');
    expect(rebasePageUrl('/ATServicesRest/V1.0/Tickets/query/next?paging=1', cur)).toBe(
      'https://webservices18.autotask.net/ATServicesRest/V1.0/Tickets/query/next?paging=1',
    );
    expect(rebasePageUrl(null, cur)).toBeUndefined();
  });
  it('reads pages defensively', () => {
    expect(readPage({ items: [{ id: 1 }], pageDetails: { count: 1, nextPageUrl: null } })).toEqual({
      items: [{ id: 1 }],
      pageDetails: { count: 1, nextPageUrl: null },
    });
    expect(readPage({ item: {} })).toEqual({ items: [], pageDetails: {} });
  });
});
