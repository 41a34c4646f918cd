// One check per batch of page changes, in a task after the host's next frame (its screen is painted
// first), with a backup timer because a hidden tab runs no frames. Shared by the CW and Autotask
// watchers; the MutationObserver callback only calls schedule(), never reads the DOM. popstate and
// hashchange schedule too; everything stops with the AbortSignal.

/** A hidden tab runs no frames; this makes sure a batch still lands. */
export const BACKUP_MS = 250;

export interface AfterPaint {
  /** Asks for one run after the next frame (a no-op while one is pending or after abort). */
  schedule: () => void;
  /** Drops a pending run (call at the start of the run itself, and on teardown). */
  clear: () => void;
}

export function afterPaint(win: Window, signal: AbortSignal, run: () => void): AfterPaint {
  let pending = false;
  let frame: number | undefined;
  let task: ReturnType<typeof setTimeout> | undefined;
  let backup: ReturnType<typeof setTimeout> | undefined;
  const clear = () => {
    if (frame !== undefined) win.cancelAnimationFrame(frame);
    if (task !== undefined) clearTimeout(task);
    if (backup !== undefined) clearTimeout(backup);
    frame = task = backup = undefined;
    pending = false;
  };
  const schedule = () => {
    if (pending || signal.aborted) return;
    pending = true;
    frame = win.requestAnimationFrame(() => {
      frame = undefined;
      task = setTimeout(run, 0);
    });
    backup = setTimeout(run, BACKUP_MS);
  };
  // History moves (back/forward, hash links) change what is shown without a DOM batch of their own.
  win.addEventListener('popstate', schedule, { signal });
  win.addEventListener('hashchange', schedule, { signal });
  signal.addEventListener('abort', clear, { once: true });
  return { schedule, clear };
}
