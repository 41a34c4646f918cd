// How long a write whose outcome is unknown must wait before it may be sent again. Pure.
// CW may still apply a request it got before the client gave up; only a lookup made after the limit
// (timings.ts) that finds nothing proves it never will. The wait is measured twice: on FlowPilot's
// clock from when the outcome became unknown, and on CW's clock (its Date header) from the first
// answer after that (an upper bound on when CW got the request). A step of the local clock can
// therefore never shorten it; a backward step only makes the local count start again.

import type { OutboxPayload } from './outbox-record';

/** CW's Date header has whole seconds. */
const DATE_RESOLUTION_MS = 1_000;

export interface UnknownWait {
  /** When the local count started (re-anchored to now after a backward step). */
  since: number;
  /** CW's clock at its first answer after the outcome became unknown, when CW sends a Date. */
  sinceCw?: number;
  /** ms until both clocks are past the limit; 0 = a lookup that finds nothing now allows a resend. */
  leftMs: number;
}

export function unknownWait(
  p: Pick<OutboxPayload, 'unknownSince' | 'unknownSinceCw'>,
  serverDate: number | undefined,
  now: number,
  limitMs: number,
): UnknownWait {
  const since = p.unknownSince === undefined || now < p.unknownSince ? now : p.unknownSince;
  const sinceCw = p.unknownSinceCw ?? serverDate;
  const localLeft = since + limitMs - now;
  const cwLeft =
    sinceCw !== undefined && serverDate !== undefined
      ? sinceCw + limitMs + DATE_RESOLUTION_MS - serverDate
      : 0;
  return { since, sinceCw, leftMs: Math.max(0, localLeft, cwLeft) };
}
