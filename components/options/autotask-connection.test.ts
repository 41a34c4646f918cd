import { describe, expect, it } from 'vitest';
import {
  AUTOTASK_HOSTS,
  autotaskFormErrors,
  autotaskPermissionFor,
  usageLevel,
  usageText,
} from './autotask-connection';

describe('Autotask connection helpers', () => {
  it('says the hourly usage in words', () => {
    expect(usageText({ used: 1234, limit: 10_000, timeframeMinutes: 60 })).toBe(
      '1,234 of 10,000 requests this hour',
    );
    expect(usageText({ used: 5, limit: 100, timeframeMinutes: 30 })).toBe('5 of 100 requests in 30 minutes');
    expect([usageLevel({ used: 10, limit: 10_000 }), usageLevel({ used: 5000, limit: 10_000 })]).toEqual([
      'ok',
      'warn',
    ]);
    expect(usageLevel({ used: 9500, limit: 10_000 })).toBe('error');
  });

  it('asks for Autotask’s cloud hosts unless a test build uses the loopback sandbox', () => {
    expect(autotaskPermissionFor(undefined)).toBe(AUTOTASK_HOSTS);
    expect(autotaskPermissionFor('http://127.0.0.1:9/atservicesrest/v1.0/zoneInformation')).toBeUndefined();
    expect(autotaskPermissionFor('https://example.com/zoneInformation')).toBe(AUTOTASK_HOSTS);
  });

  it('names each empty required field', () => {
    expect(
      Object.keys(
        autotaskFormErrors({
          displayName: '',
          userName: ' ',
          secret: '',
          integrationCode: 'x',
          zoneLookupUrl: '',
        }),
      ),
    ).toEqual(['userName', 'secret']);
  });
});
