// @vitest-environment node
// The closed tickets with Resolution notes (seed-resolved.ts) look like CW's own: conditions, fields and
// the note flags work on them, and nothing seeded before them moved.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../cw-sandbox/index.ts';
import { RESOLVED_SPECS, resolvedTicketId } from '../cw-sandbox/seed-resolved.ts';
import { cw, q, schemaErrors } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox();
});
afterAll(() => sb.close());

describe('resolved tickets in the seed', () => {
  it('a few dozen, across companies, each closed or resolved with one Resolution note', async () => {
    expect(RESOLVED_SPECS.length).toBeGreaterThanOrEqual(30);
    const first = resolvedTicketId(RESOLVED_SPECS[0]!.summary);
    const last = resolvedTicketId(RESOLVED_SPECS.at(-1)!.summary);
    const path = `/service/tickets?${q(`id >= ${first} and id <= ${last}`)}&fields=id,company/id,status/name,closedFlag,closedDate,closedBy&pageSize=100`;
    const res = await cw<{ company: { id: number }; status: { name: string }; closedFlag: boolean }[]>(
      sb,
      path,
    );
    expect(schemaErrors('GET', path, res)).toEqual([]);
    expect(res.body).toHaveLength(RESOLVED_SPECS.length);
    expect(new Set(res.body.map((t) => t.company.id)).size).toBe(8);
    for (const t of res.body) {
      expect(['Closed', 'Resolved']).toContain(t.status.name);
      expect(t.closedFlag).toBe(t.status.name === 'Closed');
    }
    for (const spec of RESOLVED_SPECS.slice(0, 3)) {
      const id = resolvedTicketId(spec.summary);
      const notes = await cw<{ text: string; member?: { identifier: string } }[]>(
        sb,
        `/service/tickets/${id}/notes?${q('resolutionFlag = true')}&fields=text,member`,
      );
      expect(notes.body).toHaveLength(1);
      expect(notes.body[0]?.text).toBe(spec.resolution);
      expect(notes.body[0]?.member?.identifier).toBeTruthy();
    }
  });

  it('closed and resolved tickets are found the way FlowPilot looks for them', async () => {
    const find = async (words: string) =>
      (
        await cw<{ id: number }[]>(
          sb,
          `/service/tickets?${q(`(closedFlag = True or status/name contains "Resolved") and ${words}`)}&fields=id&pageSize=100`,
        )
      ).body.map((t) => t.id);
    const outlook = await find('summary contains "outlook" and summary contains "sync"');
    expect(outlook).toContain(resolvedTicketId('Outlook not syncing on laptop after Windows update'));
    expect(outlook).not.toContain(1001); // open
    // "Resolved" on the Help Desk board is not a closed status: found by its name.
    expect(await find('summary contains "audio"')).toContain(resolvedTicketId('Teams meeting audio choppy'));
  });
});
