// `npm run sandbox -- --psa autotask [--port N --latency MS]`: run the fake Autotask until Ctrl-C.
import { parseArgs } from 'node:util';
import { SPECIAL_TICKETS, startAutotaskSandbox } from './index.ts';

const { values } = parseArgs({
  options: {
    psa: { type: 'string', default: 'autotask' },
    port: { type: 'string', default: '8767' },
    host: { type: 'string', default: '127.0.0.1' },
    latency: { type: 'string', default: '0' },
  },
});

const sandbox = await startAutotaskSandbox({ port: Number(values.port), host: values.host });
sandbox.faults.latencyMs = Number(values.latency);
const pages = sandbox.ticketPageUrls(SPECIAL_TICKETS.standard);

console.log(`FlowPilot Autotask sandbox running at ${sandbox.url}

  API user name        ${sandbox.credentials.userName}
  Secret               ${sandbox.credentials.secret}
  Tracking identifier  ${sandbox.credentials.integrationCode}   (sent as ApiIntegrationCode)
  Zone lookup          ${sandbox.zoneLookupUrl}?user=<user name>
  Zone REST url        ${sandbox.zone.url}   (append V1.0/)
  Web UI               ${sandbox.zone.webUrl}
  Ticket page          ${pages.plain}
  Shell (iframe)       ${pages.shell}
  All URL forms        ${sandbox.url}/
  Limits               3 threads per endpoint, 10000 requests/hour; latency ${sandbox.faults.latencyMs} ms per request

Control: POST/DELETE ${sandbox.url}/__sandbox/faults ({rules, latencyMs, limits, requestCount}),
         POST /__sandbox/reset, GET /__sandbox/requests
Press Ctrl-C to stop.`);

const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
