// Fault injection and throttling, shared by sandbox.faults and the /__sandbox/faults endpoint.
// Generic over the rule type so the Autotask sandbox reuses it with its own extra fault kinds.
import type { FaultControl, FaultRule } from './types.ts';

export class Faults<R extends FaultRule = FaultRule> implements FaultControl {
  latencyMs = 0;
  rateLimitPerMinute = 0;
  pageLatencyMs = 0;
  private active: R[] = [];
  private windows = new Map<string, number[]>();

  get rules(): readonly R[] {
    return this.active;
  }

  add(rule: R): void {
    if (rule.path !== undefined) new RegExp(rule.path); // fail fast on a bad regex
    if (rule.bodyMatch !== undefined) new RegExp(rule.bodyMatch);
    this.active.push({ ...rule, times: rule.times ?? 1 });
  }

  clear(): void {
    this.active = [];
    this.latencyMs = 0;
    this.rateLimitPerMinute = 0;
    this.pageLatencyMs = 0;
    this.windows.clear();
  }

  /** The first rule matching the request; consumes one of its uses. */
  take(method: string, apiPath: string, body = ''): R | undefined {
    const rule = this.active.find(
      (r) =>
        (!r.method || r.method.toUpperCase() === method.toUpperCase()) &&
        (r.path === undefined || new RegExp(r.path).test(apiPath)) &&
        (r.bodyMatch === undefined || new RegExp(r.bodyMatch).test(body)),
    );
    if (!rule) return undefined;
    if (rule.times !== 0) {
      rule.times = (rule.times ?? 1) - 1;
      if (rule.times <= 0) this.active = this.active.filter((r) => r !== rule);
    }
    return rule;
  }

  /** Sliding one-minute window per key: seconds to wait when over the limit, else 0 (and counts the call). */
  throttle(key: string, now = Date.now()): number {
    if (this.rateLimitPerMinute <= 0) return 0;
    const window = (this.windows.get(key) ?? []).filter((t) => t > now - 60_000);
    this.windows.set(key, window);
    if (window.length >= this.rateLimitPerMinute) {
      return Math.max(1, Math.ceil(((window[0] ?? now) + 60_000 - now) / 1000));
    }
    window.push(now);
    return 0;
  }
}
