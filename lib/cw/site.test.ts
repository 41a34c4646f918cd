import { describe, expect, it } from 'vitest';
import {
  apiBaseUrl,
  apiHost,
  companyInfoUrl,
  LOOPBACK_CW_ALLOWED,
  normalizeCodebase,
  normalizeSite,
  ticketWebUrl,
} from './site';

function ok(input: string) {
  const r = normalizeSite(input);
  if (!r.ok) throw new Error(`expected ok for ${input}: ${r.message}`);
  return r.site;
}
function bad(input: string) {
  const r = normalizeSite(input);
  if (r.ok) throw new Error(`expected rejection for ${input}`);
  return r.message;
}

describe('normalizeSite', () => {
  it.each([
    ['na.myconnectwise.net', 'na.myconnectwise.net'],
    ['  NA.MyConnectWise.net  ', 'na.myconnectwise.net'],
    ['https://NA.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US#x', 'na.myconnectwise.net'],
    ['https://api-na.myconnectwise.net/v2026_4/apis/3.0', 'na.myconnectwise.net'],
    ['eu.myconnectwise.net/', 'eu.myconnectwise.net'],
    ['staging.connectwisedev.com', 'staging.connectwisedev.com'],
    ['cw.example.com:8443', 'cw.example.com:8443'],
    ['https://cw.example.com:443/v4_6_release', 'cw.example.com'],
    ['cw.example.com.', 'cw.example.com'],
  ])('%s → %s', (input, host) => expect(ok(input).host).toBe(host));

  it('marks cloud hosts and picks https', () => {
    const s = ok('na.myconnectwise.net');
    expect(s).toMatchObject({ cloud: true, loopback: false, scheme: 'https' });
    expect(ok('cw.example.com').cloud).toBe(false);
  });

  it('accepts loopback over http (the sandbox), keeping the port', () => {
    expect(ok('127.0.0.1:8765')).toMatchObject({ host: '127.0.0.1:8765', scheme: 'http', loopback: true });
    expect(ok('http://localhost:3000/')).toMatchObject({ host: 'localhost:3000', scheme: 'http' });
    expect(ok('https://localhost:3000').scheme).toBe('https');
  });

  it('production builds refuse loopback, whatever the scheme (issue 10 §4, issue 14 §3)', () => {
    for (const input of [
      '127.0.0.1:8765',
      'http://localhost:3000/',
      'https://localhost',
      '127.0.0.2',
      '[::1]:80',
    ]) {
      const r = normalizeSite(input, { allowLoopback: false });
      expect(r.ok, input).toBe(false);
      if (!r.ok) expect(r.message).toMatch(/this computer/);
    }
    expect(normalizeSite('na.myconnectwise.net', { allowLoopback: false }).ok).toBe(true);
    // Unit tests and the e2e build run the CW sandbox on loopback.
    expect(LOOPBACK_CW_ALLOWED).toBe(true);
  });

  it.each([
    ['', /empty/],
    ['   ', /empty/],
    ['na.my connectwise.net', /spaces/],
    ['ftp://na.myconnectwise.net', /not a web address/],
    ['http://na.myconnectwise.net', /HTTPS/],
    ['10.0.0.5', /not an IP address/],
    ['https://192.168.1.20/v4_6_release', /not an IP address/],
    ['connectwise', /not a valid host name/],
    ['na..myconnectwise.net', /not a valid host name/],
    ['-bad-.example.com', /not a valid host name/],
    ['na.myconnectwise.net@evil.com', /user name|not a valid/],
    ['user:pw@na.myconnectwise.net', /user name/],
    ['%%%', /not a valid host name/],
  ])('rejects %j', (input, msg) => expect(bad(input)).toMatch(msg));
});

describe('API hosts and URLs', () => {
  it('cloud calls go to the api- host; on-prem and loopback use their own host', () => {
    expect(apiHost(ok('na.myconnectwise.net'))).toBe('api-na.myconnectwise.net');
    expect(apiHost(ok('staging.connectwisedev.com'))).toBe('api-staging.connectwisedev.com');
    expect(apiHost(ok('cw.example.com'))).toBe('cw.example.com');
    expect(apiBaseUrl(ok('na.myconnectwise.net'), 'v2026_4/')).toBe(
      'https://api-na.myconnectwise.net/v2026_4/apis/3.0',
    );
    expect(apiBaseUrl(ok('127.0.0.1:9'), 'v4_6_release/')).toBe('http://127.0.0.1:9/v4_6_release/apis/3.0');
  });
  it('companyinfo lives on the web host and encodes the company id', () => {
    expect(companyInfoUrl(ok('na.myconnectwise.net'), ' my co ')).toBe(
      'https://na.myconnectwise.net/login/companyinfo/my%20co',
    );
  });
  it('codebases get their trailing slash and garbage is refused', () => {
    expect(normalizeCodebase('v2026_4')).toBe('v2026_4/');
    expect(normalizeCodebase('/v4_6_release/')).toBe('v4_6_release/');
    expect(normalizeCodebase('../../x')).toBeUndefined();
    expect(normalizeCodebase('')).toBeUndefined();
  });
  it('deep links use the web host', () => {
    expect(ticketWebUrl(ok('api-na.myconnectwise.net'), 1234)).toBe(
      'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=1234',
    );
  });
});
