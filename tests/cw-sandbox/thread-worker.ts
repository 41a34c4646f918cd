// The CW sandbox on its own thread (see thread.ts): started here, and every recorded API request is
// posted to the parent as it arrives. Control messages: latency (API, pages), fault rules, close.
import { parentPort, workerData } from 'node:worker_threads';
import { type FaultRule, startSandbox } from './index.ts';

const port = parentPort;
if (!port) throw new Error('thread-worker.ts runs only as a worker thread.');
const sandbox = await startSandbox({ port: 0, ...(workerData ?? {}) });
const push = sandbox.requests.push.bind(sandbox.requests);
sandbox.requests.push = (...recs) => {
  port.postMessage({ type: 'requests', recs });
  return push(...recs);
};
port.on('message', async (m: { type: string; latencyMs?: number; rule?: FaultRule }) => {
  if (m.type === 'latency') sandbox.faults.latencyMs = m.latencyMs ?? 0;
  if (m.type === 'pageLatency') sandbox.faults.pageLatencyMs = m.latencyMs ?? 0;
  if (m.type === 'fault' && m.rule) sandbox.faults.add(m.rule);
  if (m.type === 'close') {
    await sandbox.close();
    port.postMessage({ type: 'closed' });
  }
});
port.postMessage({
  type: 'ready',
  url: sandbox.url,
  site: sandbox.site,
  companyId: sandbox.companyId,
  keys: sandbox.keys,
  clientId: sandbox.clientId,
});
