import { browser } from 'wxt/browser';
import { db } from '../db/schema';
import { type IdleState, onIdleStateChanged, queryIdleState, setIdleInterval } from '../platform/idle';
import { markAway, markBack, markNotRunning, type Session } from '../session/model';
import { updateOpenSessions } from '../session/service';
import { getSettings } from '../settings/store';
import { broadcast } from './broadcast';

// Away time for running sessions, from the machine's idle state (issue 13): 'idle' or 'locked' opens an
// away stretch on every running session, from the moment the machine went idle (the event time minus
// the detection interval); 'active' ends it, and the panel asks whether to keep that time. A heartbeat
// (one settings row, once a minute) shows when FlowPilot was not running at all — browser closed or
// computer asleep — which the idle API never reports. Nothing here lives in module variables.

export const ALIVE_ALARM = 'flowpilot-alive';
export const ALIVE_KEY = 'flowpilot/alive';
/** A heartbeat gap longer than this means the browser was closed or the computer asleep. */
export const ALIVE_GAP_MS = 3 * 60_000;

const newId = () => crypto.randomUUID();

async function idleMs(): Promise<number> {
  return (await getSettings()).idleAutoPauseMinutes * 60_000;
}

async function announce(changed: readonly Session[]): Promise<void> {
  for (const s of changed) await broadcast({ type: 'session/changed', ticketKey: s.ticketKey, rev: s.rev });
}

/** The machine's idle state changed (or was read at start-up) at `at`. */
export async function handleIdleState(state: IdleState, at = Date.now()): Promise<void> {
  const interval = await idleMs();
  const changed =
    state === 'active'
      ? await updateOpenSessions((s) => markBack(s, at), at)
      : await updateOpenSessions(
          (s) => markAway(s, state === 'idle' ? at - interval : at, state, newId()),
          at,
        );
  await announce(changed);
}

/** Writes the heartbeat; a long gap since the last one becomes a "not running" stretch. */
export async function checkAlive(now = Date.now()): Promise<void> {
  const rec = await db().settings.get(ALIVE_KEY);
  const last = typeof rec?.value === 'number' ? rec.value : undefined;
  await db().settings.put({ key: ALIVE_KEY, value: now });
  if (last === undefined || now - last <= ALIVE_GAP_MS) return;
  await announce(await updateOpenSessions((s) => markNotRunning(s, last, now, newId()), now));
}

/** The idle setting changed: Chrome's detection interval follows it. */
export async function applyIdleSetting(): Promise<void> {
  setIdleInterval(await idleMs());
}

/** Called once per worker start from entrypoints/background.ts (listeners at the top level). */
export function startIdleWatch(): void {
  onIdleStateChanged((state) => void handleIdleState(state).catch(() => undefined));
  browser.alarms.onAlarm.addListener((alarm) => {
    if (alarm.name === ALIVE_ALARM) void checkAlive().catch(() => undefined);
  });
  void (async () => {
    // Re-creating an alarm restarts its period; keep the one that is there.
    if (!(await browser.alarms.get(ALIVE_ALARM)))
      await browser.alarms.create(ALIVE_ALARM, { periodInMinutes: 1 });
    const interval = await idleMs();
    setIdleInterval(interval);
    await checkAlive();
    // Catch up with what happened while the worker was stopped (e.g. a browser restart while away).
    await handleIdleState(await queryIdleState(interval));
  })().catch(() => undefined);
}
