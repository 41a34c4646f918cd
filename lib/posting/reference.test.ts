import { describe, expect, it } from 'vitest';
import {
  findByRef,
  hasRef,
  isRef,
  newRef,
  REF_LENGTH,
  refsIn,
  refTag,
  stripRefs,
  withRef,
} from './reference';

describe('references', () => {
  it('generates short readable refs deterministically from the random source', () => {
    const seq = [0, 0.5, 0.99, 0.1, 0.2, 0.3, 0.4];
    let i = 0;
    const ref = newRef(() => seq[i++ % seq.length]!);
    expect(ref).toHaveLength(REF_LENGTH);
    expect(isRef(ref)).toBe(true);
    expect(ref).toBe('as9dgjn');
    expect(new Set(Array.from({ length: 200 }, () => newRef())).size).toBe(200);
  });

  it('appends the tag once, on its own line', () => {
    expect(withRef('Rebooted router.', 'abcdefg')).toBe('Rebooted router.\n\nFlowPilot ref abcdefg');
    const once = withRef('x', 'abcdefg');
    expect(withRef(once, 'abcdefg')).toBe(once);
    expect(withRef('', 'abcdefg')).toBe(refTag('abcdefg'));
  });

  it('matches only the exact reference, also when CW folded the newlines', () => {
    expect(hasRef('Done. FlowPilot ref abcdefg', 'abcdefg')).toBe(true);
    expect(hasRef('Done.\n\nFlowPilot ref abcdefg', 'abcdefg')).toBe(true);
    expect(hasRef('flowpilot REF ABCDEFG', 'abcdefg')).toBe(true);
    expect(hasRef('FlowPilot ref abcdefgh', 'abcdefg')).toBe(false);
    expect(hasRef('FlowPilot ref abcdefh', 'abcdefg')).toBe(false);
    expect(hasRef('xFlowPilot ref abcdefg', 'abcdefg')).toBe(false);
    expect(hasRef(undefined, 'abcdefg')).toBe(false);
    // Not a ref at all: never matches, even if the text contains it.
    expect(hasRef('FlowPilot ref a.b', 'a.b')).toBe(false);
  });

  it('lists and strips refs', () => {
    expect(refsIn('FlowPilot ref abcdefg and FlowPilot ref hijkmnp')).toEqual(['abcdefg', 'hijkmnp']);
    expect(stripRefs('Note body\n\nFlowPilot ref abcdefg')).toBe('Note body');
  });

  it('finds the record that carries a ref', () => {
    const notes = [
      { id: 1, text: 'other FlowPilot ref zzzzzzz' },
      { id: 2, text: 'ours FlowPilot ref abcdefg' },
    ];
    expect(findByRef(notes, 'abcdefg', (n) => n.text)?.id).toBe(2);
    expect(findByRef(notes, 'hhhhhhh', (n) => n.text)).toBeUndefined();
  });
});
