import { describe, expect, it } from 'vitest';
import { backoffDelay, EndpointLimiter, endpointOf, THREAD_BACKOFF } from './limiter';

describe('endpointOf', () => {
  it.each([
    ['Tickets/query', 'tickets'],
    ['https://webservices18.autotask.net/ATServicesRest/V1.0/Tickets/query/next?paging=x', 'tickets'],
    ['Tickets/40265/Notes', 'ticketnotes'],
    ['/TicketNotes/query', 'ticketnotes'],
    ['tickets/12/notes', 'ticketnotes'],
    ['TimeEntries/77', 'timeentries'],
    ['Tickets', 'tickets'],
    ['Tickets/entityInformation/fields', 'tickets'],
    ['ThresholdInformation', 'thresholdinformation'],
  ])('%s counts as %s', (path, key) => expect(endpointOf(path)).toBe(key));
  it('zone lookups are not thread-limited', () => {
    expect(
      endpointOf('https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation?user=a'),
    ).toBeUndefined();
  });
});

describe('EndpointLimiter', () => {
  it('runs at most `limit` tasks per key, others wait their turn; keys are independent', async () => {
    const lim = new EndpointLimiter(3);
    let running = 0;
    let peak = 0;
    const gates: (() => void)[] = [];
    const task = () =>
      new Promise<void>((resolve) => {
        running++;
        peak = Math.max(peak, running);
        gates.push(() => {
          running--;
          resolve();
        });
      });
    const all = Array.from({ length: 7 }, () => lim.run('tickets', task));
    const other = lim.run('timeentries', async () => 'free');
    expect(await other).toBe('free');
    await Promise.resolve();
    expect(lim.inFlight('tickets')).toBe(3);
    while (gates.length) {
      gates.shift()!();
      await new Promise((r) => setTimeout(r, 0));
    }
    await Promise.all(all);
    expect(peak).toBe(3);
    expect(lim.inFlight('tickets')).toBe(0);
  });
  it('frees the slot when a task fails, and an aborted waiter leaves the queue', async () => {
    const lim = new EndpointLimiter(1);
    await expect(lim.run('k', async () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    let release!: () => void;
    const first = lim.run('k', () => new Promise<void>((r) => (release = r)));
    const ac = new AbortController();
    const waiting = lim.run('k', async () => 'never', ac.signal);
    ac.abort(new Error('gone'));
    await expect(waiting).rejects.toThrow('gone');
    release();
    await first;
    expect(await lim.run('k', async () => 'next')).toBe('next');
    expect(lim.inFlight('k')).toBe(0);
  });
});

describe('backoffDelay', () => {
  it('doubles from 500 ms with ±25 % jitter, capped', () => {
    expect(backoffDelay(1, THREAD_BACKOFF, () => 0.5)).toBe(500);
    expect(backoffDelay(2, THREAD_BACKOFF, () => 0.5)).toBe(1000);
    expect(backoffDelay(1, THREAD_BACKOFF, () => 0)).toBe(375);
    expect(backoffDelay(1, THREAD_BACKOFF, () => 0.999999)).toBe(625);
    expect(backoffDelay(20, THREAD_BACKOFF, () => 0.5)).toBe(8000);
  });
});
