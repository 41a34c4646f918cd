import { describe, expect, it } from 'vitest';
import { OPTIONS_TABS, tabFromHash } from './tabs';

describe('options tabs', () => {
  it('start with the exact names the checklist uses (more tabs may follow)', () => {
    expect(OPTIONS_TABS.slice(0, 3).map((t) => t.label)).toEqual([
      'Connection',
      'Member Mapping',
      'FlowPilot',
    ]);
  });
  it('are chosen by the URL hash, falling back to the first', () => {
    expect(tabFromHash('#mapping')).toBe('mapping');
    expect(tabFromHash('#FlowPilot')).toBe('flowpilot');
    expect(tabFromHash('#mapping?x=1')).toBe('mapping');
    expect(tabFromHash('')).toBe('connection');
    expect(tabFromHash('#nope')).toBe('connection');
  });
});
