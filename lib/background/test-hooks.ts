import { db } from '../db/schema';
import type { IdleState } from '../platform/idle';
import type { Session } from '../session/model';
import { updateOpenSessions } from '../session/service';
import { ALIVE_KEY, checkAlive, handleIdleState } from './idle';
import { forgetContexts } from './panel-handlers';

// E2E builds only (entrypoints/background.ts installs this under `import.meta.env.MODE === 'e2e'`, so
// production bundles never contain it; tests/unit/test-hooks.test.ts pins that): lets Playwright drive
// what a test cannot wait for — the machine's idle state and the passing of time — through the
// background's own code paths. Used as `self.__flowpilotTest` from the service worker.

function shifted(s: Session, ms: number): Session {
  const back = (t: number | undefined) => (t === undefined ? undefined : t - ms);
  return {
    ...s,
    startedAt: s.startedAt - ms,
    activeSince: back(s.activeSince),
    lastActivityAt: s.lastActivityAt - ms,
    spans: s.spans?.map((x) => ({ from: x.from - ms, ...(x.to === undefined ? {} : { to: x.to - ms }) })),
    away: s.away?.map((a) => ({ ...a, from: a.from - ms, ...(a.to === undefined ? {} : { to: a.to - ms }) })),
  };
}

export interface TestHooks {
  /** As if the machine's idle state changed at `at` (default now). */
  idle(state: IdleState, at?: number): Promise<void>;
  /** As if FlowPilot's last heartbeat was at `at`, then a heartbeat now. */
  lastAlive(at: number): Promise<void>;
  /** As if the ticket's open session had started `ms` earlier (every time in it moves back). */
  shiftSession(ticketKey: string, ms: number): Promise<void>;
  /** As if the worker had restarted (details: false — only the 60 s context cache, as after a minute). */
  forgetContexts(opts: { details: boolean }): void;
}

export function installTestHooks(): void {
  const hooks: TestHooks = {
    idle: (state, at) => handleIdleState(state, at),
    lastAlive: async (at) => {
      await db().settings.put({ key: ALIVE_KEY, value: at });
      await checkAlive();
    },
    forgetContexts,
    shiftSession: async (ticketKey, ms) => {
      await updateOpenSessions((s) => (s.ticketKey === ticketKey ? shifted(s, ms) : s));
    },
  };
  (globalThis as { __flowpilotTest?: TestHooks }).__flowpilotTest = hooks;
}
