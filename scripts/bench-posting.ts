// Posting performance figures (issue 6), for `npm run bench` (scripts/bench.ts calls benchPosting()):
// - note click-to-confirmed: 'posting/post' for a note, from an extension page to the reply that says
//   "sent", with the sandbox adding `latencyMs` to every API call (target ≤ one round trip + 50 ms);
// - drain of N queued posts against the sandbox's per-minute throttle: lost / duplicated writes and
//   the achieved share of what the throttle allows (ideal time = (ceil(N / rate) − 1) minutes + the
//   last batch), with the outbox honouring Retry-After (in-process Outbox + fake-indexeddb, real HTTP);
// - Post History first render with 10 000 posts: navigation start → the table's first rows, in Chromium.
// Run alone: `npx tsx scripts/bench-posting.ts [--no-build] [--latency 150] [--posts 500] [--rate 300]`.
import 'fake-indexeddb/auto';
import { execSync } from 'node:child_process';
import { pathToFileURL } from 'node:url';
import { CwClient } from '../lib/cw/client';
import { FlowPilotDb } from '../lib/db/schema';
import { Outbox } from '../lib/posting/outbox';
import { buildPlan } from '../lib/posting/plan';
import { refTag } from '../lib/posting/reference';
import { DEFAULT_SETTINGS } from '../lib/settings/schema';
import { startSandbox } from '../tests/cw-sandbox/index';
import { launchWithExtension } from '../tests/e2e/browser';
import { connectExtensionToSandbox } from '../tests/e2e/connect';

export interface PostingBenchOptions {
  latencyMs?: number;
  posts?: number;
  ratePerMinute?: number;
  historyRows?: number;
  runs?: number;
}

export interface PostingBenchResult {
  noteClickToConfirmedMs: number;
  noteTargetMs: number;
  drainPosts: number;
  drainRatePerMinute: number;
  drainSeconds: number;
  drainLost: number;
  drainDuplicated: number;
  drainShareOfAllowedRate: number;
  historyRows: number;
  /** Navigation start → first rows (includes loading the options page itself). */
  historyFirstRenderMs: number;
  /** The tab mounted → first rows: the indexed page query plus render. */
  historyQueryRenderMs: number;
}

const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? (s[(s.length - 1) >> 1]! + s[s.length >> 1]!) / 2 : Number.NaN;
};
const round = (n: number, d = 1) => Math.round(n * 10 ** d) / 10 ** d;

async function drainBench(posts: number, rate: number) {
  const sandbox = await startSandbox({ port: 0 });
  try {
    sandbox.faults.rateLimitPerMinute = rate;
    const database = new FlowPilotDb(`bench-drain-${Date.now()}`);
    const client = new CwClient({
      apiBase: `${sandbox.url}/v2026_4/apis/3.0`,
      companyId: sandbox.companyId,
      publicKey: sandbox.keys.publicKey,
      privateKey: sandbox.keys.privateKey,
      clientId: sandbox.clientId,
    });
    let wake = Number.POSITIVE_INFINITY;
    const outbox = new Outbox({
      db: () => database,
      client: async () => client,
      concurrency: 4,
      schedule: (at) => {
        wake = Math.min(wake, at);
      },
    });
    const tickets = Array.from({ length: 50 }, (_, i) => 1010 + i);
    for (let i = 0; i < posts; i++) {
      const plan = buildPlan({
        ticket: { kind: 'service', id: tickets[i % tickets.length]! },
        settings: DEFAULT_SETTINGS,
        noteKind: 'internalAnalysis',
        text: `Bench note ${i}`,
        timeEntry: false,
      });
      await outbox.enqueue(plan);
    }
    const t0 = Date.now();
    for (;;) {
      wake = Number.POSITIVE_INFINITY;
      await outbox.drain();
      const open = await database.outbox.where('state').anyOf(['pending', 'sending']).count();
      if (open === 0) break;
      await new Promise((r) => setTimeout(r, Math.max(20, Math.min(wake, Date.now() + 5_000) - Date.now())));
    }
    const seconds = (Date.now() - t0) / 1000;
    const items = await database.outbox.toArray();
    let lost = 0;
    let duplicated = 0;
    for (const it of items) {
      const n = sandbox.state.notes.filter((x) => x.text.includes(refTag(it.ref))).length;
      if (n === 0) lost++;
      if (n > 1) duplicated += n - 1;
    }
    const idealSeconds = (Math.ceil(posts / rate) - 1) * 60;
    const share = idealSeconds > 0 ? idealSeconds / seconds : Math.min(1, posts / rate / (seconds / 60));
    return { seconds, lost, duplicated, share };
  } finally {
    await sandbox.close();
  }
}

async function browserBench(latencyMs: number, rows: number, runs: number) {
  const sandbox = await startSandbox({ port: 0 });
  const ext = await launchWithExtension({ headless: true });
  try {
    await connectExtensionToSandbox(ext, sandbox);
    sandbox.faults.latencyMs = latencyMs;
    const page = await ext.context.newPage();
    await page.goto(`chrome-extension://${ext.extensionId}/options.html#connection`);
    const times: number[] = [];
    for (let i = 0; i < runs + 1; i++) {
      const ms = await page.evaluate(async (text) => {
        const chrome = (
          globalThis as unknown as {
            chrome: {
              runtime: { sendMessage(m: unknown): Promise<{ ok: boolean; data: { outcome: string } }> };
            };
          }
        ).chrome;
        const t = performance.now();
        const r = await chrome.runtime.sendMessage({
          dir: 'panelToBg',
          type: 'posting/post',
          payload: { ticketKey: 'service:1001', noteKind: 'internalAnalysis', text, timeEntry: false },
        });
        if (!r.ok || r.data.outcome !== 'sent') throw new Error(JSON.stringify(r));
        return performance.now() - t;
      }, `Bench latency note ${i}`);
      if (i > 0) times.push(ms); // the first warms the worker and IndexedDB
    }
    sandbox.faults.latencyMs = 0;

    // 10 000 posts written straight into the extension's IndexedDB from its own page (bench only).
    await page.evaluate(async (n) => {
      const open = indexedDB.open('flowpilot');
      const idb: IDBDatabase = await new Promise((res, rej) => {
        open.onsuccess = () => res(open.result);
        open.onerror = () => rej(open.error);
      });
      const tx = idb.transaction('posts', 'readwrite');
      const store = tx.objectStore('posts');
      const states = ['sent', 'sent', 'sent', 'failed', 'pending'];
      for (let i = 0; i < n; i++) {
        const state = states[i % states.length];
        store.put({
          id: `bench-${i}`,
          ticketKey: `service:${1000 + (i % 300)}`,
          ticketId: 1000 + (i % 300),
          summary: 'Internal Analysis note · 30 min time (actual 22) · status → Resolved',
          state,
          createdAt: Date.now() - (n - i) * 60_000,
          updatedAt: Date.now() - (n - i) * 60_000,
          data: {
            technicianName: 'John Smith',
            items: [
              {
                outboxId: `o${i}`,
                kind: 'note',
                label: 'Internal Analysis note',
                ref: 'abcdefg',
                state,
                attempts: 1,
              },
            ],
          },
        });
      }
      await new Promise((res, rej) => {
        tx.oncomplete = res;
        tx.onerror = () => rej(tx.error);
      });
      idb.close();
    }, rows);
    const history = await ext.context.newPage();
    await history.addInitScript(() => {
      const w = globalThis as unknown as { __fpRendered?: number; __fpMounted?: number };
      new MutationObserver((_m, obs) => {
        if (!w.__fpMounted && document.getElementById('fp-history-title')) w.__fpMounted = performance.now();
        if (document.querySelector('table[aria-label="Posts"] tbody tr')) {
          w.__fpRendered = performance.now();
          obs.disconnect();
        }
      }).observe(document, { childList: true, subtree: true });
    });
    await history.goto(`chrome-extension://${ext.extensionId}/options.html#history`);
    await history.getByRole('table', { name: 'Posts' }).waitFor();
    const marks = await history.evaluate(() => {
      const w = globalThis as unknown as { __fpRendered: number; __fpMounted?: number };
      return { rendered: w.__fpRendered, mounted: w.__fpMounted ?? 0 };
    });
    return { click: median(times), firstRender: marks.rendered, fromMount: marks.rendered - marks.mounted };
  } finally {
    await ext.close();
    await sandbox.close();
  }
}

export async function benchPosting(opts: PostingBenchOptions = {}): Promise<PostingBenchResult> {
  const latencyMs = opts.latencyMs ?? 150;
  const posts = opts.posts ?? 500;
  const rate = opts.ratePerMinute ?? 300;
  const rows = opts.historyRows ?? 10_000;
  const b = await browserBench(latencyMs, rows, opts.runs ?? 10);
  const d = await drainBench(posts, rate);
  return {
    noteClickToConfirmedMs: round(b.click),
    noteTargetMs: latencyMs + 50,
    drainPosts: posts,
    drainRatePerMinute: rate,
    drainSeconds: round(d.seconds),
    drainLost: d.lost,
    drainDuplicated: d.duplicated,
    drainShareOfAllowedRate: round(d.share * 100),
    historyRows: rows,
    historyFirstRenderMs: round(b.firstRender),
    historyQueryRenderMs: round(b.fromMount),
  };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const args = process.argv.slice(2);
  const value = (name: string, fallback: number) => {
    const i = args.indexOf(name);
    return i >= 0 ? Number(args[i + 1]) : fallback;
  };
  if (!args.includes('--no-build'))
    execSync('npx wxt build --mode e2e', { stdio: 'inherit', env: process.env });
  const r = await benchPosting({
    latencyMs: value('--latency', 150),
    posts: value('--posts', 500),
    ratePerMinute: value('--rate', 300),
  });
  console.table(r);
  console.log(JSON.stringify(r));
}
