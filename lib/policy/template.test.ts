import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { parsePolicy } from './parse';
import { buildPolicyTemplate } from './template';

const input = {
  connection: { displayName: 'Acme CW', site: 'na.myconnectwise.net', companyId: 'acme' },
  keys: { publicKey: 'PUBKEY123', privateKey: 'PRIVKEY456' },
  technicians: [{ name: 'Ann Lee', email: 'ann@acme.com' }],
  settings: { ...DEFAULT_SETTINGS, noteVisibility: 'internalExternal' as const, workTypeId: 4 },
};

describe('policy template', () => {
  it('leaves the keys out unless asked, and is itself a valid policy', () => {
    const t = buildPolicyTemplate(input, false);
    expect(JSON.stringify(t)).not.toContain('PRIVKEY456');
    expect(JSON.stringify(t)).not.toContain('PUBKEY123');
    const parsed = parsePolicy(t);
    expect(parsed.problems).toEqual([]);
    expect(parsed.policy.settings.noteVisibility).toEqual({ value: 'internalExternal', locked: false });
    expect(parsed.policy.settings.workTypeId).toEqual({ value: 4, locked: false });
    expect(parsed.policy.settings.workRoleId).toBeUndefined();
    expect(parsed.policy.technicians).toEqual(input.technicians);
  });

  it('includes the keys when the admin ticks "include keys"', () => {
    const parsed = parsePolicy(buildPolicyTemplate(input, true));
    expect(parsed.policy.connection).toMatchObject({ publicKey: 'PUBKEY123', privateKey: 'PRIVKEY456' });
  });
});
