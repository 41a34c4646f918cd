import { describe, expect, it } from 'vitest';
import { withShortcut } from './shortcut';

describe('withShortcut', () => {
  it('names the bound key, or nothing when the technician removed it', () => {
    expect(withShortcut('Collapse', 'Alt+Shift+F')).toBe('Collapse (Alt+Shift+F)');
    expect(withShortcut('Collapse', 'Ctrl+Shift+Y')).toBe('Collapse (Ctrl+Shift+Y)');
    expect(withShortcut('FlowPilot', '')).toBe('FlowPilot');
    expect(withShortcut('FlowPilot', '  ')).toBe('FlowPilot');
  });
});
