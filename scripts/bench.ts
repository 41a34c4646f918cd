// `npm run bench`: performance figures of the panel, measured for real against the CW sandbox with an
// injected API latency (default 150 ms), in Chromium with the e2e build. Prints a table and writes
// bench-results/bench.json. Options: --no-build (reuse the existing build), --latency MS,
// --transitions N (SPA leak check), --in-place N (CW's in-place navigation, per browser).
// FP_OUT_DIR=<dir> measures the build in <dir>/chrome-mv3-e2e (e.g. an older build, for before/after);
// builds from before the panel frame (panel in the page's shadow root) are measured the same way.
//
// The sandbox runs on its own worker thread (tests/cw-sandbox/thread.ts): in this thread, the Playwright
// driver's work during a navigation delayed CW's answers by 15–30 ms, which counted against FlowPilot.
// How each figure is measured:
// - what runs in CW's page: gzip (level 9) of the content script files in the build (JS and CSS). The
//   panel frame's own bundle is reported beside it; it loads in the extension's process, not CW's.
// - banner → ticket number: a logger in every document (page and panel frame) timestamps, on one clock
//   (performance.timeOrigin + now), when CW's banner showing "#N" has been painted and when the panel's
//   "#N" has been painted (each: the task after the next frame following the DOM change); board-row
//   clicks, where CW leaves the URL stale, so only the banner can tell the panel.
// - context: after the board's "Open" link, from the panel showing the number to its context being
//   complete, and the number of sequential request waves from the sandbox's request arrival times (a
//   gap close to the latency separates two waves).
// - similar resolved tickets (issue 13): on the same board "Open" runs, the requests of the similar search
//   (one ticket search + Resolution-note reads) are told apart from the context's; the context figures
//   count only the context's own requests, and the similar search is checked to start after the first
//   wave and to leave the context's completion time where it was. Time from the panel showing the number
//   to the section being filled.
// - navigation → context: page.goto of a ticket URL, from the page's navigation start to the panel
//   having painted the complete context, in round trips of the injected latency (median of the runs);
//   plus when the first API request reached the sandbox. Twice per ticket: first with nothing kept in
//   the worker (the e2e hook forgets contexts and details: a customer FlowPilot has not seen since the
//   worker started), then again from the board once the 60 s context cache is forgotten but the company,
//   contact and device details are kept (a customer seen in the last 10 minutes: one wave, then a check).
//   Once more with nothing kept and CW's page itself answered after the latency, as a real CW page load
//   takes a round trip (shown, no target of its own: the API waves run beside the page's load). And once
//   more for a customer seen with the worker stopped first (Chromium stops it after 30 s idle; shown).
// - CW's in-place navigation (issue 12 §4): the same sandbox in a second Chromium without the extension,
//   Math.random seeded alike in both (the sandbox page waits 30-80 ms at random). Each transition
//   (board row → ticket, Save & Close → board; the URL does not change) is timed in the page from the
//   click event to a 30 ms timer started once the new banner is painted, so work landing on CW's main
//   thread right after its frame counts. Both browsers alternate transition by transition; the figure
//   is median(with) / median(without).
// - typing: API search requests the sandbox received while a 12-character query was typed at 80 ms a key.
// - SPA leak check: JS heap (after a forced GC, via CDP) of the page and of the panel frame before and
//   after N "Next ticket" transitions, each waited until the panel shows the new ticket and its context
//   settled; panels on the page after, and whether the panel frame was ever recreated.
// - the long ticket (200 notes, 20,000-character description, 50 configurations): banner → number and
//   navigation → context on it.
import { execSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { chromium, type Frame, type Page } from '@playwright/test';
import type { RecordedRequest } from '../tests/cw-sandbox/index';
import { LONG_TICKET, SPECIAL_TICKETS } from '../tests/cw-sandbox/seed-constants';
import { type SandboxThread as Sandbox, startSandboxThread } from '../tests/cw-sandbox/thread';
import { boardPagePath } from '../tests/cw-sandbox/ui/pages';
import { CHROMIUM_ARGS, chromePath, EXTENSION_DIR, launchWithExtension } from '../tests/e2e/browser';
import { connectExtensionToSandbox } from '../tests/e2e/connect';
import { benchPosting, postingRows, printRows } from './bench-posting';

const args = process.argv.slice(2);
const value = (name: string, fallback: number) => {
  const i = args.indexOf(name);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const LATENCY = value('--latency', 150);
const TRANSITIONS = value('--transitions', 50);
const IN_PLACE = value('--in-place', 30);
const QUERY = 'outlook sync'; // 12 characters
/** Tickets no earlier step has loaded (the background caches a context for 60 s). */
const NAV_TICKETS = [1200, 1210, 1220, 1230, 1240];

const TARGETS = {
  pageGzipBytes: 32 * 1024,
  bannerMs: 50,
  waves: 2,
  navRoundTrips: 2.2,
  inPlaceRatio: 1.05,
  typingRequests: 2,
  heapGrowthBytes: 2 * 1024 * 1024,
};

if (!args.includes('--no-build'))
  execSync('npx wxt build --mode e2e', { stdio: 'inherit', env: process.env });

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : Number.NaN;
};
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const step = (text: string) => console.log(`… ${text}`);

/** The similar-tickets search and its Resolution-note reads (lib/similar/query.ts). */
function isSimilarRequest(r: RecordedRequest): boolean {
  const c = r.query.conditions ?? '';
  return (
    (r.apiPath === '/service/tickets' && c.includes('closedFlag')) ||
    (/\/notes$/.test(r.apiPath) && c.includes('resolutionFlag'))
  );
}

/**
 * Run in the panel's document: the similar section filled (or settled empty), as an epoch time. A
 * function, not a string: the panel frame's CSP forbids the eval a string predicate needs.
 */
function similarDone(): number | false {
  const s = document.querySelector('[data-section="similar"]');
  return (
    !!s &&
    (s.querySelector('li') !== null || !/Looking for similar/.test(s.textContent ?? '')) &&
    performance.timeOrigin + performance.now()
  );
}

function countWaves(requests: RecordedRequest[], gapMs: number): number {
  const times = requests
    .filter((r) => r.apiPath)
    .map((r) => Date.parse(r.at))
    .sort((a, b) => a - b);
  let waves = 0;
  let last = Number.NEGATIVE_INFINITY;
  for (const t of times) {
    if (t - last > gapMs) waves++;
    last = t;
  }
  return waves;
}

// ---- sizes ----

const gz = (file: string) => gzipSync(readFileSync(file), { level: 9 }).length;

function sizes() {
  const csDir = path.join(EXTENSION_DIR, 'content-scripts');
  // What CW's page loads: every content script but Autotask's (registered at run time for Autotask's
  // pages only, never on CW's), which is measured on its own.
  const all = readdirSync(csDir);
  const csFiles = all.filter((f) => f !== 'autotask.js').map((f) => path.join(csDir, f));
  const pageBytes = csFiles.reduce((n, f) => n + readFileSync(f).length, 0);
  const pageGzipBytes = csFiles.reduce((n, f) => n + gz(f), 0);
  const autotaskGzipBytes = all.includes('autotask.js') ? gz(path.join(csDir, 'autotask.js')) : null;
  // The panel frame's scripts and styles, as panel.html references them (none before the frame existed).
  let frameGzipBytes: number | null = null;
  try {
    const html = readFileSync(path.join(EXTENSION_DIR, 'panel.html'), 'utf8');
    const refs = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((m) => m[1]!);
    frameGzipBytes = [...new Set(refs)].reduce((n, f) => n + gz(path.join(EXTENSION_DIR, f)), 0);
  } catch {
    frameGzipBytes = null;
  }
  return { pageBytes, pageGzipBytes, frameGzipBytes, autotaskGzipBytes };
}

// ---- the logger in every document of the bench's pages ----

// Plain JS text: tsx would otherwise inject helpers the page does not have. Records every change of
// (banner text, panel heading, panel ticket key, panel context state) with its time and, once the
// frame after it has been painted, the paint time.
const LOGGER_JS = `(() => {
  if (window.__fpLog) return;
  const log = (window.__fpLog = []);
  const now = () => performance.timeOrigin + performance.now();
  const panelRoot = () => {
    const host = document.querySelector('flowpilot-panel');
    // Builds before the panel frame rendered into the dock's open shadow root.
    return host && host.shadowRoot && !host.shadowRoot.querySelector('iframe') ? host.shadowRoot : document;
  };
  let last = '';
  const check = () => {
    const aside = panelRoot().querySelector('aside[aria-label="FlowPilot"]');
    const s = {
      banner: document.querySelector('.cw_BannerView .detailLabel')?.textContent ?? null,
      h2: aside?.querySelector('h2')?.textContent ?? null,
      key: aside?.getAttribute('data-ticket-key') ?? null,
      ctx: aside?.getAttribute('data-context') ?? null,
    };
    const k = JSON.stringify(s);
    if (k === last) return;
    last = k;
    const e = { t: now(), ...s };
    log.push(e);
    requestAnimationFrame(() => setTimeout(() => { e.painted = now(); }, 0));
  };
  const OPTS = { childList: true, subtree: true, characterData: true, attributes: true, attributeFilter: ['data-context', 'data-ticket-key'] };
  let shadow = null;
  const mo = new MutationObserver(() => {
    const host = document.querySelector('flowpilot-panel');
    if (host && host.shadowRoot && host.shadowRoot !== shadow) { shadow = host.shadowRoot; mo.observe(shadow, OPTS); }
    check();
  });
  mo.observe(document, OPTS);
  check();
})();`;

interface LogEntry {
  t: number;
  painted?: number;
  banner: string | null;
  h2: string | null;
  key: string | null;
  ctx: string | null;
}

/** "#1001" and not "#10010". */
const shows = (text: string | null, id: number) => {
  if (!text) return false;
  const i = text.indexOf(`#${id}`);
  return i >= 0 && !/[0-9]/.test(text.charAt(i + String(id).length + 1));
};

/** The panel's document: the panel frame, or the page itself for builds before the frame. */
function panelDoc(page: Page): Frame {
  return page.frames().find((f) => f.url().endsWith('/panel.html')) ?? page.mainFrame();
}

async function readLog(frame: Frame): Promise<LogEntry[]> {
  return (await frame.evaluate('window.__fpLog ?? []').catch(() => [])) as LogEntry[];
}

async function clearLogs(page: Page): Promise<void> {
  for (const f of new Set([page.mainFrame(), panelDoc(page)]))
    await f.evaluate('window.__fpLog && (window.__fpLog.length = 0)').catch(() => undefined);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const got = await probe();
    if (got !== undefined) return got;
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}.`);
    await sleep(40);
  }
}

/** When CW had painted its banner with #id and the panel #id; when the panel painted its settled context. */
async function ticketTimes(page: Page, id: number, opts: { settled?: boolean } = {}) {
  return waitFor(`the panel to show #${id}`, async () => {
    const pageLog = await readLog(page.mainFrame());
    const doc = panelDoc(page);
    const panelLog = doc === page.mainFrame() ? pageLog : await readLog(doc);
    const banner = pageLog.find((e) => shows(e.banner, id) && e.painted !== undefined);
    const number = panelLog.find((e) => shows(e.h2, id) && e.painted !== undefined);
    const settled = panelLog.find(
      (e) => e.key?.endsWith(`:${id}`) && (e.ctx === 'ready' || e.ctx === 'error') && e.painted !== undefined,
    );
    if (!banner || !number || (opts.settled && !settled)) return undefined;
    return { banner: banner.painted!, number: number.painted!, settled: settled?.painted };
  });
}

/** page.goto → navigation start to the panel's painted, complete context, and the first API request. */
async function navToContext(page: Page, sandbox: Sandbox, url: string, id: number) {
  const mark = sandbox.requests.length;
  await page.goto(url);
  const navStart = (await page.evaluate('performance.timeOrigin')) as number;
  const t = await ticketTimes(page, id, { settled: true });
  const first = sandbox.requests.slice(mark).find((r) => r.apiPath);
  const ms = t.settled! - navStart;
  return {
    ticket: id,
    ms: round(ms),
    roundTrips: round(ms / LATENCY, 2),
    firstRequestMs: first ? round(Date.parse(first.at) - navStart) : null,
  };
}

async function heapUsed(page: Page, frame?: Frame): Promise<number> {
  const cdp = await page.context().newCDPSession(frame ?? page);
  await cdp.send('HeapProfiler.collectGarbage');
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = (await cdp.send('Runtime.getHeapUsage')) as { usedSize: number };
  await cdp.detach();
  return usedSize;
}

// ---- CW's in-place navigation, with and without the extension ----

/** The same pseudo-random sequence in every page (the sandbox's random 30-80 ms screen delay). */
const SEED_RANDOM_JS = `(() => {
  let a = 20264;
  Math.random = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();`;

/** Arms the timing of the next transition: click → new banner painted → a 30 ms timer fired. */
const ARM_JS = `(want) => {
  window.__nav = new Promise((resolve) => {
    let t0;
    addEventListener('click', (e) => { t0 = e.timeStamp; }, { capture: true, once: true });
    const mo = new MutationObserver(() => {
      const b = document.querySelector('.cw_BannerView .detailLabel')?.textContent ?? '';
      if (t0 === undefined || !b.includes(want)) return;
      mo.disconnect();
      requestAnimationFrame(() => setTimeout(() => {
        const painted = performance.now();
        setTimeout(() => resolve({ painted: painted - t0, total: performance.now() - t0 }), 30);
      }, 0));
    });
    mo.observe(document.getElementById('cwContent'), { childList: true, subtree: true, characterData: true });
  });
}`;

async function timeTransition(page: Page, want: string, click: () => Promise<void>) {
  await page.evaluate(`(${ARM_JS})(${JSON.stringify(want)})`);
  await click();
  return (await page.evaluate('window.__nav')) as { painted: number; total: number };
}

/** Two fresh browsers, one page each: FlowPilot connected to the sandbox, and no extension at all. */
async function inPlaceNavigation(sandbox: Sandbox, n: number) {
  const ext = await launchWithExtension({ headless: true });
  const profile = mkdtempSync(path.join(tmpdir(), 'flowpilot-bench-plain-'));
  const plain = await chromium.launchPersistentContext(profile, {
    executablePath: chromePath(),
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  try {
    await connectExtensionToSandbox(ext, sandbox);
    for (const p of ext.context.pages()) await p.close();
    const pages: Record<'with' | 'without', Page> = {
      with: await ext.context.newPage(),
      without: await plain.newPage(),
    };
    const runs: Record<'with' | 'without', number[]> = { with: [], without: [] };
    const painted: Record<'with' | 'without', number[]> = { with: [], without: [] };
    for (const p of Object.values(pages)) {
      await p.addInitScript(SEED_RANDOM_JS);
      await p.goto(sandbox.url + boardPagePath(1));
      await p.locator('tr.cw-ml-row').first().waitFor();
    }
    for (let i = 0; i < n; i++) {
      // Alternate which browser goes first, so a busy moment lands on both alike.
      const order: ('with' | 'without')[] = i % 2 ? ['without', 'with'] : ['with', 'without'];
      for (const which of order) {
        const page = pages[which];
        const row = page.locator('tr.cw-ml-row').nth(20 + (i % 30));
        const id = Number(await row.getAttribute('data-ticket-id'));
        for (const [want, click] of [
          [`#${id}`, () => row.locator('a.multilineClickable').first().click()],
          ['Service Board', () => page.locator('.cw_ToolbarButton_SaveAndClose').click()],
        ] as const) {
          const t = await timeTransition(page, want, click);
          runs[which].push(t.total);
          painted[which].push(t.painted);
        }
        await page.locator('tr.cw-ml-row').first().waitFor();
      }
    }
    const withMs = median(runs.with);
    const withoutMs = median(runs.without);
    return {
      transitionsPerBrowser: runs.with.length,
      withMs: round(withMs),
      withoutMs: round(withoutMs),
      withPaintedMs: round(median(painted.with)),
      withoutPaintedMs: round(median(painted.without)),
      ratio: round(withMs / withoutMs, 3),
      target: TARGETS.inPlaceRatio,
      ok: withMs / withoutMs <= TARGETS.inPlaceRatio,
      runs: { with: runs.with.map((x) => round(x)), without: runs.without.map((x) => round(x)) },
    };
  } finally {
    await plain.close();
    await ext.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

// ---- the run ----

async function main() {
  const size = sizes();
  // On its own thread: the Playwright driver in this one must not delay CW's answers (thread.ts).
  const sandbox = await startSandboxThread();
  const ext = await launchWithExtension({ headless: true });
  let closed = false;
  try {
    await connectExtensionToSandbox(ext, sandbox);
    sandbox.faults.latencyMs = LATENCY;
    const page = await ext.context.newPage();
    await page.addInitScript(LOGGER_JS);

    step('context loads');
    const contextRuns: { ticket: number; ms: number; waves: number; requests: number }[] = [];
    const similarRuns: {
      ticket: number;
      requests: number;
      rows: number;
      ms: number;
      startedAfterFirstWave: boolean;
    }[] = [];
    for (const [board, id] of [
      [1, SPECIAL_TICKETS.standard],
      [3, SPECIAL_TICKETS.project],
    ] as const) {
      await page.goto(sandbox.url + boardPagePath(board));
      // The board's "Open" link: in-app navigation that pushes the ticket URL.
      const open = page.locator(`tr.cw-ml-row[data-ticket-id="${id}"] .cw-open-url`);
      await open.waitFor();
      await sleep(300); // the panel has settled on the board
      await clearLogs(page);
      const mark = sandbox.requests.length;
      await open.click();
      const t = await ticketTimes(page, id, { settled: true });
      // A build from before issue 13 (FP_OUT_DIR=<older build>) has no section: not shown, not fatal.
      const doneAt = await panelDoc(page)
        .waitForFunction(similarDone, undefined, { timeout: 15_000 })
        .then(async (h) => (await h.jsonValue()) as number)
        .catch(() => Number.NaN);
      const all = sandbox.requests.slice(mark).filter((r) => r.apiPath);
      const reqs = all.filter((r) => !isSimilarRequest(r));
      const similar = all.filter(isSimilarRequest);
      const firstWaveEnd = Math.min(...reqs.map((r) => Date.parse(r.at))) + LATENCY * 0.66;
      contextRuns.push({
        ticket: id,
        ms: round(t.settled! - t.number),
        waves: countWaves(reqs, LATENCY * 0.66),
        requests: reqs.length,
      });
      similarRuns.push({
        ticket: id,
        requests: similar.length,
        rows: await panelDoc(page).locator('[data-section="similar"] li').count(),
        ms: round(doneAt - t.number),
        startedAfterFirstWave: similar.every((r) => Date.parse(r.at) >= firstWaveEnd),
      });
    }

    step('banner → ticket number');
    const bannerMs: number[] = [];
    await page.goto(sandbox.url + boardPagePath(1));
    await page.locator('tr.cw-ml-row').first().waitFor();
    for (let i = 0; i < 10; i++) {
      const row = page.locator('tr.cw-ml-row').nth(10 + i);
      const id = Number(await row.getAttribute('data-ticket-id'));
      await clearLogs(page);
      await row.locator('a.multilineClickable').first().click();
      const t = await ticketTimes(page, id);
      bannerMs.push(t.number - t.banner);
      await page.locator('.cw_ToolbarButton_SaveAndClose').click(); // back to the board, in place
      await page.locator('tr.cw-ml-row').first().waitFor();
    }

    step('navigation → context');
    const navRuns = [];
    const coldNavRuns = [];
    const forget = (details: boolean) =>
      ext.context
        .serviceWorkers()[0]
        ?.evaluate(`self.__flowpilotTest && self.__flowpilotTest.forgetContexts({ details: ${details} })`);
    for (const id of NAV_TICKETS) {
      await forget(true);
      coldNavRuns.push(await navToContext(page, sandbox, sandbox.ticketPageUrl(id), id));
      await sleep(400); // the check of the first visit and similar tickets are done
      // Back to the board, then the ticket again (a URL change, as when a technician returns to it).
      await page.goto(sandbox.url + boardPagePath(1));
      await forget(false);
      navRuns.push(await navToContext(page, sandbox, sandbox.ticketPageUrl(id), id));
      await sleep(400);
    }
    // A real CW page is a round trip too: the context starts when the page is requested, not answered.
    const pageRtRuns = [];
    sandbox.faults.pageLatencyMs = LATENCY;
    for (const id of NAV_TICKETS) {
      await page.goto(sandbox.url + boardPagePath(1));
      await forget(true);
      pageRtRuns.push(await navToContext(page, sandbox, sandbox.ticketPageUrl(id), id));
      await sleep(400);
    }
    sandbox.faults.pageLatencyMs = 0;
    // A customer seen, after Chromium stopped the idle worker (30 s without events: a technician
    // reading a ticket): the worker starts on the page's request and finds the kept details in
    // session storage (lib/ticket/detail-storage.ts).
    const stoppedRuns = [];
    const cdp = await ext.context.newCDPSession(page);
    await cdp.send('ServiceWorker.enable');
    for (const id of NAV_TICKETS) {
      await page.goto(sandbox.url + boardPagePath(1));
      await sleep(400);
      await cdp.send('ServiceWorker.stopAllWorkers');
      stoppedRuns.push(await navToContext(page, sandbox, sandbox.ticketPageUrl(id), id));
    }
    await cdp.detach();

    step('the long ticket');
    // Measured as the other tickets are (a single navigation right after the stopped-worker runs said
    // more about the worker's restart than about the ticket): three times with nothing kept, each followed
    // by a return from the board with the customer's details kept; medians.
    const longCold = [];
    const longSeen = [];
    for (let i = 0; i < 3; i++) {
      await page.goto(sandbox.url + boardPagePath(1));
      await forget(true);
      longCold.push(await navToContext(page, sandbox, sandbox.ticketPageUrl(LONG_TICKET.id), LONG_TICKET.id));
      await sleep(400);
      await page.goto(sandbox.url + boardPagePath(1));
      await forget(false);
      longSeen.push(await navToContext(page, sandbox, sandbox.ticketPageUrl(LONG_TICKET.id), LONG_TICKET.id));
      await sleep(400);
    }
    const longNav = {
      ticket: LONG_TICKET.id,
      roundTrips: round(median(longSeen.map((r) => r.roundTrips)), 2),
      coldRoundTrips: round(median(longCold.map((r) => r.roundTrips)), 2),
      seen: longSeen,
      cold: longCold,
    };
    // In place: "Previous ticket" (stale URL) → #1289, then "Next ticket" back to the long one.
    await clearLogs(page);
    await page.locator('.cw-prev-ticket').click();
    await ticketTimes(page, LONG_TICKET.id - 1, { settled: true });
    await clearLogs(page);
    await page.locator('.cw-next-ticket').click();
    const longBanner = await ticketTimes(page, LONG_TICKET.id);

    step('typing a query');
    await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
    const panel = page
      .locator('flowpilot-panel iframe')
      .count()
      .then((frames) =>
        (frames ? page.frameLocator('flowpilot-panel iframe') : page).getByRole('complementary', {
          name: 'FlowPilot',
        }),
      );
    const p = await panel;
    await p.getByRole('button', { name: 'Link Ticket' }).click();
    const box = p.getByRole('searchbox', { name: 'Search tickets' });
    const mark = sandbox.requests.length;
    await box.pressSequentially(QUERY, { delay: 80 });
    await p
      .getByRole('status')
      .filter({ hasText: `“${QUERY}”` })
      .waitFor();
    const typed = sandbox.requests
      .slice(mark)
      .filter((r) => /^\/(service|project)\/tickets$/.test(r.apiPath) && r.query.conditions).length;

    step(`${TRANSITIONS} SPA transitions`);
    await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
    await ticketTimes(page, SPECIAL_TICKETS.standard, { settled: true });
    const frame = panelDoc(page);
    const framed = frame !== page.mainFrame();
    const frameOrigin = (await frame.evaluate('performance.timeOrigin')) as number;
    const heapBefore = await heapUsed(page);
    const frameHeapBefore = framed ? await heapUsed(page, frame) : null;
    let wrong = 0;
    for (let i = 0; i < TRANSITIONS; i++) {
      const next = page.locator('.cw-next-ticket');
      const href = (await next.getAttribute('href')) ?? '';
      const id = Number(/recid=(\d+)/.exec(href)?.[1]);
      await clearLogs(page);
      await next.click();
      await ticketTimes(page, id, { settled: true });
      const shown = await p.getByRole('heading', { level: 2 }).textContent();
      if (!shown?.includes(`#${id}`)) wrong++;
    }
    const heapAfter = await heapUsed(page);
    const frameHeapAfter = framed ? await heapUsed(page, frame) : null;
    const panels = await page.locator('flowpilot-panel').count();
    const frameRecreated = framed
      ? panelDoc(page) !== frame || (await frame.evaluate('performance.timeOrigin')) !== frameOrigin
      : false;

    step(`CW's in-place navigation with and without FlowPilot (${IN_PLACE} × 2 transitions each)`);
    await ext.close();
    closed = true;
    const inPlace = await inPlaceNavigation(sandbox, IN_PLACE);

    const navRoundTrips = navRuns.map((r) => r.roundTrips);
    const coldRoundTrips = coldNavRuns.map((r) => r.roundTrips);
    const frameGrowth =
      frameHeapBefore !== null && frameHeapAfter !== null ? frameHeapAfter - frameHeapBefore : null;
    const figures = {
      date: new Date().toISOString(),
      build: EXTENSION_DIR,
      latencyMs: LATENCY,
      contentScript: {
        bytes: size.pageBytes,
        gzipBytes: size.pageGzipBytes,
        targetGzipBytes: TARGETS.pageGzipBytes,
        ok: size.pageGzipBytes <= TARGETS.pageGzipBytes,
        panelFrameGzipBytes: size.frameGzipBytes,
        autotaskGzipBytes: size.autotaskGzipBytes,
      },
      bannerToTicketNumberMs: {
        median: round(median(bannerMs)),
        max: round(Math.max(...bannerMs)),
        runs: bannerMs.map((x) => round(x)),
        target: TARGETS.bannerMs,
        ok: Math.max(...bannerMs) <= TARGETS.bannerMs,
      },
      context: {
        runs: contextRuns,
        maxWaves: Math.max(...contextRuns.map((r) => r.waves)),
        targetWaves: TARGETS.waves,
        ok: contextRuns.every((r) => r.waves <= TARGETS.waves),
      },
      navigationToContext: {
        runs: navRuns,
        medianRoundTrips: round(median(navRoundTrips), 2),
        maxRoundTrips: Math.max(...navRoundTrips),
        medianFirstRequestMs: round(median(navRuns.map((r) => r.firstRequestMs ?? Number.NaN))),
        targetRoundTrips: TARGETS.navRoundTrips,
        ok: median(navRoundTrips) <= TARGETS.navRoundTrips,
      },
      /** The same tickets with nothing kept: CW's ticket must be read before its company and devices. */
      navigationToContextCold: {
        runs: coldNavRuns,
        medianRoundTrips: round(median(coldRoundTrips), 2),
        maxRoundTrips: Math.max(...coldRoundTrips),
        medianFirstRequestMs: round(median(coldNavRuns.map((r) => r.firstRequestMs ?? Number.NaN))),
        targetRoundTrips: TARGETS.navRoundTrips,
        ok: median(coldRoundTrips) <= TARGETS.navRoundTrips,
      },
      /** Nothing kept, and CW's page itself answered after the latency (as a real CW page is). */
      navigationToContextPageRoundTrip: {
        runs: pageRtRuns,
        medianRoundTrips: round(median(pageRtRuns.map((r) => r.roundTrips)), 2),
        maxRoundTrips: Math.max(...pageRtRuns.map((r) => r.roundTrips)),
        medianFirstRequestMs: round(median(pageRtRuns.map((r) => r.firstRequestMs ?? Number.NaN))),
      },
      /** A customer seen, the worker stopped before the navigation (it starts on the page's request). */
      navigationToContextWorkerStopped: {
        runs: stoppedRuns,
        medianRoundTrips: round(median(stoppedRuns.map((r) => r.roundTrips)), 2),
        maxRoundTrips: Math.max(...stoppedRuns.map((r) => r.roundTrips)),
        medianFirstRequestMs: round(median(stoppedRuns.map((r) => r.firstRequestMs ?? Number.NaN))),
      },
      inPlaceNavigation: inPlace,
      longTicket: {
        ticket: LONG_TICKET.id,
        navigationToContext: longNav,
        bannerToTicketNumberMs: round(longBanner.number - longBanner.banner),
        ok:
          longNav.roundTrips <= TARGETS.navRoundTrips &&
          longBanner.number - longBanner.banner <= TARGETS.bannerMs,
      },
      typing: {
        query: QUERY,
        keyDelayMs: 80,
        requests: typed,
        target: TARGETS.typingRequests,
        ok: typed <= 2,
      },
      similarTickets: {
        runs: similarRuns,
        maxRequests: Math.max(...similarRuns.map((r) => r.requests)),
        targetRequests: 6,
        ok: similarRuns.every((r) => !Number.isNaN(r.ms) && r.requests <= 6 && r.startedAfterFirstWave),
      },
      spa: {
        transitions: TRANSITIONS,
        heapBeforeBytes: heapBefore,
        heapAfterBytes: heapAfter,
        heapGrowthBytes: heapAfter - heapBefore,
        panelFrameHeapGrowthBytes: frameGrowth,
        panels,
        panelFrameRecreated: frameRecreated,
        wrongTicketShown: wrong,
        targetGrowthBytes: TARGETS.heapGrowthBytes,
        ok:
          panels === 1 &&
          wrong === 0 &&
          !frameRecreated &&
          heapAfter - heapBefore < TARGETS.heapGrowthBytes &&
          (frameGrowth ?? 0) < TARGETS.heapGrowthBytes,
      },
    };

    const kb = (b: number) => `${round(b / 1024)} KB`;
    const mb = (b: number) => `${round(b / 1024 / 1024, 2)} MB`;
    const rows: [string, string, string, boolean][] = [
      [
        "runs in CW's page (gzip)",
        `${kb(size.pageGzipBytes)} (${kb(size.pageBytes)} raw)${size.frameGzipBytes !== null ? `; panel frame ${kb(size.frameGzipBytes)}` : ''}${size.autotaskGzipBytes !== null ? `; Autotask's page script ${kb(size.autotaskGzipBytes)}` : ''}`,
        '≤ 32 KB',
        figures.contentScript.ok,
      ],
      [
        'banner → ticket number',
        `median ${figures.bannerToTicketNumberMs.median} ms, max ${figures.bannerToTicketNumberMs.max} ms`,
        '≤ 50 ms',
        figures.bannerToTicketNumberMs.ok,
      ],
      ...contextRuns.map((r): [string, string, string, boolean] => [
        `context #${r.ticket}`,
        `${r.ms} ms, ${r.waves} waves, ${r.requests} requests`,
        '≤ 2 waves',
        r.waves <= 2,
      ]),
      [
        'navigation → context, nothing kept',
        `median ${figures.navigationToContextCold.medianRoundTrips} RT, max ${figures.navigationToContextCold.maxRoundTrips} RT (first request +${figures.navigationToContextCold.medianFirstRequestMs} ms)`,
        '≤ 2.2 RT',
        figures.navigationToContextCold.ok,
      ],
      [
        "… nothing kept, CW's page a round trip too",
        `median ${figures.navigationToContextPageRoundTrip.medianRoundTrips} RT, max ${figures.navigationToContextPageRoundTrip.maxRoundTrips} RT (first request +${figures.navigationToContextPageRoundTrip.medianFirstRequestMs} ms)`,
        '(shown)',
        true,
      ],
      [
        'navigation → context, customer seen',
        `median ${figures.navigationToContext.medianRoundTrips} RT, max ${figures.navigationToContext.maxRoundTrips} RT (first request +${figures.navigationToContext.medianFirstRequestMs} ms)`,
        '≤ 2.2 RT',
        figures.navigationToContext.ok,
      ],
      [
        '… customer seen, the worker stopped before',
        `median ${figures.navigationToContextWorkerStopped.medianRoundTrips} RT, max ${figures.navigationToContextWorkerStopped.maxRoundTrips} RT (first request +${figures.navigationToContextWorkerStopped.medianFirstRequestMs} ms)`,
        '(shown)',
        true,
      ],
      [
        "CW's in-place navigation",
        `${inPlace.ratio}× (${inPlace.withMs} vs ${inPlace.withoutMs} ms, median of ${inPlace.transitionsPerBrowser})`,
        '≤ 1.05×',
        inPlace.ok,
      ],
      [
        `long ticket #${LONG_TICKET.id}`,
        `banner → number ${figures.longTicket.bannerToTicketNumberMs} ms, navigation → context ${longNav.roundTrips} RT customer seen (${longNav.coldRoundTrips} RT nothing kept; medians of 3)`,
        '≤ 50 ms, ≤ 2.2 RT',
        figures.longTicket.ok,
      ],
      ...similarRuns.map((r): [string, string, string, boolean] => [
        `similar tickets #${r.ticket}`,
        Number.isNaN(r.ms)
          ? 'section not shown'
          : `${r.requests} requests, ${r.rows} rows, ${r.ms} ms, ${r.startedAfterFirstWave ? 'after' : 'BEFORE'} wave 1`,
        '≤ 6 requests, after wave 1',
        !Number.isNaN(r.ms) && r.requests <= 6 && r.startedAfterFirstWave,
      ]),
      [`requests typing "${QUERY}"`, String(typed), '≤ 2', figures.typing.ok],
      [
        `${TRANSITIONS} SPA transitions`,
        `heap ${mb(heapAfter - heapBefore)}${frameGrowth !== null ? ` (+ frame ${mb(frameGrowth)})` : ''}, ${panels} panel(s), frame recreated: ${frameRecreated ? 'yes' : 'no'}, ${wrong} wrong`,
        '< 2 MB, 1 panel',
        figures.spa.ok,
      ],
    ];
    const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c]!.toString().length), 8));
    console.log(`\nFlowPilot panel bench (sandbox latency ${LATENCY} ms)\n`);
    console.log(`${'figure'.padEnd(w[0]!)}  ${'measured'.padEnd(w[1]!)}  ${'target'.padEnd(w[2]!)}  ok`);
    for (const r of rows)
      console.log(
        `${r[0].padEnd(w[0]!)}  ${r[1].padEnd(w[1]!)}  ${r[2].padEnd(w[2]!)}  ${r[3] ? 'yes' : 'NO'}`,
      );

    mkdirSync('bench-results', { recursive: true });
    writeFileSync('bench-results/bench.json', `${JSON.stringify(figures, null, 2)}\n`);
    console.log('\nWritten to bench-results/bench.json');
  } finally {
    if (!closed) await ext.close();
    await sandbox.close();
  }
}

await main();

// Posting figures (outbox issue): their own browser and sandbox runs, appended to the same JSON.
if (!args.includes('--panel-only')) {
  const posting = await benchPosting({ latencyMs: LATENCY });
  printRows(`FlowPilot posting bench (sandbox latency ${LATENCY} ms)`, postingRows(posting));
  const benchFile = 'bench-results/bench.json';
  const panelFigures = JSON.parse(readFileSync(benchFile, 'utf8')) as Record<string, unknown>;
  writeFileSync(benchFile, `${JSON.stringify({ ...panelFigures, posting }, null, 2)}\n`);
}
