// The CW sandbox on a worker thread, for `npm run bench`. A sandbox in the bench's own thread answers
// late whenever the Playwright driver there is busy (a navigation brings it dozens of protocol events),
// and that delay landed in FlowPilot's figures (measured: requests reached it 15–30 ms after the
// worker's fetch). CW is another machine; its own thread is the closest the bench gets.
// The parent keeps a copy of the recorded requests (posted as they arrive) and sets latency and faults
// by message; everything else the bench needs is fixed at start.
import { Worker } from 'node:worker_threads';
import type { FaultRule, RecordedRequest, Sandbox } from './index.ts';
import { projectTicketPagePath, ticketPagePaths } from './ui/pages.ts';

export type SandboxThread = Pick<Sandbox, 'url' | 'site' | 'companyId' | 'keys' | 'clientId'> & {
  requests: RecordedRequest[];
  ticketPageUrl(id: number): string;
  faults: { latencyMs: number; pageLatencyMs: number; add(rule: FaultRule): void };
  close(): Promise<void>;
};

export async function startSandboxThread(): Promise<SandboxThread> {
  // The sandbox is TypeScript: the thread registers tsx's loader before importing it.
  const entry = new URL('./thread-worker.ts', import.meta.url).href;
  const worker = new Worker(
    `import('tsx/esm/api').then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
  const requests: RecordedRequest[] = [];
  let latencyMs = 0;
  let pageLatencyMs = 0;
  const ready = await new Promise<Pick<Sandbox, 'url' | 'site' | 'companyId' | 'keys' | 'clientId'>>(
    (resolve, reject) => {
      worker.once('error', reject);
      worker.on('message', (m: { type: string; recs?: RecordedRequest[] } & Record<string, unknown>) => {
        if (m.type === 'requests' && m.recs) requests.push(...m.recs);
        if (m.type === 'ready') resolve(m as never);
      });
    },
  );
  return {
    ...ready,
    requests,
    ticketPageUrl: (id) => ready.url + (id >= 5000 ? projectTicketPagePath(id) : ticketPagePaths(id).routeTo),
    faults: {
      get latencyMs() {
        return latencyMs;
      },
      set latencyMs(ms: number) {
        latencyMs = ms;
        worker.postMessage({ type: 'latency', latencyMs: ms });
      },
      get pageLatencyMs() {
        return pageLatencyMs;
      },
      set pageLatencyMs(ms: number) {
        pageLatencyMs = ms;
        worker.postMessage({ type: 'pageLatency', latencyMs: ms });
      },
      add: (rule) => worker.postMessage({ type: 'fault', rule }),
    },
    close: async () => {
      const closed = new Promise<void>((r) =>
        worker.on('message', (m: { type: string }) => m.type === 'closed' && r()),
      );
      worker.postMessage({ type: 'close' });
      await closed;
      await worker.terminate();
    },
  };
}
