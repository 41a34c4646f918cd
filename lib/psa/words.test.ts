import { describe, expect, it } from 'vitest';
import { PSA_WORDS, ticketLabel, wordsFor } from './words';

describe('PSA words', () => {
  it('ConnectWise keeps its words; Autotask has its own for every one of them', () => {
    expect(wordsFor(undefined)).toBe(PSA_WORDS.connectwise);
    expect(wordsFor('connectwise')).toMatchObject({
      psa: 'ConnectWise',
      board: 'Board',
      configurations: 'Configurations',
      person: 'member',
      apiAccount: 'the API member',
      psaDefault: 'CW default',
      workType: 'Work type',
      workRole: 'Work role',
    });
    // Autotask says each of them its own way (what the panel shows is checked in e2e autotask-panel).
    const at = wordsFor('autotask');
    expect(Object.keys(at).sort()).toEqual(
      Object.keys(PSA_WORDS.connectwise)
        .filter((k) => k !== 'workType')
        .sort(),
    );
    for (const k of Object.keys(at) as (keyof typeof at)[]) expect(at[k]).not.toBe(PSA_WORDS.connectwise[k]);
    // Autotask's "work type" is a billing code FlowPilot does not offer in the Post dialog.
    expect(wordsFor('autotask').workType).toBeUndefined();
    // No Autotask word says ConnectWise's (a copied table would).
    for (const v of Object.values(PSA_WORDS.autotask))
      expect(v).not.toMatch(/ConnectWise|\bCW\b|member|Board/);
  });

  it('a ticket is named by its number when the PSA has one, else by #id', () => {
    expect(ticketLabel({ kind: 'service', id: 40265 }, 'T20261129.0004')).toBe('T20261129.0004');
    expect(ticketLabel({ kind: 'service', id: 1001 })).toBe('#1001');
    expect(ticketLabel({ kind: 'project', id: 5001 })).toBe('Project ticket #5001');
    expect(ticketLabel({ kind: 'service', id: 7 }, '  ')).toBe('#7');
  });
});
