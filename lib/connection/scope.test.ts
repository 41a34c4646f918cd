// @vitest-environment node
import 'fake-indexeddb/auto';
import { beforeEach, describe, expect, it } from 'vitest';
import { db } from '../db/schema';
import { connectionScope, inScope, scopeLabel, UNKNOWN_SCOPE } from './scope';
import { currentScope } from './store';

describe('connection scope (issue 10 §3)', () => {
  it('is the company at the API origin; the codebase is left out (it changes with CW upgrades)', () => {
    const a = connectionScope({
      apiBase: 'https://api-na.myconnectwise.net/v2026_4/apis/3.0',
      companyId: 'Contoso ',
    });
    expect(a).toBe('contoso@https://api-na.myconnectwise.net');
    expect(
      connectionScope({ apiBase: 'https://api-na.myconnectwise.net/v2027_1/apis/3.0', companyId: 'contoso' }),
    ).toBe(a);
    expect(
      connectionScope({
        apiBase: 'https://api-na.myconnectwise.net/v2026_4/apis/3.0',
        companyId: 'fabrikam',
      }),
    ).not.toBe(a);
    expect(connectionScope({ apiBase: 'http://127.0.0.1:4100/v2026_4/apis/3.0', companyId: 'x' })).not.toBe(
      connectionScope({ apiBase: 'http://127.0.0.1:4200/v2026_4/apis/3.0', companyId: 'x' }),
    );
  });

  it('an Autotask connection is the API user at its zone’s REST origin (issue 15)', () => {
    const zone = { apiBase: 'https://webservices18.autotask.net/ATServicesRest/V1.0' };
    const a = connectionScope({
      psa: 'autotask',
      apiBase: zone.apiBase,
      companyId: 'ignored',
      autotask: { userName: ' API@Contoso.com', zone },
    });
    expect(a).toBe('autotask:api@contoso.com@https://webservices18.autotask.net');
    expect(scopeLabel(a)).toBe('Autotask API user api@contoso.com at webservices18.autotask.net');
    // Another zone is another database.
    expect(
      connectionScope({
        psa: 'autotask',
        apiBase: 'https://webservices5.autotask.net/ATServicesRest/V1.0',
        companyId: '',
        autotask: {
          userName: 'api@contoso.com',
          zone: { apiBase: 'https://webservices5.autotask.net/ATServicesRest/V1.0' },
        },
      }),
    ).not.toBe(a);
    // The zone cache follows a moved database (found again after a 401); the scope stays Connect's.
    expect(
      connectionScope({
        psa: 'autotask',
        apiBase: zone.apiBase,
        companyId: '',
        autotask: {
          userName: 'api@contoso.com',
          zone: { apiBase: 'https://webservices5.autotask.net/ATServicesRest/V1.0' },
        },
      }),
    ).toBe(a);
  });

  it('reads as company and host', () => {
    expect(scopeLabel('contoso@https://api-na.myconnectwise.net')).toBe(
      'company contoso at api-na.myconnectwise.net',
    );
    expect(scopeLabel(UNKNOWN_SCOPE)).toMatch(/not recorded/);
  });

  it('records without a scope only match when nothing is connected', () => {
    expect(inScope({ scope: 'a@https://x' }, 'a@https://x')).toBe(true);
    expect(inScope({ scope: 'a@https://x' }, 'b@https://x')).toBe(false);
    expect(inScope({}, 'a@https://x')).toBe(false);
    expect(inScope({ scope: UNKNOWN_SCOPE }, 'a@https://x')).toBe(false);
  });

  describe('currentScope', () => {
    beforeEach(() => db().connections.clear());
    it('is the saved connection’s, or undefined', async () => {
      expect(await currentScope()).toBeUndefined();
      await db().connections.put({
        id: 'primary',
        displayName: 'x',
        site: 'na.myconnectwise.net',
        scheme: 'https',
        companyId: 'Contoso',
        codebase: 'v2026_4/',
        apiBase: 'https://api-na.myconnectwise.net/v2026_4/apis/3.0',
        cloud: true,
        serverVersion: 'v',
        missingPermissions: [],
        connectedAt: 1,
        lastTestedAt: 1,
      });
      expect(await currentScope()).toBe('contoso@https://api-na.myconnectwise.net');
    });
  });
});
