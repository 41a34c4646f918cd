// `npm run soak`: the fault soak (issue 9 §4). Hundreds of posts go through the real extension (e2e
// build, timings shortened) in real Chromium against the CW sandbox, by the message the panel's Update
// dialog sends, while the sandbox injects faults chosen by a seeded PRNG (tests/soak/plan.ts) on notes,
// time entries, status changes and reference lookups; the worker is stopped mid-send (CDP) and the
// browser is closed and reopened once. When the outbox has drained, the sandbox's records are counted
// per reference (tests/soak/tally.ts): the run fails unless nothing is lost and nothing duplicated.
//
//   npm run soak [-- --seed N] [--posts 220] [--fault-share 0.45] [--no-build] [--drain-minutes 15]
//
// Prints the seed first; `--seed N` replays the same plan (which posts, tickets and faults; the timing
// of a real browser still varies). Figures go to stdout and bench-results/soak.json.
import { execSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { CDPSession } from '@playwright/test';
import type { PostView } from '../../lib/posting/history';
import type { PostContext, PostResult } from '../../lib/posting/service';
import { type Sandbox, SPECIAL_TICKETS, startSandbox } from '../cw-sandbox/index';
import { type ExtensionBrowser, launchWithExtension } from '../e2e/browser';
import { askBg, connectExtensionToSandbox } from '../e2e/connect';
import { signInAsJsmith } from '../e2e/posting-helpers';
import { FAULT_KINDS, FAULT_NAMES, faultRule, planSoak, type SoakPost, type SoakTicket } from './plan';
import { type SoakFigures, type Submitted, tally, traceRef } from './tally';

/** The soak build's outbox timings: seconds instead of minutes, same rules. */
export const SOAK_TIMINGS = {
  requestTimeoutMs: 3_000,
  unknownOutcomeWaitMs: 8_000,
  backoff: { baseMs: 300, maxMs: 3_000 },
  duplicateCheckTries: 4,
};

const args = process.argv.slice(2);
const opt = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};
const num = (name: string, fallback: number) => {
  const v = opt(name);
  if (v === undefined) return fallback;
  const n = Number(v);
  if (!Number.isFinite(n)) throw new Error(`${name} needs a number, got "${v}"`);
  return n;
};
const SEED = num('--seed', Math.floor(Math.random() * 2 ** 31));
const POSTS = num('--posts', 220);
const FAULT_SHARE = num('--fault-share', 0.45);
const DRAIN_MINUTES = num('--drain-minutes', 15);

const root = path.resolve(import.meta.dirname, '../..');
/** Its own build folder: the soak build's timings must not leak into the e2e tests' build. */
const OUT_DIR = '.output-soak';
const EXTENSION = path.join(root, OUT_DIR, 'chrome-mv3-e2e');
const log = (s: string) => console.log(`[soak ${new Date().toISOString().slice(11, 19)}] ${s}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Tickets the posts are spread over: service tickets that take time, project tickets, a project issue. */
function ticketPool(sandbox: Sandbox): SoakTicket[] {
  const st = sandbox.state;
  const takesTime = (statusId: number) => !st.statuses.find((s) => s.id === statusId)?.timeEntryNotAllowed;
  const service = st.tickets
    .filter((t) => !t.closedFlag && takesTime(t.status.id))
    .filter((_, i) => i % 3 === 0)
    .map((t) => ({ kind: 'service' as const, id: t.id }));
  const project = st.projectTickets
    .filter((t) => !t.closedFlag && takesTime(t.status.id))
    .map((t) => ({ kind: 'project' as const, id: t.id }));
  if (!project.some((t) => t.id === SPECIAL_TICKETS.projectIssue))
    throw new Error('The seed lost its project issue.');
  return [...service, ...project];
}

async function extPage(ext: ExtensionBrowser) {
  const origin = `chrome-extension://${ext.extensionId}/`;
  let page = ext.context.pages().find((p) => p.url().startsWith(origin));
  if (!page) {
    page = await ext.context.newPage();
    await page.goto(`${origin}options.html`);
  }
  return page;
}

async function listPosts(ext: ExtensionBrowser): Promise<PostView[]> {
  const out: PostView[] = [];
  for (let offset = 0; ; offset += 500) {
    const r = await askBg<{ items: PostView[]; hasMore: boolean }>(ext, 'optionsToBg', 'posting/list', {
      offset,
      limit: 500,
    });
    out.push(...r.items);
    if (!r.hasMore) return out;
  }
}

/** Retries a message a few times: a worker that was just stopped may drop the first one. */
async function ask<T>(fn: () => Promise<T>, tries = 3): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (i >= tries) throw e;
      await sleep(500 * i);
    }
  }
}

function printFigures(
  f: SoakFigures,
  t: { postingS: number; drainS: number; settleS: number; totalS: number },
) {
  const rows: [string, string | number][] = [
    ['seed', SEED],
    ['posts', `${f.posts} (${f.postsSent} sent)`],
    [
      'writes',
      `${f.writes.notes} notes, ${f.writes.timeEntries} time entries, ${f.writes.statusChanges} status changes`,
    ],
    ['lost', f.lost.length],
    ['duplicated', f.duplicated.length],
    ...FAULT_KINDS.map((k): [string, string] => [
      `fault: ${FAULT_NAMES[k]}`,
      `${f.faultsFired[k]} (planned ${f.faultsPlanned[k]})`,
    ]),
    ['browser closed and reopened', 1],
    [
      'commit-then-reset POSTs resent by Chromium itself',
      `${f.chromiumResends.resent} of ${f.chromiumResends.resets}`,
    ],
    ['retries (writes FlowPilot sent again)', f.resends],
    ['reference lookups', f.lookups],
    [
      'duplicates removed (DELETE 204)',
      `${f.duplicatesRemoved} (Post History says ${f.duplicatesRemovedReported})`,
    ],
    ['API requests', f.apiRequests],
    ['contract violations', f.contractViolations],
    ['posting time', `${t.postingS} s`],
    ['time to drain after the last post', `${t.drainS} s (reference checks settled: ${t.settleS} s)`],
    ['total', `${t.totalS} s`],
  ];
  const w = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) console.log(`  ${k.padEnd(w)}  ${v}`);
  for (const p of [
    ...f.lost.map((x) => ['LOST', x] as const),
    ...f.duplicated.map((x) => ['DUPLICATED', x] as const),
  ])
    console.log(
      `  ${p[0]}: post ${p[1].post} ${p[1].ticket} ${p[1].what}${p[1].ref ? ` ref ${p[1].ref}` : ''}: ${p[1].detail}`,
    );
}

async function main(): Promise<number> {
  log(`seed ${SEED} (replay: npm run soak -- --seed ${SEED}), ${POSTS} posts`);
  if (!args.includes('--no-build')) {
    execSync('npx wxt build --mode e2e', {
      cwd: root,
      stdio: 'inherit',
      env: { ...process.env, FP_OUT_DIR: OUT_DIR, WXT_FP_OUTBOX_TIMINGS: JSON.stringify(SOAK_TIMINGS) },
    });
  }

  const sandbox = await startSandbox({ port: 0 });
  let ext = await launchWithExtension({ extensionDir: EXTENSION });
  let cdp: CDPSession | undefined;
  try {
    await connectExtensionToSandbox(ext, sandbox);
    await signInAsJsmith(ext);
    const plan = planSoak(SEED, ticketPool(sandbox), {
      posts: POSTS,
      faultShare: FAULT_SHARE,
      timings: SOAK_TIMINGS,
    });
    const contexts = new Map<string, PostContext>();
    const submitted: Submitted[] = [];
    let workerStops = 0;
    const t0 = Date.now();

    for (const post of plan.posts) {
      const key = `${post.ticket.kind}:${post.ticket.id}`;
      // What the Update dialog loads when it opens: statuses, whether the ticket is a project issue.
      let ctx = contexts.get(key);
      if (!ctx) {
        const current = ext;
        ctx = await ask(() =>
          askBg<PostContext>(current, 'panelToBg', 'posting/prepare', { ticketKey: key }),
        );
        contexts.set(key, ctx);
      }
      const allowed = ctx.statuses.filter((s) => !s.closed && !s.timeEntryNotAllowed);
      const status =
        post.statusPick !== undefined && allowed.length
          ? allowed[Math.floor(post.statusPick * allowed.length)]
          : undefined;
      const rule = faultRule(post, SOAK_TIMINGS);
      if (rule) sandbox.faults.add(rule);
      const s: Submitted = { post, ...(status ? { statusId: status.id } : {}) };
      try {
        const current = ext;
        const r = await askBg<PostResult>(current, 'panelToBg', 'posting/post', request(post, ctx, status));
        s.postId = r.post.id;
      } catch (e) {
        s.error = (e as Error).message;
        log(`post ${post.index} failed at the message: ${s.error}`);
      }
      submitted.push(s);

      if (post.fault?.kind === 'workerStop') {
        if (await stopWorkerMidSend(sandbox, post, async () => (cdp ??= await openCdp(ext)))) workerStops++;
      }
      if (post.index === plan.restartAfter) {
        log(`closing the browser after post ${post.index}, with the outbox busy`);
        await ext.close({ keepProfile: true });
        cdp = undefined;
        ext = await launchWithExtension({ userDataDir: ext.userDataDir, extensionDir: EXTENSION });
        log('browser reopened with the same profile');
      }
      if ((post.index + 1) % 25 === 0) log(`${post.index + 1} posts submitted`);
    }
    const tPosted = Date.now();
    log(`all ${plan.posts.length} posts submitted; waiting for the outbox to drain`);

    // Drained: every post has settled (sent, or failed and waiting for a person), and CW is not
    // still working on a request. Polling posts keeps the worker alive, as an open panel would.
    const ours = new Set(submitted.flatMap((s) => (s.postId ? [s.postId] : [])));
    const deadline = tPosted + DRAIN_MINUTES * 60_000;
    let history: PostView[] = [];
    let lastReport = 0;
    const inFlight = () => sandbox.requests.some((r) => r.apiPath && r.status === 0 && !r.reset);
    for (;;) {
      const current = ext;
      history = await ask(() => listPosts(current));
      const open = history.filter((p) => ours.has(p.id) && p.state !== 'sent' && p.state !== 'failed');
      if ((open.length === 0 && !inFlight()) || Date.now() > deadline) break;
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`${open.length} posts still on their way`);
      }
      await sleep(1_000);
    }
    const tDrained = Date.now();

    // The reference checks run after the writes: wait until CW has had no DELETE for a while and
    // every ref is on its ticket exactly once (or give up after 2 minutes and count what is there).
    const settleBy = tDrained + 120_000;
    let figures: SoakFigures;
    for (;;) {
      const current = ext;
      history = await ask(() => listPosts(current));
      figures = tally({
        submitted,
        history,
        state: sandbox.state,
        requests: sandbox.requests,
        contractViolations: sandbox.contractViolations,
      });
      const lastDelete = sandbox.requests.findLast((r) => r.method === 'DELETE');
      const quiet = !lastDelete || Date.now() - Date.parse(lastDelete.at) > 5_000;
      const clean = figures.lost.length === 0 && figures.duplicated.length === 0;
      if ((quiet && clean && !inFlight()) || Date.now() > settleBy) break;
      if (Date.now() - lastReport > 15_000) {
        lastReport = Date.now();
        log(`${figures.lost.length + figures.duplicated.length} refs not (yet) on their ticket exactly once`);
      }
      await sleep(1_000);
    }
    const tSettled = Date.now();
    if (workerStops < figures.faultsPlanned.workerStop)
      log(
        `${figures.faultsPlanned.workerStop - workerStops} worker stop(s) came too late and ran as timeouts`,
      );
    figures.faultsFired.workerStop = workerStops;

    const seconds = (ms: number) => Math.round(ms / 100) / 10;
    const times = {
      postingS: seconds(tPosted - t0),
      drainS: seconds(tDrained - tPosted),
      settleS: seconds(tSettled - tPosted),
      totalS: seconds(tSettled - t0),
    };
    console.log('');
    printFigures(figures, times);
    mkdirSync(path.join(root, 'bench-results'), { recursive: true });
    writeFileSync(
      path.join(root, 'bench-results/soak.json'),
      `${JSON.stringify({ seed: SEED, timings: SOAK_TIMINGS, ...figures, ...times }, null, 2)}\n`,
    );
    const ok =
      figures.lost.length === 0 &&
      figures.duplicated.length === 0 &&
      figures.postsSent === figures.posts &&
      figures.contractViolations === 0;
    console.log('');
    log(
      ok
        ? `PASS: ${figures.posts} posts, 0 lost, 0 duplicated`
        : `FAIL: ${figures.lost.length} lost, ${figures.duplicated.length} duplicated, ${figures.posts - figures.postsSent} posts not sent, ${figures.contractViolations} contract violations (seed ${SEED})`,
    );
    if (figures.contractViolations)
      for (const v of sandbox.contractViolations) console.log(`  contract: ${v}`);
    if (!ok) await writeProblems(ext, sandbox, figures);
    return ok ? 0 : 1;
  } finally {
    await ext.close().catch(() => undefined);
    await sandbox.close().catch(() => undefined);
  }
}

/**
 * What to look at when something went wrong: per problem ref, the requests that carried it, the
 * records CW holds with it, and the outbox's own record of the item (read from its IndexedDB).
 */
async function writeProblems(ext: ExtensionBrowser, sandbox: Sandbox, f: SoakFigures) {
  const page = await extPage(ext);
  const out = [];
  for (const p of [...f.lost, ...f.duplicated]) {
    if (!p.ref) {
      // A status change has no ref: every PATCH of the ticket, in order of arrival.
      const [kind, id] = p.ticket.split(':');
      const patches = sandbox.requests
        .filter((r) => r.method === 'PATCH' && r.apiPath === `/${kind}/tickets/${id}`)
        .map((r) => ({
          at: r.at,
          status: r.status,
          sets: (r.body as { value?: { id?: number } }[] | undefined)?.[0]?.value?.id,
          ...(r.faultLabel ? { fault: r.faultLabel } : {}),
        }));
      out.push({ ...p, patches });
      continue;
    }
    const ref = p.ref;
    const records = [...sandbox.state.notes, ...sandbox.state.projectNotes, ...sandbox.state.timeEntries]
      .filter((r) => ('text' in r ? r.text : (r.notes ?? '')).includes(ref))
      .map((r) => r.id);
    const outbox = await page.evaluate(async (ref) => {
      const open = indexedDB.open('flowpilot');
      const idb: IDBDatabase = await new Promise((res, rej) => {
        open.onsuccess = () => res(open.result);
        open.onerror = () => rej(open.error);
      });
      const all: { ref: string }[] = await new Promise((res, rej) => {
        const q = idb.transaction('outbox').objectStore('outbox').getAll();
        q.onsuccess = () => res(q.result);
        q.onerror = () => rej(q.error);
      });
      idb.close();
      return all.find((r) => r.ref === ref);
    }, ref);
    const activity = await askBg<{ items: { at?: number; detail?: string; outcome: string }[] }>(
      ext,
      'optionsToBg',
      'activity/list',
      { offset: 0, limit: 500 },
    ).then((a) => a.items.filter((i) => i.detail?.includes(ref)));
    out.push({ ...p, records, requests: traceRef(sandbox.requests, ref), outbox, activity });
  }
  // The whole request log too (bodies left out), for the timeline around each problem.
  writeFileSync(
    path.join(root, 'bench-results/soak-requests.json'),
    `${JSON.stringify(
      sandbox.requests.map(({ body: _b, headers: _h, ...r }) => r),
      null,
      1,
    )}\n`,
  );
  const file = path.join(root, 'bench-results/soak-problems.json');
  writeFileSync(file, `${JSON.stringify(out, null, 2)}\n`);
  log(`details of each problem: ${path.relative(root, file)}`);
}

/** The message the Update dialog sends for this post (lib/messages/posting.ts PostRequestSchema). */
function request(post: SoakPost, ctx: PostContext, status: { id: number; name: string } | undefined) {
  return {
    ticketKey: `${post.ticket.kind}:${post.ticket.id}`,
    noteKind: post.noteKind,
    text: post.text,
    timeEntry: post.minutes !== undefined,
    ...(post.minutes !== undefined ? { minutes: post.minutes } : {}),
    ...(status ? { status: { id: status.id, name: status.name } } : {}),
    projectIssue: ctx.projectIssue,
    waitMs: post.waitMs,
  };
}

async function openCdp(ext: ExtensionBrowser): Promise<CDPSession> {
  const cdp = await ext.context.newCDPSession(await extPage(ext));
  await cdp.send('ServiceWorker.enable');
  return cdp;
}

/**
 * Waits for the post's faulted request to reach CW (it is held past the client's timeout), then
 * stops the extension's service worker while CW still holds it. True when the stop came in time.
 */
async function stopWorkerMidSend(
  sandbox: Sandbox,
  post: SoakPost,
  cdp: () => Promise<CDPSession>,
): Promise<boolean> {
  const label = post.fault?.label;
  const until = Date.now() + 60_000;
  while (Date.now() < until) {
    const r = sandbox.requests.find((q) => q.faultLabel === label);
    if (r) {
      if (r.status !== 0) return false;
      await (await cdp()).send('ServiceWorker.stopAllWorkers');
      log(`worker stopped while CW held ${r.method} ${r.apiPath} (post ${post.index})`);
      return true;
    }
    await sleep(50);
  }
  return false;
}

process.exitCode = await main().catch((e) => {
  console.error(e);
  return 2;
});
