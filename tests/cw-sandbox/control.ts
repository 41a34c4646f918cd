// Test-control endpoints (/__sandbox/*), only on the sandbox and without auth.
//   POST   /__sandbox/faults   body: {rules?: FaultRule[], latencyMs?, rateLimitPerMinute?} or FaultRule[]
//   GET    /__sandbox/faults   current rules and settings
//   DELETE /__sandbox/faults   remove all rules, latency 0, no rate limit
//   POST   /__sandbox/clock    body: {offsetMs?} or {advanceMs?}: move CW's clock (Date header, dates written)
//   GET    /__sandbox/clock    {offsetMs, now}
//   POST   /__sandbox/reset    reseed, clear faults, clock and logs
//   GET    /__sandbox/requests recorded API requests
//   GET    /__sandbox/contract-violations
//   GET    /__sandbox/state    the whole in-memory state
import type { ServerResponse } from 'node:http';
import type { SandboxCore } from './core.ts';
import { sendJson } from './http.ts';
import type { FaultRule } from './types.ts';

function faultView(core: SandboxCore) {
  const f = core.faults;
  return { rules: f.rules, latencyMs: f.latencyMs, rateLimitPerMinute: f.rateLimitPerMinute };
}

function clockView(core: SandboxCore) {
  return { offsetMs: core.clock.offsetMs, now: core.clock.now().toISOString() };
}

export function handleControl(
  core: SandboxCore,
  method: string,
  path: string,
  body: string,
  res: ServerResponse,
): void {
  try {
    const [status, payload] = control(core, `${method} ${path.replace(/\/+$/, '')}`, body);
    sendJson(res, status, payload);
  } catch (e) {
    sendJson(res, 400, { error: String((e as Error).message ?? e) });
  }
}

function control(core: SandboxCore, route: string, body: string): [number, unknown] {
  switch (route) {
    case 'POST /__sandbox/faults': {
      const parsed = body ? (JSON.parse(body) as unknown) : {};
      const spec = (Array.isArray(parsed) ? { rules: parsed } : parsed) as {
        rules?: FaultRule[];
        latencyMs?: number;
        rateLimitPerMinute?: number;
      };
      for (const rule of spec.rules ?? []) core.faults.add(rule);
      if (typeof spec.latencyMs === 'number') core.faults.latencyMs = spec.latencyMs;
      if (typeof spec.rateLimitPerMinute === 'number')
        core.faults.rateLimitPerMinute = spec.rateLimitPerMinute;
      return [200, faultView(core)];
    }
    case 'GET /__sandbox/faults':
      return [200, faultView(core)];
    case 'DELETE /__sandbox/faults':
      core.faults.clear();
      return [200, faultView(core)];
    case 'POST /__sandbox/clock': {
      const spec = (body ? JSON.parse(body) : {}) as { offsetMs?: unknown; advanceMs?: unknown };
      if (typeof spec.offsetMs === 'number') core.clock.offsetMs = spec.offsetMs;
      if (typeof spec.advanceMs === 'number') core.clock.offsetMs += spec.advanceMs;
      return [200, clockView(core)];
    }
    case 'GET /__sandbox/clock':
      return [200, clockView(core)];
    case 'POST /__sandbox/reset':
      core.reset();
      return [200, { ok: true }];
    case 'GET /__sandbox/requests':
      return [200, core.requests];
    case 'GET /__sandbox/contract-violations':
      return [200, core.contractViolations];
    case 'GET /__sandbox/state':
      return [200, core.state];
    default:
      return [404, { error: `Unknown control endpoint ${route}` }];
  }
}
