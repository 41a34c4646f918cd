import { describe, expect, it } from 'vitest';
import { hostPermissionFor, permissionDenied } from './permissions';

describe('hostPermissionFor', () => {
  it('asks for on-prem hosts only, as an https match pattern without port or path', () => {
    expect(hostPermissionFor('https://CW.Example.com:8443/v4_6_release/ConnectWise.aspx')).toBe(
      'https://cw.example.com/*',
    );
    expect(hostPermissionFor('cw.example.com')).toBe('https://cw.example.com/*');
  });
  it('needs nothing for cloud, api- hosts, loopback, or a site that does not parse', () => {
    expect(hostPermissionFor('na.myconnectwise.net')).toBeUndefined();
    expect(hostPermissionFor('api-eu.myconnectwise.net')).toBeUndefined();
    expect(hostPermissionFor('127.0.0.1:8765')).toBeUndefined();
    expect(hostPermissionFor('not a site')).toBeUndefined();
  });
  it('explains a refusal with the host', () => {
    expect(permissionDenied('https://cw.example.com/*')).toContain('https://cw.example.com to talk');
  });
});
