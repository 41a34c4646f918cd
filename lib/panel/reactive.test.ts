import { describe, expect, it } from 'vitest';
import { computed, effect, signal } from './reactive';

const tick = () => new Promise<void>((r) => queueMicrotask(r));

describe('panel signals', () => {
  it('effects re-run once per batch, only for signals they read, and stop when disposed', async () => {
    const a = signal(1);
    const b = signal(10);
    const sum = computed(() => a.value + b.value);
    const seen: number[] = [];
    const stop = effect(() => seen.push(sum.value));
    a.value = 2;
    b.value = 20;
    await tick();
    expect(seen).toEqual([11, 22]);
    a.value = 2; // same value: nothing
    await tick();
    expect(seen).toEqual([11, 22]);
    stop();
    a.value = 3;
    await tick();
    expect(seen).toEqual([11, 22]);
  });

  it('tracks only what the last run read, and peek does not track', async () => {
    const flag = signal(true);
    const x = signal('x');
    const y = signal('y');
    const runs: string[] = [];
    effect(() => runs.push(flag.value ? x.value : y.peek()));
    y.value = 'y2';
    await tick();
    expect(runs).toEqual(['x']);
    flag.value = false;
    await tick();
    expect(runs).toEqual(['x', 'y2']);
    x.value = 'x2'; // no longer read
    await tick();
    expect(runs).toEqual(['x', 'y2']);
  });
});
