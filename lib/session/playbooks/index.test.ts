import { describe, expect, it } from 'vitest';
import { findPlaybook, loadPlaybooks, PLAYBOOKS, playbookLane } from './index';

describe('playbooks', () => {
  it('ships the five built-in playbooks with questions and checks', () => {
    expect(PLAYBOOKS.map((p) => p.title)).toEqual([
      'Outlook not syncing',
      "VPN won't connect",
      'Printer offline',
      'Account locked out',
      'Slow PC',
    ]);
    for (const p of PLAYBOOKS) {
      expect(p.questions.length).toBeGreaterThan(0);
      expect(p.checks.length).toBeGreaterThan(0);
    }
  });

  it('seeds a lane with pending checks, stable ids and the playbook as source', () => {
    const pb = findPlaybook('printer-offline');
    if (!pb) throw new Error('missing');
    let n = 0;
    const lane = playbookLane(pb, () => `p${++n}`, 42);
    expect(lane.questions.map((i) => i.text)).toEqual(pb.questions);
    expect(
      lane.checks.every((i) => i.result === 'pending' && i.source === 'playbook' && i.createdAt === 42),
    ).toBe(true);
    const ids = [...lane.questions, ...lane.checks].map((i) => i.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(lane.facts).toEqual([]);
  });

  it('rejects malformed data files', () => {
    const good = { id: 'x', title: 'X', problem: '', facts: [], questions: ['q'], checks: [], fixes: [] };
    expect(loadPlaybooks([good])).toHaveLength(1);
    expect(() => loadPlaybooks([good, good])).toThrow(/duplicate/);
    expect(() => loadPlaybooks([{ ...good, id: 'Bad Id' }])).toThrow(/kebab/);
    expect(() => loadPlaybooks([{ ...good, checks: ['ok', ''] }])).toThrow(/checks/);
    expect(() => loadPlaybooks([{ ...good, title: undefined }])).toThrow(/title/);
    expect(findPlaybook('nope')).toBeUndefined();
  });
});
