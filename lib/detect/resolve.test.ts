import { describe, expect, it } from 'vitest';
import { type PageSnapshot, type Resolution, type ResolveMemory, resolveOnScreen } from './resolve';

const T = (id: number) =>
  `http://127.0.0.1:8765/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceFV&recid=${id}`;
const BOARD =
  'http://127.0.0.1:8765/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ServiceBoard&boardId=1';
const P =
  'http://127.0.0.1:8765/v4_6_release/ConnectWise.aspx?locale=en_US&routeTo=ProjectTicketFV&recid=5001';

/** Runs a sequence of snapshots like the watcher does and returns each resolution. */
function run(snaps: PageSnapshot[]): Resolution[] {
  let memory: ResolveMemory = {};
  return snaps.map((s) => {
    const r = resolveOnScreen(s, memory);
    memory = r.memory;
    return r.result;
  });
}
const ids = (rs: Resolution[]) =>
  rs.map((r) => (r === null || r === 'pending' ? r : `${r.kind}:${r.id}:${r.source}`));

describe('resolveOnScreen', () => {
  it('uses the URL while the first screen loads, then the banner', () => {
    expect(
      ids(
        run([
          { url: T(1001), title: 'ConnectWise PSA', banner: null },
          { url: T(1001), title: 'Service Ticket #1001 - A', banner: 'Service Ticket #1001 - A' },
        ]),
      ),
    ).toEqual(['service:1001:url', 'service:1001:banner']);
  });

  it('the banner wins over a stale URL', () => {
    expect(ids(run([{ url: T(1001), title: 'x', banner: 'Service Ticket #1010 - other' }]))).toEqual([
      'service:1010:banner',
    ]);
  });

  it('board → ticket with a stale URL: pending while loading, then the banner ticket', () => {
    expect(
      ids(
        run([
          { url: BOARD, title: 'Service Board - Help Desk', banner: 'Service Board - Help Desk' },
          { url: BOARD, title: 'Service Board - Help Desk', banner: null },
          { url: BOARD, title: 'Service Ticket #1020 - B', banner: 'Service Ticket #1020 - B' },
        ]),
      ),
    ).toEqual([null, 'pending', 'service:1020:banner']);
  });

  it('ticket → ticket in place (URL unchanged): never reports the stale URL ticket', () => {
    expect(
      ids(
        run([
          { url: T(1001), title: 'Service Ticket #1001 - A', banner: 'Service Ticket #1001 - A' },
          { url: T(1001), title: 'Service Ticket #1001 - A', banner: null },
          { url: T(1001), title: 'Service Ticket #1000 - Z', banner: 'Service Ticket #1000 - Z' },
        ]),
      ),
    ).toEqual(['service:1001:banner', 'pending', 'service:1000:banner']);
  });

  it('a pushed URL is fresh: the new ticket shows before its banner', () => {
    expect(
      ids(
        run([
          { url: T(1001), title: 'Service Ticket #1001 - A', banner: 'Service Ticket #1001 - A' },
          { url: T(1002), title: 'Service Ticket #1001 - A', banner: null },
        ]),
      ),
    ).toEqual(['service:1001:banner', 'service:1002:url']);
  });

  it('back to a board URL: not a ticket', () => {
    expect(
      ids(
        run([
          { url: T(1001), title: 'Service Ticket #1001 - A', banner: 'Service Ticket #1001 - A' },
          { url: BOARD, title: 'Service Ticket #1001 - A', banner: null },
        ]),
      ),
    ).toEqual(['service:1001:banner', null]);
  });

  it('falls back to a fresh title when neither banner nor URL name a ticket', () => {
    const opaque = 'https://na.myconnectwise.net/v4_6_release/connectwise.aspx#XQAACAD';
    expect(ids(run([{ url: opaque, title: 'Service Ticket #77 - Printer', banner: null }]))).toEqual([
      'service:77:title',
    ]);
    expect(ids(run([{ url: opaque, title: 'ConnectWise PSA', banner: null }]))).toEqual([null]);
  });

  it('recognises project tickets from the URL and the banner', () => {
    expect(
      ids(
        run([
          { url: P, title: 'ConnectWise PSA', banner: null },
          { url: P, title: 'Project Ticket #5001 - M', banner: 'Project Ticket #5001 - M' },
        ]),
      ),
    ).toEqual(['project:5001:url', 'project:5001:banner']);
  });

  it('keeps the banner summary', () => {
    const [r] = run([{ url: BOARD, title: '', banner: 'Service Ticket #1002 - <script>x</script>' }]);
    expect(r).toEqual({ kind: 'service', id: 1002, summary: '<script>x</script>', source: 'banner' });
  });
});
