// The hourly API usage from `GET ThresholdInformation` (shared by every integration on the database):
// shown in the connection status so an admin sees how close Autotask is to refusing requests.

export interface ThresholdUsage {
  /** Requests allowed per timeframe (10 000 by default). */
  limit: number;
  /** Requests counted in the current timeframe. */
  used: number;
  /** Minutes (60). */
  timeframeMinutes: number;
  /** used / limit, 0–1+. */
  share: number;
}

export function parseThreshold(body: unknown): ThresholdUsage | undefined {
  const o = (body ?? {}) as Record<string, unknown>;
  const limit = Number(o.externalRequestThreshold);
  const used = Number(o.currentTimeframeRequestCount);
  const timeframeMinutes = Number(o.requestThresholdTimeframe);
  if (!(limit > 0) || !(used >= 0)) return undefined;
  return {
    limit,
    used,
    timeframeMinutes: timeframeMinutes > 0 ? timeframeMinutes : 60,
    share: used / limit,
  };
}

/** "124 of 10,000 requests in the last 60 minutes (1 %)", plus a warning from 50 % (Autotask adds latency). */
export function usageText(u: ThresholdUsage, locale = 'en-US'): string {
  const n = (x: number) => x.toLocaleString(locale);
  const pct = Math.floor(u.share * 100);
  const base = `${n(u.used)} of ${n(u.limit)} requests in the last ${u.timeframeMinutes} minutes (${pct} %)`;
  if (u.share >= 1) return `${base}: Autotask is refusing API requests until usage drops.`;
  if (u.share >= 0.75) return `${base}: Autotask slows every request by about 1 s.`;
  if (u.share >= 0.5) return `${base}: Autotask slows every request by about 0.5 s.`;
  return base;
}
