import { describe, expect, it } from 'vitest';
import { isCwPageUrlSync, isPanelHostSync, type PanelSite } from './cw-pages';

const cloud: PanelSite = { site: 'na.myconnectwise.net', scheme: 'https', cloud: true };
const onPrem: PanelSite = { site: 'cw.example.com:8443', scheme: 'https', cloud: false };
const sandbox: PanelSite = { site: '127.0.0.1:4100', scheme: 'http', cloud: false };

describe('isPanelHostSync', () => {
  it('before connecting: any CW cloud page (loopback only in the e2e build)', () => {
    expect(isPanelHostSync('https://eu.myconnectwise.net/v4_6_release/x', undefined, false)).toBe(true);
    expect(isPanelHostSync('https://evil.example/', undefined, false)).toBe(false);
    expect(isPanelHostSync('http://127.0.0.1:4100/x', undefined, false)).toBe(false);
    expect(isPanelHostSync('http://127.0.0.1:4100/x', undefined, true)).toBe(true);
  });

  it('connected to a cloud site: that site and its region hosts only, never every CW tenant', () => {
    for (const ok of [
      'https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx?routeTo=ServiceFV&recid=1',
      'https://api-na.myconnectwise.net/x',
      'https://pod1.na.myconnectwise.net/x',
    ])
      expect(isPanelHostSync(ok, cloud, false), ok).toBe(true);
    for (const bad of [
      'https://eu.myconnectwise.net/x',
      'https://evilna.myconnectwise.net/x',
      'https://na.myconnectwise.net.evil.example/x',
      'http://na.myconnectwise.net/x',
      'https://na.myconnectwise.net:8443/x',
      'https://staging.connectwisedev.com/x',
      'not a url',
    ])
      expect(isPanelHostSync(bad, cloud, false), bad).toBe(false);
  });

  it('connected on-prem or to the sandbox: exact host and port', () => {
    expect(isPanelHostSync('https://cw.example.com:8443/v4_6_release/x', onPrem, false)).toBe(true);
    expect(isPanelHostSync('https://cw.example.com/v4_6_release/x', onPrem, false)).toBe(false);
    expect(isPanelHostSync('https://other.example.com:8443/x', onPrem, false)).toBe(false);
    expect(isPanelHostSync('https://na.myconnectwise.net/x', onPrem, false)).toBe(false);
    expect(isPanelHostSync('http://127.0.0.1:4100/x', sandbox, true)).toBe(true);
    expect(isPanelHostSync('http://127.0.0.1:4101/x', sandbox, true)).toBe(false);
    expect(isPanelHostSync('http://localhost:4100/x', sandbox, true)).toBe(false);
    expect(isPanelHostSync('http://127.0.0.1:4100/x', sandbox, false)).toBe(false);
  });
});

describe('isCwPageUrlSync', () => {
  it('cloud hosts over https', () => {
    expect(
      isCwPageUrlSync('https://na.myconnectwise.net/v4_6_release/ConnectWise.aspx', undefined, false),
    ).toBe(true);
    expect(isCwPageUrlSync('http://na.myconnectwise.net/', undefined, false)).toBe(false);
    expect(isCwPageUrlSync('https://evil.example/na.myconnectwise.net', undefined, false)).toBe(false);
  });

  it('the connected on-prem host only on its own port (issue 10 §4)', () => {
    expect(isCwPageUrlSync('https://cw.example.com:8443/v4_6_release/x', 'cw.example.com:8443', false)).toBe(
      true,
    );
    expect(isCwPageUrlSync('https://cw.example.com/x', 'cw.example.com:8443', false)).toBe(false);
    expect(isCwPageUrlSync('https://cw.example.com:9000/x', 'cw.example.com:8443', false)).toBe(false);
    expect(isCwPageUrlSync('https://cw.example.com:8443/x', 'cw.example.com', false)).toBe(false);
    expect(isCwPageUrlSync('https://cw.example.com:443/x', 'cw.example.com', false)).toBe(true);
    expect(isCwPageUrlSync('http://cw.example.com/x', 'cw.example.com', false)).toBe(false);
  });

  it('loopback only when the build says so', () => {
    expect(isCwPageUrlSync('http://127.0.0.1:8765/x', undefined, false)).toBe(false);
    expect(isCwPageUrlSync('http://127.0.0.1:8765/x', undefined, true)).toBe(true);
  });
});
