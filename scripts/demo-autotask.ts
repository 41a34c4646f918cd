import {
  SANDBOX_NOTE_CHOICES,
  SPECIAL_TICKETS,
  startAutotaskSandbox,
} from '../tests/autotask-sandbox/index.ts';
import { launchWithExtension } from '../tests/e2e/browser';
import { askBg } from '../tests/e2e/connect';
import { endDemo } from './demo-end';

export async function runAutotaskDemo(o: { headless: boolean; screenshot?: string; port: number }) {
  const sandbox = await startAutotaskSandbox({ port: o.port });
  console.log(`Autotask sandbox: ${sandbox.url}  (API user ${sandbox.credentials.userName})`);
  const ext = await launchWithExtension({ headless: o.headless });
  await askBg(ext, 'optionsToBg', 'connection/connect', {
    psa: 'autotask',
    displayName: 'Autotask Sandbox',
    ...sandbox.credentials,
    zoneLookupUrl: sandbox.zoneLookupUrl,
  });
  const { technicians } = await askBg<{ technicians: { id: string; email: string }[] }>(
    ext,
    'optionsToBg',
    'technicians/add',
    { name: 'Jane Smith', email: 'jane.smith@flowpilotdemo.example' },
  );
  await askBg(ext, 'optionsToBg', 'mapping/autoMatch', {});
  await askBg(ext, 'optionsToBg', 'mapping/signedIn', { technicianId: technicians[0]?.id ?? null });
  await askBg(ext, 'optionsToBg', 'settings/autotaskNotesSave', SANDBOX_NOTE_CHOICES);
  console.log('Connected, Jane Smith mapped and signed in, note settings chosen.');

  const page = await ext.context.newPage();
  await page.goto(sandbox.ticketPageUrls(SPECIAL_TICKETS.standard).plain);
  await endDemo({ page, ext, sandbox, headless: o.headless, screenshot: o.screenshot });
}
