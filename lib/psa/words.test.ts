import { describe, expect, it } from 'vitest';
import { PSA_WORDS, ticketLabel, ticketNo, wordsFor } from './words';

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

  it('inside a sentence a ticket is its number when known, else #id (ConnectWise project tickets too)', () => {
    expect(`Posted to ticket ${ticketNo(40265, 'T20261129.0004')}`).toBe('Posted to ticket T20261129.0004');
    expect(ticketNo(40265, ' T20261129.0004 ')).toBe('T20261129.0004');
    // ConnectWise: no number, so its messages read exactly as they always did.
    expect(`Posted to ticket ${ticketNo(1001)}`).toBe('Posted to ticket #1001');
    expect(ticketNo(5001, undefined)).toBe('#5001');
    // An Autotask post saved before numbers were kept, or a blank one: the id, marked as such.
    expect(ticketNo(40265, '')).toBe('#40265');
    expect(ticketNo(40265, ' ')).toBe('#40265');
  });
});
