// @vitest-environment node
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { fetchSameOrigin, MAX_REDIRECTS, RedirectRefused, redirectRefusalOf } from './same-origin-fetch';

interface Seen {
  method: string;
  url: string;
  body: string;
  apiKey?: string;
}

/** A tiny server that redirects /r/<status>?to=<url> (and /loop to itself) and records every request. */
async function server(): Promise<{ url: string; seen: Seen[]; close(): Promise<void> }> {
  const seen: Seen[] = [];
  const s: Server = createServer(async (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const u = new URL(req.url ?? '/', 'http://x');
    seen.push({
      method: req.method ?? '',
      url: u.pathname,
      body: Buffer.concat(chunks).toString(),
      ...(req.headers['api-key'] ? { apiKey: String(req.headers['api-key']) } : {}),
    });
    if (u.pathname === '/loop') {
      res.writeHead(302, { Location: '/loop' });
      return res.end();
    }
    const m = /^\/r\/(\d{3})$/.exec(u.pathname);
    if (m) {
      res.writeHead(Number(m[1]), { Location: u.searchParams.get('to') ?? '/' });
      return res.end();
    }
    res.writeHead(200, { 'Content-Type': 'text/plain' });
    res.end(`ok ${req.method} ${u.pathname}`);
  });
  await new Promise<void>((r) => s.listen(0, '127.0.0.1', r));
  const url = `http://127.0.0.1:${(s.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((r) => {
        s.closeAllConnections();
        s.close(() => r());
      }),
  };
}

let a: Awaited<ReturnType<typeof server>>;
let b: Awaited<ReturnType<typeof server>>;
beforeAll(async () => {
  [a, b] = await Promise.all([server(), server()]);
});
afterAll(async () => {
  await a.close();
  await b.close();
});
beforeEach(() => {
  a.seen.length = 0;
  b.seen.length = 0;
});

const post = { method: 'POST', body: '{"text":"secret note"}', headers: { 'api-key': 'k-123' } };

describe('fetchSameOrigin', () => {
  it('follows a same-origin 307 with the body, and a 303 as a GET', async () => {
    const res = await fetchSameOrigin(`${a.url}/r/307?to=/final`, post);
    expect(await res.text()).toBe('ok POST /final');
    expect(a.seen.map((s) => [s.method, s.url, s.body])).toEqual([
      ['POST', '/r/307', post.body],
      ['POST', '/final', post.body],
    ]);
    const got = await fetchSameOrigin(`${a.url}/r/303?to=${a.url}/after`, post);
    expect(await got.text()).toBe('ok GET /after');
  });

  it.each([301, 302, 303, 307, 308])(
    'never follows a %i to another origin: it receives nothing',
    async (status) => {
      const e = await fetchSameOrigin(`${a.url}/r/${status}?to=${b.url}/steal`, post).catch((x) => x);
      expect(e).toBeInstanceOf(RedirectRefused);
      expect(e).toMatchObject({ status, to: `${b.url}/steal` });
      expect((e as Error).message).toContain(`to ${b.url}`);
      expect(b.seen).toEqual([]);
      // Another port on the same host is another origin, and so is another scheme.
      await expect(fetchSameOrigin(`${a.url}/r/307?to=https://127.0.0.1/x`, post)).rejects.toBeInstanceOf(
        RedirectRefused,
      );
    },
  );

  it('stops after MAX_REDIRECTS hops', async () => {
    await expect(fetchSameOrigin(`${a.url}/loop`)).rejects.toBeInstanceOf(RedirectRefused);
    expect(a.seen).toHaveLength(MAX_REDIRECTS + 1);
  });

  it('refuses an opaque redirect (what Chromium returns for redirect: manual), wherever it points', async () => {
    const opaque = async () => ({ type: 'opaqueredirect', status: 0 }) as Response;
    const e = await fetchSameOrigin(`${a.url}/x`, post, opaque).catch((x) => x);
    expect(e).toBeInstanceOf(RedirectRefused);
    expect((e as RedirectRefused).to).toBeUndefined();
    // Found also when a library wrapped it.
    expect(redirectRefusalOf(new Error('wrapped', { cause: e }))).toBe(e);
  });

  it('passes other answers through, 3xx without Location included', async () => {
    const res = await fetchSameOrigin(`${a.url}/plain`);
    expect(res.status).toBe(200);
    const noLoc = await fetchSameOrigin(`${a.url}/x`, {}, async () => new Response(null, { status: 304 }));
    expect(noLoc.status).toBe(304);
  });
});
