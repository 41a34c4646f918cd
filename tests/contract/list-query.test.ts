// @vitest-environment node
// orderBy, fields, page/pageSize, Link header, pageSize cap and forward-only paging.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../cw-sandbox/index.ts';
import { cw, q } from './helpers.ts';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ members: 1100 });
});
afterAll(() => sb.close());

function links(header: string | null): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of (header ?? '').split(/,\s*(?=<)/)) {
    const m = /^<([^>]+)>;\s*rel="(\w+)"$/.exec(part.trim());
    if (m?.[1] && m[2]) out[m[2]] = m[1];
  }
  return out;
}

describe('orderBy', () => {
  it('sorts by a field descending, then by nested paths', async () => {
    const res = await cw<{ id: number }[]>(sb, '/service/tickets?orderBy=id desc&fields=id&pageSize=5');
    // The newest ids are the closed tickets with Resolution notes (seed-resolved.ts, 1400–1433).
    expect(res.body.map((t) => t.id)).toEqual([1433, 1432, 1431, 1430, 1429]);

    const byStatus = await cw<{ id: number; status: { name: string }; priority: { id: number } }[]>(
      sb,
      `/service/tickets?orderBy=${encodeURIComponent('status/name asc, priority/id desc')}&fields=id,status/name,priority/id&pageSize=1000`,
    );
    const keys = byStatus.body.map((t) => [t.status.name.toLowerCase(), -t.priority.id, t.id] as const);
    const sorted = [...keys].sort((a, b) =>
      a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1] || a[2] - b[2],
    );
    expect(keys).toEqual(sorted);
  });

  it('default order is id ascending', async () => {
    const res = await cw<{ id: number }[]>(sb, '/service/tickets?fields=id&pageSize=3');
    expect(res.body.map((t) => t.id)).toEqual([1000, 1001, 1002]);
  });

  it('unknown orderBy field → 400', async () => {
    expect((await cw(sb, '/service/tickets?orderBy=colour asc')).status).toBe(400);
  });
});

describe('fields', () => {
  it('keeps only the listed fields, nested with /', async () => {
    const res = await cw<Record<string, unknown>[]>(sb, '/service/tickets?fields=id,company/name&pageSize=1');
    expect(res.body).toEqual([{ id: 1000, company: { name: expect.any(String) } }]);
  });

  it('nested arrays keep their shape', async () => {
    const res = await cw<Record<string, unknown>>(
      sb,
      '/company/contacts/400?fields=id,communicationItems/value',
    );
    expect(res.body).toEqual({
      id: 400,
      communicationItems: [{ value: 'emily.carter@contoso.com' }, { value: expect.any(String) }],
    });
  });

  it('_info appears only when listed', async () => {
    const without = await cw<Record<string, unknown>[]>(sb, '/service/tickets?fields=id&pageSize=1');
    expect(without.body[0]).not.toHaveProperty('_info');
    const withInfo = await cw<Record<string, Record<string, string>>[]>(
      sb,
      '/service/tickets?fields=id,_info&pageSize=1',
    );
    expect(withInfo.body[0]?._info?.dateEntered).toMatch(/Z$/);
  });

  it('keys of _info can be listed one by one', async () => {
    const res = await cw<Record<string, unknown>>(sb, '/service/tickets/1001?fields=id,_info/dateEntered');
    expect(res.body).toEqual({ id: 1001, _info: { dateEntered: expect.stringMatching(/Z$/) } });
  });

  it('unknown field (e.g. top-level dateEntered) → 400', async () => {
    expect((await cw(sb, '/service/tickets?fields=id,dateEntered')).status).toBe(400);
    expect((await cw(sb, '/service/tickets/1001?fields=nope')).status).toBe(400);
  });
});

describe('paging', () => {
  it('defaults to 25 per page with next/last links on page 1', async () => {
    const res = await cw<unknown[]>(sb, '/service/tickets?fields=id');
    expect(res.body).toHaveLength(25);
    const l = links(res.headers.get('link'));
    expect(Object.keys(l).sort()).toEqual(['last', 'next']);
    expect(new URL(l.next!).searchParams.get('page')).toBe('2');
    // 299 API-visible service tickets (1005 is hidden) + 34 resolved ones (seed-resolved.ts) → 14 pages of 25.
    expect(new URL(l.last!).searchParams.get('page')).toBe('14');
    expect(l.next!.startsWith(`${sb.url}/v2026_4/apis/3.0/service/tickets?`)).toBe(true);
  });

  it('middle pages have all four rels; the last page only first/prev', async () => {
    const mid = links((await cw(sb, '/service/tickets?page=2&pageSize=100')).headers.get('link'));
    expect(Object.keys(mid).sort()).toEqual(['first', 'last', 'next', 'prev']);
    const last = await cw<unknown[]>(sb, '/service/tickets?page=4&pageSize=100&fields=id');
    expect(last.body).toHaveLength(33);
    expect(Object.keys(links(last.headers.get('link'))).sort()).toEqual(['first', 'prev']);
  });

  it('a single page has no Link header', async () => {
    expect((await cw(sb, '/service/priorities')).headers.get('link')).toBeNull();
  });

  it('links keep the other parameters, so following them pages the same query', async () => {
    const query = `${q('board/id = 1 and closedFlag = false')}&fields=id&pageSize=10`;
    const seen: number[] = [];
    let url: string | undefined = `/service/tickets?${query}`;
    while (url) {
      const res: Awaited<ReturnType<typeof cw<{ id: number }[]>>> = await cw<{ id: number }[]>(sb, url);
      seen.push(...res.body.map((t) => t.id));
      const next = links(res.headers.get('link')).next;
      url = next ? next.slice(`${sb.url}/v2026_4/apis/3.0`.length) : undefined;
    }
    const expected = sb.state.tickets.filter((t) => t.board.id === 1 && !t.closedFlag).map((t) => t.id);
    expect(seen).toEqual(expected);
  });

  it('beyond the last page → []', async () => {
    const res = await cw<unknown[]>(sb, '/service/tickets?page=99');
    expect(res.status).toBe(200);
    expect(res.body).toEqual([]);
  });

  it('pageSize is capped at 1000', async () => {
    const res = await cw<unknown[]>(sb, '/system/members?pageSize=5000&fields=id');
    expect(sb.state.members.length).toBe(1112);
    expect(res.body).toHaveLength(1000);
    const l = links(res.headers.get('link'));
    expect(new URL(l.next!).searchParams.get('page')).toBe('2');
    const page2 = await cw<unknown[]>(sb, '/system/members?pageSize=5000&page=2&fields=id');
    expect(page2.body).toHaveLength(112);
  });

  it('forward-only paging uses pageId', async () => {
    const headers = { 'pagination-type': 'forward-only' };
    const first = await cw<{ id: number }[]>(sb, '/service/tickets?pageSize=10&fields=id', { headers });
    const lastId = first.body.at(-1)!.id;
    const next = links(first.headers.get('link')).next!;
    expect(new URL(next).searchParams.get('pageId')).toBe(String(lastId));
    const second = await cw<{ id: number }[]>(sb, `/service/tickets?pageSize=10&fields=id&pageId=${lastId}`, {
      headers,
    });
    expect(second.body[0]!.id).toBeGreaterThan(lastId);
  });
});
