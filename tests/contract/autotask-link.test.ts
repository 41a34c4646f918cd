// @vitest-environment node
// Confirming the detected Autotask ticket through the API (lib/autotask/link.ts) against the sandbox:
// the id from the URL, the number from the screen, and the number winning when they disagree.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { AtClient } from '../../lib/autotask/client';
import { EndpointLimiter } from '../../lib/autotask/limiter';
import { confirmAutotaskTicket } from '../../lib/autotask/link';
import { type AutotaskSandbox, SPECIAL_TICKETS, startAutotaskSandbox } from '../autotask-sandbox/index.ts';

let sb: AutotaskSandbox;
let client: AtClient;
beforeAll(async () => {
  sb = await startAutotaskSandbox();
});
beforeEach(() => {
  sb.reset();
  client = new AtClient({
    credentials: sb.credentials,
    zoneLookupUrl: sb.zoneLookupUrl,
    limiter: new EndpointLimiter(),
  });
});
afterEach(() => expect(sb.contractViolations).toEqual([]));
afterAll(() => sb.close());

const numberOf = (id: number) => String(sb.state.tickets.find((t) => t.id === id)?.ticketNumber);

describe('confirming the Autotask ticket on screen', () => {
  const A = SPECIAL_TICKETS.standard;
  const B = SPECIAL_TICKETS.quotes;
  const seen = (x: { id?: number; number?: string }) => ({
    ...x,
    editing: false,
    source: 'url+screen' as const,
  });

  it('an id alone, an id that agrees with the number, a number alone', async () => {
    expect(await confirmAutotaskTicket(client, seen({ id: A }))).toEqual({
      kind: 'service',
      id: A,
      number: numberOf(A),
    });
    expect(await confirmAutotaskTicket(client, seen({ id: A, number: numberOf(A).toLowerCase() }))).toEqual({
      kind: 'service',
      id: A,
      number: numberOf(A),
    });
    expect(await confirmAutotaskTicket(client, seen({ number: numberOf(B) }))).toEqual({
      kind: 'service',
      id: B,
      number: numberOf(B),
    });
  });

  it('a stale URL id: the number on screen wins', async () => {
    expect(await confirmAutotaskTicket(client, seen({ id: A, number: numberOf(B) }))).toEqual({
      kind: 'service',
      id: B,
      number: numberOf(B),
    });
  });

  it('a ticket the API user cannot see, or no such number: nothing to link', async () => {
    expect(await confirmAutotaskTicket(client, seen({ id: SPECIAL_TICKETS.hidden }))).toBeUndefined();
    expect(await confirmAutotaskTicket(client, seen({ number: 'T20990101.0001' }))).toBeUndefined();
  });
});
