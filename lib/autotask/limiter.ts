// Autotask allows 3 concurrent requests per tracking identifier + object endpoint (AT-THREAD); a child
// endpoint counts as its entity (Tickets/{id}/Notes → TicketNotes, PAUL) and ZoneInformation is exempt.
// One limiter per worker keeps FlowPilot's own requests under it; a rejection from Autotask anyway
// (other tabs' workers, another integration on the same code) is backed off by the client.

export const THREAD_LIMIT = 3;

const CHILD: Record<string, string> = { notes: 'TicketNotes' };

/** The object endpoint a request path counts against (case-insensitive), or undefined for zone lookups. */
export function endpointOf(path: string): string | undefined {
  const seg = (path.split('?')[0] ?? '').split('/').filter(Boolean);
  // Accept full URLs and paths with the /ATServicesRest/V1.0 prefix.
  const v = seg.findIndex((s) => /^v1\.0$/i.test(s));
  const rest = v >= 0 ? seg.slice(v + 1) : seg;
  const first = rest[0];
  if (!first || /^zoneinformation$/i.test(first)) return undefined;
  if (rest.length >= 3 && /^\d+$/.test(rest[1] ?? '') && /^tickets$/i.test(first)) {
    const child = CHILD[(rest[2] ?? '').toLowerCase()];
    if (child) return child.toLowerCase();
  }
  return first.toLowerCase();
}

/** A counting semaphore per key. `run` waits for a slot, runs, and frees the slot whatever happens. */
export class EndpointLimiter {
  private active = new Map<string, number>();
  private waiting = new Map<string, (() => void)[]>();

  constructor(readonly limit = THREAD_LIMIT) {}

  inFlight(key: string): number {
    return this.active.get(key) ?? 0;
  }

  async run<T>(key: string | undefined, task: () => Promise<T>, signal?: AbortSignal): Promise<T> {
    if (key === undefined) return task();
    await this.acquire(key, signal);
    try {
      return await task();
    } finally {
      this.release(key);
    }
  }

  private acquire(key: string, signal?: AbortSignal): Promise<void> {
    const n = this.active.get(key) ?? 0;
    if (n < this.limit) {
      this.active.set(key, n + 1);
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      const queue = this.waiting.get(key) ?? [];
      const wake = () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      };
      const onAbort = () => {
        const q = this.waiting.get(key) ?? [];
        const i = q.indexOf(wake);
        if (i >= 0) q.splice(i, 1);
        reject(signal?.reason ?? new Error('aborted'));
      };
      if (signal?.aborted) return onAbort();
      signal?.addEventListener('abort', onAbort, { once: true });
      queue.push(wake);
      this.waiting.set(key, queue);
    });
  }

  private release(key: string): void {
    const next = this.waiting.get(key)?.shift();
    // The slot passes straight to the next waiter; the count only drops when nobody waits.
    if (next) next();
    else this.active.set(key, Math.max(0, (this.active.get(key) ?? 1) - 1));
  }
}

/** The worker-wide limiter (keys include the API base and tracking identifier). */
export const sharedLimiter = new EndpointLimiter();

export interface BackoffOptions {
  /** First wait; doubles per attempt. */
  baseMs: number;
  maxMs: number;
  /** Attempts in total, including the first. */
  attempts: number;
}

/** Thread-limit waits: 500 ms doubling (PAUL), capped, ±25 % jitter so parallel callers spread out. */
export const THREAD_BACKOFF: BackoffOptions = { baseMs: 500, maxMs: 8_000, attempts: 5 };

export function backoffDelay(attempt: number, o: BackoffOptions, random: () => number = Math.random): number {
  const raw = Math.min(o.maxMs, o.baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(raw * (0.75 + random() * 0.5));
}
