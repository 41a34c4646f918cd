// `npm run demo`: build the e2e extension, start the CW sandbox, and open Chromium with the extension
// loaded and already connected to the sandbox, on a ticket page. Headed when a display exists;
// otherwise (or with --headless) it takes a screenshot: `npm run demo -- --headless --screenshot shot.png`.
// `npm run demo -- --psa autotask` does the same with the Autotask sandbox (scripts/demo-autotask.ts).
import { execSync } from 'node:child_process';
import path from 'node:path';
import { startSandbox } from '../tests/cw-sandbox/index';
import { SPECIAL_TICKETS } from '../tests/cw-sandbox/seed-constants';
import { launchWithExtension } from '../tests/e2e/browser';
import { connectExtensionToSandbox } from '../tests/e2e/connect';

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
  // The panel lives in its own frame (panel.html) inside the dock.
  await page
    .frameLocator('flowpilot-panel iframe')
    .getByRole('complementary', { name: 'FlowPilot' })
    .waitFor();

  if (headless) {
    const file = path.resolve(screenshot ?? 'shot.png');
    await page.waitForTimeout(1500); // let the panel fill in the ticket context
    await page.screenshot({ path: file });
    console.log(`Screenshot written to ${file}`);
    await ext.close();
    await sandbox.close();
  } else {
    console.log('Chromium is open with FlowPilot loaded. Close the browser window or press Ctrl-C to stop.');
    ext.context.on('close', () => void sandbox.close().then(() => process.exit(0)));
  }
}
