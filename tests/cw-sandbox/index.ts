// A fake ConnectWise PSA on loopback: REST API (auth, conditions, paging, PATCH, notes, time),
// fault injection, request recording with OpenAPI contract checks, and CW-like UI pages.
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openApiSpec } from '../support/openapi.ts';
import type { SandboxCore } from './core.ts';
import { Faults } from './faults.ts';
import { createRouter } from './router.ts';
import { ROUTES } from './routes/index.ts';
import { API_KEYS, CLIENT_ID, COMPANY_ID, createSeedState, RESTRICTED_KEYS } from './seed.ts';
import { createHandler } from './server.ts';
import type { FaultControl, RecordedRequest, SandboxClock, SandboxState } from './types.ts';
import { projectTicketPagePath, ticketPagePaths } from './ui/pages.ts';

export interface SandboxOptions {
  /** 0 (default) picks a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Extra generated members (ids 1001+, identifiers tech0001…) for paging tests. Default 0. */
  members?: number;
}

export interface Sandbox {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** host:port, what a user types as "Site URL". */
  site: string;
  /** 'flowpilot' (case-insensitive on login). */
  companyId: string;
  /** Full-permission API member keys. */
  keys: { publicKey: string; privateKey: string };
  /** Keys with one permission missing: noTickets, noTime, noMembers, noDelete. */
  restrictedKeys: Record<string, { publicKey: string; privateKey: string; missing: string }>;
  /** A GUID that works (any GUID works). */
  clientId: string;
  /** CW-like UI page URL for a service ticket (routeTo=ServiceFV) or project ticket (ProjectTicketFV, ids ≥ 5000). */
  ticketPageUrl(id: number): string;
  /** Direct access to the in-memory data for assertions. Same object across reset(). */
  state: SandboxState;
  faults: FaultControl;
  /** CW's clock (its `Date` header, dates it writes); `clock.offsetMs += 60_000` is "one minute later". */
  clock: SandboxClock;
  /** Every API request (and companyinfo call): method, path, query, headers (Authorization redacted), body, status. */
  requests: RecordedRequest[];
  /** Request bodies/params the OpenAPI subset does not allow (the request still got CW's normal answer). */
  contractViolations: string[];
  /** Reseed to the initial deterministic state, clear faults and logs. */
  reset(): void;
  close(): Promise<void>;
}

export async function startSandbox(opts: SandboxOptions = {}): Promise<Sandbox> {
  // Fail at start, not with a 500 on every call: the contract checks need the OpenAPI subset.
  openApiSpec();
  const host = opts.host ?? '127.0.0.1';
  const extraMembers = opts.members ?? 0;
  const clock = {
    offsetMs: 0,
    now: () => new Date(Date.now() + clock.offsetMs),
  };
  const core: SandboxCore = {
    state: createSeedState(extraMembers),
    faults: new Faults(),
    requests: [],
    contractViolations: [],
    route: createRouter(ROUTES),
    clock,
    now: () => clock.now(),
    reset() {
      // Mutate in place so references held by tests stay valid.
      const fresh = createSeedState(extraMembers);
      for (const key of Object.keys(core.state))
        delete (core.state as unknown as Record<string, unknown>)[key];
      Object.assign(core.state, fresh);
      core.faults.clear();
      clock.offsetMs = 0;
      core.requests.length = 0;
      core.contractViolations.length = 0;
    },
  };

  const server = createServer(createHandler(core));
  // Idle keep-alive sockets stay open a while, as IIS keeps them (120 s there): Chromium reuses them,
  // which is what makes its own resend of a POST after commit-then-reset happen. close() ends them.
  server.keepAliveTimeout = 10_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const urlHost = host.includes(':') ? `[${host}]` : host;
  const url = `http://${urlHost}:${port}`;

  return {
    url,
    site: `${urlHost}:${port}`,
    companyId: COMPANY_ID,
    keys: { ...API_KEYS },
    restrictedKeys: Object.fromEntries(Object.entries(RESTRICTED_KEYS).map(([k, v]) => [k, { ...v }])),
    clientId: CLIENT_ID,
    ticketPageUrl: (id) => url + (id >= 5000 ? projectTicketPagePath(id) : ticketPagePaths(id).routeTo),
    state: core.state,
    faults: core.faults,
    clock,
    requests: core.requests,
    contractViolations: core.contractViolations,
    reset: () => core.reset(),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export * from './seed-constants.ts';
export type {
  FaultControl,
  FaultRule,
  FaultSettings,
  RecordedRequest,
  SandboxClock,
  SandboxState,
} from './types.ts';
export { boardHashPath, boardPagePath, projectTicketPagePath, ticketPagePaths } from './ui/pages.ts';
