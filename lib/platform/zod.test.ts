// @vitest-environment node
// MV3's content security policy refuses `new Function` in the worker and extension pages, and the refused
// attempt is reported as a violation even when caught. FlowPilot's schemas must never make zod try it.
import { afterEach, expect, it } from 'vitest';

const RealFunction = globalThis.Function;
afterEach(() => {
  globalThis.Function = RealFunction;
});

it('parsing FlowPilot’s schemas never compiles code at run time (no CSP violation in the worker)', async () => {
  const compiled: unknown[][] = [];
  // Every `new Function(…)` (zod's probe included) is recorded, then allowed as usual.
  globalThis.Function = new Proxy(RealFunction, {
    construct(target, args) {
      compiled.push(args);
      return Reflect.construct(target, args);
    },
  });
  // This file's own module graph (Vitest isolates files): zod's probe has not run yet.
  const { Settings } = await import('../settings/schema');
  const { Envelope } = await import('../messages/protocol');
  expect(Settings.parse({}).autoTimeEntry).toBe(true);
  expect(Envelope.safeParse({ dir: 'panelToBg', type: 'panel/status', payload: {} }).success).toBe(true);
  expect(compiled).toEqual([]);
});
