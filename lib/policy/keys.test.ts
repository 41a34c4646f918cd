// @vitest-environment node
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../settings/schema';
import { managedSchema, POLICY_SETTING_KEYS, POLICY_SETTINGS } from './keys';

describe('policy keys', () => {
  it('public/managed_schema.json is generated from the key list (regenerate it when keys change)', () => {
    const file = path.resolve(import.meta.dirname, '../../public/managed_schema.json');
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(managedSchema());
  });

  it('every policy setting reads and writes the Settings field its schema type describes', () => {
    for (const k of POLICY_SETTING_KEYS) {
      const d = POLICY_SETTINGS[k];
      const sample = d.type === 'boolean' ? true : d.type === 'integer' ? 7 : 'x';
      if (d.value.safeParse(sample).success) expect(d.get(d.set(DEFAULT_SETTINGS, sample))).toBe(sample);
      const current = d.get(DEFAULT_SETTINGS);
      if (current !== undefined) expect(typeof current).toBe(d.type === 'integer' ? 'number' : d.type);
    }
  });
});
