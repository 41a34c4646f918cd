// `npm run demo`: build the e2e extension, start the CW sandbox, and open Chromium with the extension
// loaded and already connected to the sandbox, on a ticket page. Headed when a display exists;
// otherwise (or with --headless) it takes a screenshot: `npm run demo -- --headless --screenshot shot.png`.
// `npm run demo -- --psa autotask` does the same with the Autotask sandbox (scripts/demo-autotask.ts).
import { execSync } from 'node:child_process';
import { startSandbox } from '../tests/cw-sandbox/index';
import { SPECIAL_TICKETS } from '../tests/cw-sandbox/seed-constants';
import { launchWithExtension } from '../tests/e2e/browser';
import { connectExtensionToSandbox } from '../tests/e2e/connect';
import { endDemo } from './demo-end';

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const screenshot = value('--screenshot');
const headless = flag('--headless') || Boolean(screenshot) || !process.env.DISPLAY;
const psa = value('--psa') ?? 'connectwise';
if (psa !== 'connectwise' && psa !== 'autotask') {
  console.error(`--psa takes connectwise or autotask, not "${psa}".`);
  process.exit(2);
}

if (!flag('--no-build')) execSync('npm run build:e2e', { stdio: 'inherit' });

if (psa === 'autotask') {
  const { runAutotaskDemo } = await import('./demo-autotask');
  await runAutotaskDemo({ headless, screenshot, port: Number(value('--port') ?? 0) });
} else {
  const sandbox = await startSandbox({ port: Number(value('--port') ?? 0) });
  console.log(`CW sandbox: ${sandbox.url}  (site ${sandbox.site}, company ${sandbox.companyId})`);
  const ext = await launchWithExtension({ headless });
  await connectExtensionToSandbox(ext, sandbox);

  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrl(SPECIAL_TICKETS.standard));
  await endDemo({ page, ext, sandbox, headless, screenshot });
}
