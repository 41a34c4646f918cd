import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPTIONS_TABS } from '@/components/options/tabs';
import { DEFAULT_SETTINGS } from '@/lib/settings/schema';

// The README describes the product as it is: every options tab's hash, and every setting with a
// control, with its default.
const README = readFileSync(path.resolve(import.meta.dirname, '../../README.md'), 'utf8');

describe('README matches the product', () => {
  it('documents every options tab hash', () => {
    for (const t of OPTIONS_TABS) expect(README, `#${t.id}`).toContain(`\`#${t.id}\``);
  });

  it('documents the idle auto-pause setting with its default', () => {
    expect(README).toMatch(
      new RegExp(`\\| Idle auto-pause\\s*\\| ${DEFAULT_SETTINGS.idleAutoPauseMinutes} min\\s*\\|`),
    );
  });

  it('names the FlowPilot tab’s save button as the page shows it', () => {
    expect(README).toContain('**Save FlowPilot settings**');
  });
});
