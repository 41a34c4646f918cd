import { describe, expect, it } from 'vitest';
import { BgError } from '@/lib/messages/client';
import { CONNECT_LABELS, connectFormErrors, firstInvalid, issuesToFieldErrors } from './validation';

describe('options form validation', () => {
  it('names every empty required field at once, by its label', () => {
    const errors = connectFormErrors({
      displayName: '',
      site: '',
      companyId: ' ',
      publicKey: '',
      privateKey: '',
    });
    expect(Object.keys(errors)).toEqual(['site', 'companyId', 'publicKey', 'privateKey']);
    expect(errors.companyId).toContain('Company ID');
    expect(errors.site).toContain('Site URL');
    expect(firstInvalid(['displayName', 'site', 'companyId'], errors)).toBe('site');
    expect(
      connectFormErrors({ displayName: '', site: 'x', companyId: 'y', publicKey: 'p', privateKey: 'k' }),
    ).toEqual({});
  });

  it('maps the background’s schema issues to labelled field errors, never showing the key', () => {
    const e = new BgError({
      kind: 'invalidMessage',
      message: 'companyId: Enter the company ID',
      issues: ['companyId: Enter the company ID', 'clientIdOverride: A clientId is a GUID'],
    });
    const r = issuesToFieldErrors(e, CONNECT_LABELS);
    expect(r?.fields).toEqual({ companyId: 'Company ID: Enter the company ID' });
    expect(r?.rest).toEqual(['A clientId is a GUID']);
    expect(issuesToFieldErrors(new BgError({ kind: 'auth', message: 'x' }), CONNECT_LABELS)).toBeUndefined();
  });
});
