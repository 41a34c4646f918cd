import { describe, expect, it } from 'vitest';
import { apiBaseFromZoneUrl, memoryZoneCache, parseZoneAnswer, zoneLookupUrl } from './zone';

describe('apiBaseFromZoneUrl', () => {
  it.each([
    [
      'https://webservices18.autotask.net/ATServicesRest/',
      'https://webservices18.autotask.net/ATServicesRest/V1.0',
    ],
    [
      'https://webservices5.autotask.net/atservicesrest',
      'https://webservices5.autotask.net/atservicesrest/V1.0',
    ],
    [
      'https://webservices2.autotask.net//ATServicesRest/',
      'https://webservices2.autotask.net/ATServicesRest/V1.0',
    ],
    [
      'https://webservices2.autotask.net/ATServicesRest/v1.0/',
      'https://webservices2.autotask.net/ATServicesRest/v1.0',
    ],
    ['  https://prde.autotask.net/ATServicesRest/ ', 'https://prde.autotask.net/ATServicesRest/V1.0'],
    ['http://127.0.0.1:8767/zone18/ATServicesRest/', 'http://127.0.0.1:8767/zone18/ATServicesRest/V1.0'],
  ])('%s → %s (the returned path case is kept)', (url, base) => {
    expect(apiBaseFromZoneUrl(url)).toBe(base);
  });
  it.each([['not a url'], ['ftp://webservices1.autotask.net/ATServicesRest/'], ['']])(
    '%j → undefined',
    (u) => {
      expect(apiBaseFromZoneUrl(u)).toBeUndefined();
    },
  );
});

describe('zone lookup and answers', () => {
  it('encodes the user name', () => {
    expect(zoneLookupUrl(' api+user@msp.example ')).toBe(
      'https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation?user=api%2Buser%40msp.example',
    );
  });
  it('reads zoneInformation, or nothing when it is not one', () => {
    expect(
      parseZoneAnswer({
        zoneName: 'Pre-Release',
        url: 'https://webservices2.autotask.net/ATServicesRest/',
        webUrl: 'https://ww2.autotask.net/',
        ci: 632538,
      }),
    ).toEqual({
      zoneName: 'Pre-Release',
      apiBase: 'https://webservices2.autotask.net/ATServicesRest/V1.0',
      webUrl: 'https://ww2.autotask.net/',
      ci: 632538,
    });
    expect(parseZoneAnswer({ errors: ['Zone information could not be determined'] })).toBeUndefined();
    expect(parseZoneAnswer(null)).toBeUndefined();
  });
  it('caches per user name, ignoring case', () => {
    const c = memoryZoneCache();
    c.set('API@x.example', { apiBase: 'https://a/V1.0' });
    expect(c.get('api@X.example ')?.apiBase).toBe('https://a/V1.0');
    c.delete('api@x.example');
    expect(c.get('api@x.example')).toBeUndefined();
  });
});
