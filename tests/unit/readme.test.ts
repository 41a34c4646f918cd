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

  // "Idle auto-pause" until issue 13; the same setting now says when time counts as away.
  it('documents the away-time setting and Keep assistant conversations with their defaults', () => {
    expect(README).toMatch(
      new RegExp(`\\| Away after\\s*\\| ${DEFAULT_SETTINGS.idleAutoPauseMinutes} min\\s*\\|`),
    );
    expect(README).toMatch(
      new RegExp(
        `\\| Keep assistant conversations\\s*\\| ${DEFAULT_SETTINGS.keepAssistantChats ? 'on' : 'off'}\\s*\\|`,
      ),
    );
  });

  it('names the FlowPilot tab’s save button as the page shows it', () => {
    expect(README).toContain('**Save FlowPilot settings**');
  });
});
