// CW writes dates as ISO-8601 UTC without milliseconds.
export function cwDate(ms: number | Date): string {
  const d = typeof ms === 'number' ? new Date(ms) : ms;
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export const HOUR = 3_600_000;
export const DAY = 24 * HOUR;
