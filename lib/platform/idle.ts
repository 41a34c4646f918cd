import { browser } from 'wxt/browser';

// The browser's idle API (`idle` permission), in one place. Chrome and Firefox both report
// 'active' | 'idle' | 'locked'; the detection interval is in seconds with a floor of 15.

export type IdleState = 'active' | 'idle' | 'locked';

const MIN_INTERVAL_SEC = 15;

export const toIntervalSec = (ms: number) => Math.max(MIN_INTERVAL_SEC, Math.round(ms / 1000));

export function setIdleInterval(ms: number): void {
  browser.idle?.setDetectionInterval(toIntervalSec(ms));
}

export async function queryIdleState(ms: number): Promise<IdleState> {
  if (!browser.idle) return 'active';
  return (await browser.idle.queryState(toIntervalSec(ms))) as IdleState;
}

/** Registers at the worker's top level, so a state change wakes a stopped worker. */
export function onIdleStateChanged(fn: (state: IdleState) => void): void {
  browser.idle?.onStateChanged.addListener((s) => fn(s as IdleState));
}
