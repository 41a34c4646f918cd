// Low-level request/response helpers for node:http.
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

export const CW_MEDIA_TYPE = 'application/vnd.connectwise.com+json; version=2026.4; charset=utf-8';
export const API_VERSION = '2026.4';
const MAX_BODY = 32 * 1024 * 1024;

export class BodyTooLarge extends Error {}

export function readBody(req: IncomingMessage): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (c: Buffer) => {
      size += c.length;
      if (size > MAX_BODY) {
        reject(new BodyTooLarge());
        req.destroy();
        return;
      }
      chunks.push(c);
    });
    req.on('end', () => resolve(Buffer.concat(chunks)));
    req.on('error', reject);
  });
}

export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
  contentType = 'application/json; charset=utf-8',
): void {
  const text = body === undefined ? '' : JSON.stringify(body);
  res.writeHead(status, {
    'Content-Type': contentType,
    'Content-Length': Buffer.byteLength(text),
    'Cache-Control': 'no-cache',
    ...headers,
  });
  res.end(text);
}

/** Headers every CW API answer carries; Date comes from the sandbox clock (which tests may move). */
export function apiHeaders(now: Date): Record<string, string> {
  return {
    Date: now.toUTCString(),
    'api-current-version': API_VERSION,
    'x-cw-request-id': randomUUID(),
    'x-server-name': 'FLOWPILOT-SANDBOX',
  };
}

export function sendHtml(res: ServerResponse, status: number, html: string): void {
  res.writeHead(status, {
    'Content-Type': 'text/html; charset=utf-8',
    'Content-Length': Buffer.byteLength(html),
    'Cache-Control': 'no-cache',
  });
  res.end(html);
}

export const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/** Header values as plain strings, Authorization redacted. */
export function recordHeaders(req: IncomingMessage): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers)) {
    if (v === undefined) continue;
    out[k] =
      k === 'authorization'
        ? String(v).replace(/^(\S+)\s.*$/, '$1 [redacted]')
        : Array.isArray(v)
          ? v.join(', ')
          : v;
  }
  return out;
}
