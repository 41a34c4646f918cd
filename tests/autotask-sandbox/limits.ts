// Autotask's two usage limits (docs/reference/autotask-api.md §6):
// - thread limit: at most N requests in flight per tracking identifier + object endpoint (N = 3 for
//   integrations after 2023.1); a child endpoint counts as its own entity (Tickets/{id}/Notes is
//   TicketNotes, PAUL). ZoneInformation is exempt.
// - hourly threshold: requests per rolling 60 minutes per database, shared by every integration;
//   latency is added from 50 % and 75 % of it; above it every request is refused.
import type { AtLimits } from './types.ts';

export const DEFAULT_LIMITS: AtLimits = {
  threadLimit: 3,
  threadLimitStatus: 429,
  hourlyThreshold: 10_000,
  thresholdStatus: 429,
  usageLatencyMs: [500, 1000],
};

const CHILD_ENTITIES: Record<string, string> = { 'tickets/notes': 'TicketNotes' };

/** The object endpoint a path counts against, e.g. /Tickets/12/Notes → ticketnotes. */
export function endpointKey(apiPath: string): string {
  const seg = apiPath.split('/').filter(Boolean);
  const first = (seg[0] ?? '').toLowerCase();
  if (seg.length >= 3 && /^\d+$/.test(seg[1] ?? '')) {
    const child = CHILD_ENTITIES[`${first}/${(seg[2] ?? '').toLowerCase()}`];
    if (child) return child.toLowerCase();
  }
  return first;
}

export class Limits {
  settings: AtLimits = { ...DEFAULT_LIMITS };
  private inFlight = new Map<string, number>();
  private hits: number[] = [];
  /** Highest concurrency seen per endpoint key (tests assert the client never exceeds the limit). */
  readonly peak = new Map<string, number>();

  reset(): void {
    this.settings = { ...DEFAULT_LIMITS };
    this.inFlight.clear();
    this.hits = [];
    this.peak.clear();
  }

  /** Requests in flight now for this tracking identifier and the endpoint of `apiPath`. */
  busy(integrationCode: string, apiPath: string): number {
    return this.inFlight.get(`${integrationCode.toLowerCase()}|${endpointKey(apiPath)}`) ?? 0;
  }

  /** Takes a thread slot, or returns false when the endpoint is full (the request is refused). */
  acquire(integrationCode: string, apiPath: string): { ok: boolean; release: () => void } {
    const key = `${integrationCode.toLowerCase()}|${endpointKey(apiPath)}`;
    const n = this.inFlight.get(key) ?? 0;
    const limit = this.settings.threadLimit;
    if (limit > 0 && n >= limit) return { ok: false, release: () => undefined };
    this.inFlight.set(key, n + 1);
    this.peak.set(key, Math.max(this.peak.get(key) ?? 0, n + 1));
    let released = false;
    return {
      ok: true,
      release: () => {
        if (released) return;
        released = true;
        this.inFlight.set(key, (this.inFlight.get(key) ?? 1) - 1);
      },
    };
  }

  /** Requests counted in the rolling hour. */
  count(now = Date.now()): number {
    this.hits = this.hits.filter((t) => t > now - 3_600_000);
    return this.hits.length;
  }

  /** Pretend `n` requests were made in the last hour (other integrations share the database). */
  setCount(n: number, now = Date.now()): void {
    this.hits = Array.from({ length: n }, () => now);
  }

  /** Counts one request; 'over' when the threshold is already used up (the request is refused). */
  record(now = Date.now()): { over: boolean; latencyMs: number } {
    const used = this.count(now);
    const { hourlyThreshold, usageLatencyMs } = this.settings;
    if (used >= hourlyThreshold) return { over: true, latencyMs: 0 };
    this.hits.push(now);
    const share = (used + 1) / hourlyThreshold;
    const latencyMs = share >= 0.75 ? usageLatencyMs[1] : share >= 0.5 ? usageLatencyMs[0] : 0;
    return { over: false, latencyMs };
  }
}
