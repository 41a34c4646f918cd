import { describe, expect, it } from 'vitest';
import { chooseRole } from './roles';

const roles = [
  { id: 2, name: 'Engineer' },
  { id: 1, name: 'Technician' },
];

describe('chooseRole', () => {
  it('the setting when held, else the default service-desk role, else the first held role', () => {
    expect(chooseRole({ workTypes: [], roles, defaultRoleId: 1 }, 2)).toEqual({
      role: roles[0],
      source: 'setting',
    });
    expect(chooseRole({ workTypes: [], roles, defaultRoleId: 1 }, 99)).toEqual({
      role: roles[1],
      source: 'default',
    });
    expect(chooseRole({ workTypes: [], roles })).toEqual({ role: roles[0], source: 'first' });
    // A default the resource does not hold (inactive role) is not used.
    expect(chooseRole({ workTypes: [], roles, defaultRoleId: 7 })?.source).toBe('first');
    expect(chooseRole({ workTypes: [], roles: [] }, 2)).toBeUndefined();
  });
});
