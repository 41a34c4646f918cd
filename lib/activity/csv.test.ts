import { describe, expect, it } from 'vitest';
import { activityToCsv } from './csv';

describe('activityToCsv', () => {
  it('writes one row per entry with the shared, formula-safe cells', () => {
    const csv = activityToCsv([
      {
        id: 1,
        at: Date.UTC(2026, 10, 20, 14),
        kind: 'team/import',
        actor: 'admin',
        outcome: 'ok',
        latencyMs: 12,
        detail: '  =cmd|"/c calc"!A1',
      },
      { id: 2, at: Date.UTC(2026, 10, 20, 15), kind: 'ai/chat', actor: 'tech', outcome: 'error' },
    ]);
    expect(csv.split('\r\n')).toEqual([
      'at,kind,actor,outcome,latencyMs,detail',
      `2026-11-20T14:00:00.000Z,team/import,admin,ok,12,"'  =cmd|""/c calc""!A1"`,
      '2026-11-20T15:00:00.000Z,ai/chat,tech,error,,',
      '',
    ]);
  });
});
