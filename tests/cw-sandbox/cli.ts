// `npm run sandbox [-- --port N --latency MS --members N --rate N]`: run the fake CW until Ctrl-C.
// `npm run sandbox -- --psa autotask` runs the fake Autotask instead (tests/autotask-sandbox/cli.ts).
import { parseArgs } from 'node:util';
import { SPECIAL_TICKETS, startSandbox } from './index.ts';
import { boardPagePath } from './ui/pages.ts';

const psa = parseArgs({ options: { psa: { type: 'string', default: 'cw' } }, strict: false }).values.psa;
if (psa === 'autotask') {
  await import('../autotask-sandbox/cli.ts');
} else if (psa !== 'cw' && psa !== 'connectwise') {
  console.error(`Unknown --psa '${String(psa)}': use cw (default) or autotask.`);
  process.exit(2);
} else {
  await runConnectWise();
}

async function runConnectWise() {
  const { values } = parseArgs({
    options: {
      psa: { type: 'string', default: 'cw' },
      port: { type: 'string', default: '8765' },
      host: { type: 'string', default: '127.0.0.1' },
      latency: { type: 'string', default: '0' },
      members: { type: 'string', default: '0' },
      rate: { type: 'string', default: '0' },
    },
  });

  const sandbox = await startSandbox({
    port: Number(values.port),
    host: values.host,
    members: Number(values.members),
  });
  sandbox.faults.latencyMs = Number(values.latency);
  sandbox.faults.rateLimitPerMinute = Number(values.rate);

  console.log(`FlowPilot CW sandbox running at ${sandbox.url}

  Site URL     ${sandbox.site}
  Company ID   ${sandbox.companyId}
  Public key   ${sandbox.keys.publicKey}
  Private key  ${sandbox.keys.privateKey}
  Client ID    ${sandbox.clientId}
  API base     ${sandbox.url}/v2026_4/apis/3.0
  Ticket page  ${sandbox.ticketPageUrl(SPECIAL_TICKETS.standard)}
  Board page   ${sandbox.url}${boardPagePath(1)}
  Index        ${sandbox.url}/
  Latency      ${sandbox.faults.latencyMs} ms per API request${sandbox.faults.rateLimitPerMinute ? `, rate limit ${sandbox.faults.rateLimitPerMinute}/min` : ''}

Control: POST/DELETE ${sandbox.url}/__sandbox/faults, POST /__sandbox/reset, GET /__sandbox/requests
Press Ctrl-C to stop.`);

  const stop = async () => {
    await sandbox.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}
