// node:http request dispatch: control endpoints, UI data, companyinfo, the API and the CW-like pages.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { handleApi } from './api.ts';
import { handleControl } from './control.ts';
import type { SandboxCore } from './core.ts';
import { BodyTooLarge, readBody, recordHeaders, sendHtml, sendJson } from './http.ts';
import { COMPANY_ID, COMPANY_NAME } from './seed-constants.ts';
import { uiBoard, uiTicket } from './ui/data.ts';
import { indexHtml, shellHtml } from './ui/pages.ts';

const API_PREFIX = /^(\/(?:v4_6_release|v2026_4)\/apis\/3\.0)(\/.*)?$/i;
const PAGE_PATHS = [
  /^\/(?:v4_6_release|v2026_4)\/connectwise\.aspx$/i,
  /^\/(?:v4_6_release|v2026_4)\/services\/system_io\/service\/fv_sr100_request\.rails$/i,
  /^\/(?:v4_6_release|v2026_4)\/services\/system_io\/router\/openrecord\.rails$/i,
];

export function createHandler(core: SandboxCore) {
  return async (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    try {
      const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
      const path = url.pathname;
      const method = (req.method ?? 'GET').toUpperCase();
      const rawBody = await readBody(req);

      if (path.startsWith('/__sandbox/'))
        return handleControl(core, method, path, rawBody.toString('utf8'), res);
      if (path.startsWith('/__ui/')) return serveUiData(core, path, res);

      const company = /^\/login\/companyinfo\/([^/]+)\/?$/i.exec(path);
      if (company) return companyInfo(core, req, res, url, decodeURIComponent(company[1] ?? ''));

      const api = API_PREFIX.exec(path);
      if (api) {
        return await handleApi(core, {
          req,
          res,
          url,
          prefix: api[1] ?? '',
          apiPath: api[2] ?? '/',
          rawBody,
        });
      }
      if (method === 'GET' && path === '/') return sendHtml(res, 200, indexHtml());
      if (method === 'GET' && PAGE_PATHS.some((p) => p.test(path))) {
        if (core.faults.pageLatencyMs > 0) await new Promise((r) => setTimeout(r, core.faults.pageLatencyMs));
        return sendHtml(res, 200, shellHtml());
      }
      if (path === '/favicon.ico') {
        res.writeHead(204).end();
        return;
      }
      sendHtml(res, 404, '<!DOCTYPE html><title>404</title><h1>404 - File or directory not found.</h1>');
    } catch (e) {
      if (e instanceof BodyTooLarge)
        return sendJson(res, 413, { code: 'RequestEntityTooLarge', message: 'Request body too large.' });
      console.error('[cw-sandbox]', e);
      if (!res.headersSent) sendJson(res, 500, { code: 'UnexpectedError', message: String(e) });
    }
  };
}

function serveUiData(core: SandboxCore, path: string, res: ServerResponse): void {
  const m = /^\/__ui\/(ticket|board)\/(\d+)$/.exec(path);
  const id = Number(m?.[2]);
  const data =
    m?.[1] === 'ticket'
      ? uiTicket(core.state, id, core.now().getTime())
      : m
        ? uiBoard(core.state, id)
        : undefined;
  if (data) sendJson(res, 200, data);
  else sendJson(res, 404, { error: 'not found' });
}

function companyInfo(
  core: SandboxCore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  companyId: string,
): void {
  const host = req.headers.host ?? '';
  const known = companyId.toLowerCase() === COMPANY_ID;
  // Values are strings, even IsCloud (DG example). The unknown-company answer is UNCONFIRMED: real
  // servers may answer differently (cw-api.md §9); the sandbox uses a CW-style 404 JSON body.
  const status = known ? 200 : 404;
  const body = known
    ? {
        CompanyName: COMPANY_NAME,
        Codebase: 'v2026_4/',
        VersionCode: 'v2026.4',
        VersionNumber: 'v4.6.12345',
        CompanyID: COMPANY_ID,
        IsCloud: 'False',
        SiteUrl: host,
      }
    : { code: 'NotFound', message: `Company '${companyId}' was not found.` };
  core.requests.push({
    at: new Date().toISOString(),
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname,
    apiPath: '',
    query: Object.fromEntries(url.searchParams),
    headers: recordHeaders(req),
    status,
  });
  sendJson(res, status, body);
}
