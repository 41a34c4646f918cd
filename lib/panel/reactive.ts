// Minimal signals for the panel (signal / computed / effect with the same shape as @preact/signals),
// written here because the content script has a 30 KB gzip budget and the library costs ~3 KB of it.
// Effects re-run in a microtask, once per batch of changes; computed values are recomputed on read.

type Runner = { run: () => void; deps: Set<Set<Runner>> };

let tracking: Runner | null = null;
const queue = new Set<Runner>();
let flushing = false;

function schedule(r: Runner) {
  queue.add(r);
  if (flushing) return;
  flushing = true;
  queueMicrotask(() => {
    flushing = false;
    const batch = [...queue];
    queue.clear();
    for (const x of batch) x.run();
  });
}

export interface ReadonlySignal<T> {
  readonly value: T;
  peek(): T;
}

export class Signal<T> implements ReadonlySignal<T> {
  private readonly subs = new Set<Runner>();
  constructor(private v: T) {}
  get value(): T {
    if (tracking) {
      this.subs.add(tracking);
      tracking.deps.add(this.subs);
    }
    return this.v;
  }
  set value(next: T) {
    if (Object.is(next, this.v)) return;
    this.v = next;
    for (const s of this.subs) schedule(s);
  }
  peek(): T {
    return this.v;
  }
}

export const signal = <T>(v: T) => new Signal(v);

export function computed<T>(fn: () => T): ReadonlySignal<T> {
  return {
    get value() {
      return fn();
    },
    peek() {
      const prev = tracking;
      tracking = null;
      try {
        return fn();
      } finally {
        tracking = prev;
      }
    },
  };
}

/** Runs fn now and again (in a microtask) after any signal it read changes. Returns a disposer. */
export function effect(fn: () => void): () => void {
  let disposed = false;
  const runner: Runner = {
    deps: new Set(),
    run: () => {
      if (disposed) return;
      for (const d of runner.deps) d.delete(runner);
      runner.deps.clear();
      const prev = tracking;
      tracking = runner;
      try {
        fn();
      } finally {
        tracking = prev;
      }
    },
  };
  runner.run();
  return () => {
    disposed = true;
    for (const d of runner.deps) d.delete(runner);
    runner.deps.clear();
    queue.delete(runner);
  };
}
