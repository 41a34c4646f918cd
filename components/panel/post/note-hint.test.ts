import { describe, expect, it } from 'vitest';
import { noteTypeHint, previewPlaceholder } from './note-hint';

describe('noteTypeHint (who sees the note)', () => {
  it('ConnectWise: Internal Analysis stays with the team', () => {
    expect(noteTypeHint('internalAnalysis', 'internal', 'connectwise')).toEqual({
      text: 'Only your team sees it.',
    });
  });

  it('ConnectWise: Resolution and Description are customer-visible, and "Internal only" gets a warning', () => {
    for (const kind of ['resolution', 'description'] as const) {
      const h = noteTypeHint(kind, 'internal', 'connectwise');
      expect(h.text).toBe('Visible to the customer in ConnectWise.');
      expect(h.warning).toBe(
        'Your FlowPilot settings keep notes internal; this note type is visible to the customer.',
      );
    }
  });

  it('ConnectWise with "Internal + external": the Preview stays internal, the type is the customer note’s', () => {
    const h = noteTypeHint('resolution', 'internalExternal', 'connectwise');
    expect(h.text).toContain('Preview is posted as an internal note');
    expect(h.text).toContain('customer');
    expect(h.warning).toBeUndefined();
  });

  it('Autotask: the note type does not decide who sees it (publish follows the settings)', () => {
    const h = noteTypeHint('resolution', 'internal', 'autotask');
    expect(h.text).toContain('Only your team sees it');
    expect(h.text).not.toContain('ConnectWise');
    expect(h.warning).toBeUndefined();
    expect(noteTypeHint('description', 'internalExternal', 'autotask').text).toContain('Autotask');
  });
});

describe('previewPlaceholder (what the Preview box is for)', () => {
  it('an open session: resolve or escalate to fill it, or write an update', () => {
    expect(previewPlaceholder({ session: 'open', alreadyPosted: false })).toBe(
      'The session is still open: resolve or escalate it to fill this in, or write an update here.',
    );
  });
  it('no session, already posted, and a closed session each say what to write', () => {
    expect(previewPlaceholder({ session: 'none', alreadyPosted: false })).toMatch(/^Write the note/);
    expect(previewPlaceholder({ session: 'closed', alreadyPosted: true })).toMatch(/what is new/);
    expect(previewPlaceholder({ session: 'closed', alreadyPosted: false })).toMatch(/no note is posted/);
  });
});
