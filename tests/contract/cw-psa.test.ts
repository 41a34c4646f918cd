// @vitest-environment node
// ConnectWise behind the PSA seam (lib/cw/psa.ts, an adapter over the existing client) against the CW
// sandbox: the same jobs as the Autotask connector, every request inside the OpenAPI subset.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CwClient } from '../../lib/cw/client';
import { CwError } from '../../lib/cw/errors';
import { ConnectWisePsa } from '../../lib/cw/psa';
import { normalizeSite } from '../../lib/cw/site';
import { hasRef } from '../../lib/posting/reference';
import {
  type Sandbox,
  SPECIAL_MEMBERS,
  SPECIAL_TICKETS,
  STATUS_IDS,
  startSandbox,
  WORK_ROLE_IDS,
} from '../cw-sandbox/index';

let sb: Sandbox;
let psa: ConnectWisePsa;
const clientId = '0b8a2c7e-1d3f-4e5a-9b6c-7d8e9f0a1b2c';
const T = { kind: 'service' as const, id: SPECIAL_TICKETS.standard };

beforeAll(async () => {
  sb = await startSandbox();
  const site = normalizeSite(sb.site);
  if (!site.ok) throw new Error(site.message);
  const credentials = { companyId: 'flowpilot', ...sb.keys, clientId };
  psa = new ConnectWisePsa({
    client: new CwClient({ ...credentials, apiBase: `${sb.url}/v2026_4/apis/3.0` }),
    site: site.site,
    credentials,
  });
});
beforeEach(() => sb.reset());
afterEach(() => expect(sb.contractViolations).toEqual([]));
afterAll(() => sb.close());

describe('ConnectWise through the seam', () => {
  it('probe, context, search, people, statuses, options', async () => {
    expect(await psa.probe()).toMatchObject({
      kind: 'connectwise',
      serverLabel: expect.stringMatching(/^ConnectWise .*2026/),
      missingPermissions: [],
    });
    const ctx = await psa.ticketContext(T);
    expect(ctx).toMatchObject({ ref: T, company: { name: expect.any(String) } });
    expect((await psa.searchTickets(`#${T.id}`)).map((r) => r.ref.id)).toEqual([T.id]);
    const people = await psa.people();
    expect(people.find((p) => p.id === SPECIAL_MEMBERS.messyEmail.id)?.emails).toContain(
      SPECIAL_MEMBERS.messyEmail.email,
    );
    expect(people.find((p) => p.id === SPECIAL_MEMBERS.inactive.id)?.active).toBe(false);
    const statuses = await psa.statuses(T);
    expect(statuses.find((s) => s.id === STATUS_IDS.helpDesk.closed)).toMatchObject({
      closed: true,
      timeEntryAllowed: false,
    });
    expect((await psa.noteOptions()).types.map((t) => t.name)).toEqual([
      'Internal Analysis',
      'Resolution',
      'Description',
    ]);
    expect((await psa.timeEntryOptions()).roles.length).toBeGreaterThan(0);
    expect(psa.capabilities.canDeleteNotes).toBe(true);
  });

  it('note, time entry and status writes; the reference is findable after commit-then-reset', async () => {
    sb.faults.add({ method: 'POST', path: '/notes$', reset: 'after-commit' });
    const e = await psa
      .createNote({
        ticket: T,
        text: 'Rebooted',
        ref: 'cwr3f23',
        title: '',
        noteKind: 'resolution',
        audience: 'internal',
      })
      .catch((x) => x);
    expect(e).toBeInstanceOf(CwError);
    expect(e.outcomeUnknown).toBe(true);
    const found = await psa.findByReference(T, 'note', 'cwr3f23');
    const stored = sb.state.notes.find((n) => hasRef(n.text, 'cwr3f23'));
    expect(found?.id).toBe(stored?.id);
    expect(stored).toMatchObject({ resolutionFlag: true, internalAnalysisFlag: false });
    const te = await psa.createTimeEntry({
      ticket: T,
      start: '2026-11-20T09:00:00Z',
      end: '2026-11-20T09:30:00Z',
      notes: 'Remote session',
      ref: 'cwtxm23',
      personId: SPECIAL_MEMBERS.tech.id,
      roleId: WORK_ROLE_IDS.helpDeskTech,
      billable: 'Billable',
    });
    expect((await psa.findByReference(T, 'timeEntry', 'cwtxm23'))?.id).toBe(te.id);
    await psa.changeStatus({ ticket: T, statusId: STATUS_IDS.helpDesk.inProgress });
    expect(sb.state.tickets.find((t) => t.id === T.id)?.status.id).toBe(STATUS_IDS.helpDesk.inProgress);
  });

  it('delete by id sends the OpenAPI DELETE (the CW sandbox does not emulate it yet: a typed error)', async () => {
    const e = await psa.deleteById(T, 'timeEntry', 12345).catch((x) => x);
    expect(e).toBeInstanceOf(CwError);
    expect(sb.requests.at(-1)).toMatchObject({ method: 'DELETE', apiPath: '/time/entries/12345' });
  });
});
