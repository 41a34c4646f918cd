// A fake Autotask PSA on loopback: zone lookup, the REST API (three auth headers, query/filter/paging,
// picklists, notes, time entries, ticket PATCH), Autotask's thread limit and hourly threshold, the CW
// sandbox's fault kinds, request recording with contract checks, and Autotask-like UI pages.
// Generic parts (http helpers, faults, PRNG, router) are the CW sandbox's.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Faults } from '../cw-sandbox/faults.ts';
import { BodyTooLarge, readBody, sendHtml, sendJson, sleep } from '../cw-sandbox/http.ts';
import { createRouter } from '../cw-sandbox/router.ts';
import { type AtCore, handleAtApi, redactedHeaders } from './api.ts';
import { ZONE_UNKNOWN } from './errors.ts';
import { Limits } from './limits.ts';
import { AT_ROUTES } from './routes.ts';
import { createSeedState } from './seed.ts';
import {
  API_USERS,
  INTEGRATION_CODE,
  LOOKUP_PATH,
  OLD_ZONE_PATH,
  SPECIAL_TICKETS,
  ZONE,
  ZONE_PATH,
} from './seed-constants.ts';
import type { AtFaultRule, AtLimits, AtRecordedRequest, AtState, Row } from './types.ts';
import {
  DETAIL_PATH,
  EDIT_PATH,
  EXECUTE_PATH,
  indexHtml,
  messagePageHtml,
  SHELL_PATH,
  shellHtml,
  ticketDetailHtml,
  ticketPagePaths,
} from './ui.ts';

export interface AutotaskSandboxOptions {
  port?: number;
  host?: string;
}

export interface AutotaskSandbox {
  /** e.g. http://127.0.0.1:41234 */
  url: string;
  /** What zoneInformation answers: the zone's REST `url` (ends in /ATServicesRest/), `webUrl`, … */
  zone: { zoneName: string; url: string; webUrl: string; ci: number };
  /** The REST base of a zone this database moved away from (answers 401), for zone re-lookup tests. */
  oldZoneApiBase: string;
  /** The "any zone host" lookup, like https://webservices.autotask.net/atservicesrest/v1.0/zoneInformation */
  zoneLookupUrl: string;
  /** Full-access API user + the tracking identifier. */
  credentials: { userName: string; secret: string; integrationCode: string };
  /** API users with a restricted security level: noTickets (sees none), noResources (refused). */
  restrictedUsers: Record<'noTickets' | 'noResources', { userName: string; secret: string }>;
  /** Every UI URL form of a ticket (absolute). */
  ticketPageUrls(id: number): ReturnType<typeof ticketPagePaths>;
  state: AtState;
  faults: Faults<AtFaultRule>;
  /** Thread limit and hourly threshold (settings, counters, peak concurrency per endpoint). */
  limits: Limits;
  /** Autotask's clock (its Date header, the hourly window) = real time + offsetMs, for outbox time tests. */
  clock: { offsetMs: number };
  requests: AtRecordedRequest[];
  contractViolations: string[];
  reset(): void;
  close(): Promise<void>;
}

const API_PREFIX = new RegExp(`^(${ZONE_PATH.replace(/\//g, '\\/')}\\/V1\\.0)(\\/.*)?$`, 'i');
const OLD_ZONE_API = new RegExp(`^${OLD_ZONE_PATH.replace(/\//g, '\\/')}\\/V1\\.0(\\/.*)?$`, 'i');
const LOOKUP_ZONE = new RegExp(`^${LOOKUP_PATH.replace(/\//g, '\\/')}\\/v1\\.0\\/zoneInformation\\/?$`, 'i');

function param(url: URL, name: string): string | undefined {
  const want = name.toLowerCase();
  for (const [k, v] of url.searchParams) if (k.toLowerCase() === want) return v;
  return undefined;
}

export async function startAutotaskSandbox(opts: AutotaskSandboxOptions = {}): Promise<AutotaskSandbox> {
  const host = opts.host ?? '127.0.0.1';
  const limits = new Limits();
  const clock = { offsetMs: 0 };
  const core: AtCore = {
    state: createSeedState(),
    faults: new Faults<AtFaultRule>(),
    limits,
    requests: [],
    contractViolations: [],
    route: createRouter(AT_ROUTES),
    now: () => new Date(Date.now() + clock.offsetMs),
  };
  const reset = () => {
    const fresh = createSeedState();
    for (const key of Object.keys(core.state)) delete (core.state as unknown as Record<string, unknown>)[key];
    Object.assign(core.state, fresh);
    core.faults.clear();
    core.limits.reset();
    clock.offsetMs = 0;
    core.requests.length = 0;
    core.contractViolations.length = 0;
  };

  let origin = '';
  const zone = () => ({
    zoneName: ZONE.zoneName,
    url: `${origin}${ZONE_PATH}/`,
    webUrl: `${origin}/`,
    ci: ZONE.ci,
  });

  const zoneInformation = async (req: IncomingMessage, res: ServerResponse, url: URL, path: string) => {
    const rec: AtRecordedRequest = {
      at: new Date().toISOString(),
      method: 'GET',
      path,
      apiPath: '/zoneInformation',
      query: Object.fromEntries(url.searchParams),
      headers: redactedHeaders(req),
      status: 0,
    };
    core.requests.push(rec);
    const fault = core.faults.take('GET', '/zoneInformation');
    if (fault?.latencyMs) await sleep(fault.latencyMs);
    if (fault?.reset) {
      rec.reset = 'before';
      req.socket.destroy();
      return;
    }
    if (fault?.status !== undefined) {
      rec.status = fault.status;
      return sendJson(res, fault.status, fault.body ?? { errors: ['An error has occurred.'] });
    }
    const user = (param(url, 'user') ?? '').trim().toLowerCase();
    const known = Object.values(API_USERS).some((u) => u.userName.toLowerCase() === user);
    rec.status = known ? 200 : 500;
    // Unauthenticated in practice (APG, DJA); a wrong or blank user name is a 500 (APG README, DJA).
    sendJson(res, rec.status, known ? zone() : { errors: [ZONE_UNKNOWN] });
  };

  const findTicket = (url: URL): Row | undefined => {
    const all = [...core.state.tickets, ...core.state.hiddenTickets];
    const id = Number(param(url, 'ticketId'));
    if (id > 0) return all.find((t) => t.id === id);
    const number = param(url, 'TicketNumber')?.trim().toUpperCase();
    return number ? all.find((t) => t.ticketNumber === number) : undefined;
  };

  const page = (url: URL, res: ServerResponse): boolean => {
    const path = url.pathname.toLowerCase();
    const detail = DETAIL_PATH.toLowerCase();
    if (path === '/') {
      sendHtml(res, 200, indexHtml(core.state, Object.values(SPECIAL_TICKETS)));
      return true;
    }
    const isDetail = path === detail || path === `${detail}/index`;
    const isEdit = path === EDIT_PATH.toLowerCase() || path === `${EDIT_PATH.toLowerCase()}/edit`;
    // ExecuteCommand opens the ticket in a popup after visiting the home page (AT-EC); the sandbox
    // renders the ticket in place so the URL form itself can be tested.
    const isExecute =
      path === EXECUTE_PATH.toLowerCase() && (param(url, 'Code') ?? '').toLowerCase() === 'openticketdetail';
    if (isDetail || isEdit || isExecute) {
      const t = findTicket(url);
      if (t) sendHtml(res, 200, ticketDetailHtml(core.state, t, url, { edit: isEdit }));
      else sendHtml(res, 404, messagePageHtml('Ticket', 'The ticket does not exist or you cannot see it.'));
      return true;
    }
    if (path === SHELL_PATH.toLowerCase()) {
      let inner = '/';
      try {
        const data = JSON.parse(Buffer.from(param(url, 'view-data') ?? '', 'base64').toString('utf8')) as {
          url?: unknown;
        };
        if (typeof data.url === 'string') inner = data.url;
      } catch {
        // A shell without view-data shows the home page.
      }
      const links = [SPECIAL_TICKETS.standard, SPECIAL_TICKETS.quotes, SPECIAL_TICKETS.complete].map(
        (id) => ({
          href: `${DETAIL_PATH}?ticketId=${id}`,
          text: `Ticket ${id}`,
        }),
      );
      sendHtml(res, 200, shellHtml(inner, links));
      return true;
    }
    return false;
  };

  const control = (method: string, path: string, body: string, res: ServerResponse) => {
    try {
      const route = `${method} ${path.replace(/\/+$/, '')}`;
      const view = () => ({
        rules: core.faults.rules,
        latencyMs: core.faults.latencyMs,
        limits: core.limits.settings,
      });
      if (route === 'POST /__sandbox/faults') {
        const parsed = body ? (JSON.parse(body) as unknown) : {};
        const spec = (Array.isArray(parsed) ? { rules: parsed } : parsed) as {
          rules?: AtFaultRule[];
          latencyMs?: number;
          limits?: Partial<AtLimits>;
          requestCount?: number;
        };
        for (const rule of spec.rules ?? []) core.faults.add(rule);
        if (typeof spec.latencyMs === 'number') core.faults.latencyMs = spec.latencyMs;
        Object.assign(core.limits.settings, spec.limits ?? {});
        if (typeof spec.requestCount === 'number') core.limits.setCount(spec.requestCount);
        return sendJson(res, 200, view());
      }
      if (route === 'GET /__sandbox/faults') return sendJson(res, 200, view());
      if (route === 'DELETE /__sandbox/faults') {
        core.faults.clear();
        core.limits.reset();
        return sendJson(res, 200, view());
      }
      if (route === 'POST /__sandbox/reset') {
        reset();
        return sendJson(res, 200, { ok: true });
      }
      if (route === 'GET /__sandbox/requests') return sendJson(res, 200, core.requests);
      if (route === 'GET /__sandbox/contract-violations') return sendJson(res, 200, core.contractViolations);
      if (route === 'GET /__sandbox/state') return sendJson(res, 200, core.state);
      return sendJson(res, 404, { error: `Unknown control endpoint ${route}` });
    } catch (e) {
      return sendJson(res, 400, { error: String((e as Error).message ?? e) });
    }
  };

  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', origin || `http://${req.headers.host ?? host}`);
      const path = url.pathname;
      const method = (req.method ?? 'GET').toUpperCase();
      const rawBody = await readBody(req);
      if (path.startsWith('/__sandbox/')) return control(method, path, rawBody.toString('utf8'), res);
      const api = API_PREFIX.exec(path);
      if (LOOKUP_ZONE.test(path) || (api && /^\/zoneInformation\/?$/i.test(api[2] ?? ''))) {
        return await zoneInformation(req, res, url, path);
      }
      const old = OLD_ZONE_API.exec(path);
      if (old) {
        core.requests.push({
          at: new Date().toISOString(),
          method,
          path,
          apiPath: old[1] ?? '/',
          query: Object.fromEntries(url.searchParams),
          headers: redactedHeaders(req),
          status: 401,
        });
        res.writeHead(401, { 'Content-Length': '0' }).end();
        return;
      }
      if (api) {
        return await handleAtApi(core, {
          req,
          res,
          url,
          prefix: api[1] ?? '',
          apiPath: api[2] ?? '/',
          rawBody,
          origin,
        });
      }
      if (method === 'GET' && page(url, res)) return;
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      sendHtml(res, 404, messagePageHtml('404', 'The page cannot be found.'));
    } catch (e) {
      if (e instanceof BodyTooLarge) return sendJson(res, 413, { errors: ['Request body too large.'] });
      console.error('[autotask-sandbox]', e);
      if (!res.headersSent) sendJson(res, 500, { errors: [String(e)] });
    }
  });
  server.keepAliveTimeout = 1000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  origin = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

  return {
    url: origin,
    zone: zone(),
    zoneLookupUrl: `${origin}${LOOKUP_PATH}/v1.0/zoneInformation`,
    oldZoneApiBase: `${origin}${OLD_ZONE_PATH}/V1.0`,
    credentials: {
      userName: API_USERS.full.userName,
      secret: API_USERS.full.secret,
      integrationCode: INTEGRATION_CODE,
    },
    restrictedUsers: {
      noTickets: { userName: API_USERS.noTickets.userName, secret: API_USERS.noTickets.secret },
      noResources: { userName: API_USERS.noResources.userName, secret: API_USERS.noResources.secret },
    },
    ticketPageUrls: (id) => {
      const t = [...core.state.tickets, ...core.state.hiddenTickets].find((x) => x.id === id);
      const paths = ticketPagePaths(id, String(t?.ticketNumber ?? ''));
      return Object.fromEntries(Object.entries(paths).map(([k, v]) => [k, origin + v])) as typeof paths;
    },
    state: core.state,
    faults: core.faults,
    limits,
    clock,
    requests: core.requests,
    contractViolations: core.contractViolations,
    reset,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

export * from './seed-constants.ts';
export type { AtFaultRule, AtLimits, AtRecordedRequest, AtState } from './types.ts';
export { DETAIL_PATH, EXECUTE_PATH, SHELL_PATH, ticketPagePaths, viewData } from './ui.ts';
