import { csvRow } from '../csv/cell';
import type { ActivityRecord } from '../db/schema';

/** The Activity tab's CSV export. */
export function activityToCsv(items: readonly ActivityRecord[]): string {
  const lines = ['at,kind,actor,outcome,latencyMs,detail'].concat(
    items.map((a) =>
      csvRow([new Date(a.at).toISOString(), a.kind, a.actor, a.outcome, a.latencyMs, a.detail]),
    ),
  );
  return `${lines.join('\r\n')}\r\n`;
}
