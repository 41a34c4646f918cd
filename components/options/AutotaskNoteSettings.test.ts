import { describe, expect, it } from 'vitest';
import { roleText } from './AutotaskNoteSettings';

describe('roleText', () => {
  it('says which role time is logged under, and why, or what is missing', () => {
    expect(
      roleText({
        technician: 'Jane',
        resource: 'Jane Smith',
        role: { id: 1, name: 'Technician II' },
        source: 'default',
      }),
    ).toBe('Jane’s time is logged as Technician II (the resource’s default service-desk role).');
    expect(roleText({ technician: 'Jane', role: { id: 2, name: 'Engineer' }, source: 'first' })).toContain(
      'the first active role the resource holds',
    );
    expect(roleText({ technician: 'Jane', source: 'unmapped' })).toContain(
      'not mapped to an Autotask resource',
    );
    expect(roleText({ technician: 'Nadia', resource: 'Nadia Norole', source: 'none' })).toContain(
      'Nadia Norole holds no active role',
    );
    expect(roleText({ source: 'nobody' })).toContain('No signed-in technician');
  });
});
