import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import puppeteer, { type Browser, type Page } from 'puppeteer-core';
import { GECKO_ID } from '../../../lib/platform/build-variants';

// Real Firefox (Debian's firefox-esr) driven by puppeteer-core over WebDriver BiDi: no geckodriver.

export const FIREFOX_EXTENSION_DIR = path.resolve(
  import.meta.dirname,
  '../../..',
  process.env.FP_OUT_DIR ?? '.output',
  'firefox-mv3-e2e',
);

export function firefoxPath(): string {
  const p = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
  if (!existsSync(p))
    throw new Error(
      `Firefox not found at ${p}. Install the Debian "firefox-esr" package or set FIREFOX_PATH.`,
    );
  return p;
}

/** A fixed moz-extension:// UUID for the test profile, so pages can be addressed before any is open. */
export const FIREFOX_EXTENSION_UUID = '3c1a6e2e-6f0a-4c51-9b8e-6f2b3a1d0e42';

/**
 * Test-profile prefs. Firefox MV3 host permissions are the user's to grant or revoke; since Firefox 127
 * the ones in the manifest are granted at install while `extensions.originControls.grantByDefault` is
 * true (the default, set here so a changed default cannot silently break the test). The UUID pref pins
 * the extension's origin; the others keep an offline machine quiet.
 */
export const FIREFOX_PREFS: Record<string, unknown> = {
  'extensions.originControls.grantByDefault': true,
  'extensions.webextensions.uuids': JSON.stringify({ [GECKO_ID]: FIREFOX_EXTENSION_UUID }),
  'app.update.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'extensions.getAddons.cache.enabled': false,
  'network.captive-portal-service.enabled': false,
};

export interface FirefoxWithExtension {
  browser: Browser;
  origin: string;
  close(): Promise<void>;
}

/** Launches headless firefox-esr and installs the e2e build as a temporary add-on (like about:debugging). */
export async function launchFirefoxWithExtension(): Promise<FirefoxWithExtension> {
  if (!existsSync(path.join(FIREFOX_EXTENSION_DIR, 'manifest.json')))
    throw new Error(`No Firefox e2e build at ${FIREFOX_EXTENSION_DIR}. Run "npm run build:e2e:firefox".`);
  const profile = mkdtempSync(path.join(tmpdir(), 'flowpilot-firefox-'));
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: firefoxPath(),
    headless: true,
    userDataDir: profile,
    extraPrefsFirefox: FIREFOX_PREFS,
  });
  try {
    const id = await browser.installExtension(FIREFOX_EXTENSION_DIR);
    if (id !== GECKO_ID) throw new Error(`Installed add-on id ${id}, expected ${GECKO_ID}`);
  } catch (e) {
    await browser.close();
    throw e;
  }
  return {
    browser,
    origin: `moz-extension://${FIREFOX_EXTENSION_UUID}/`,
    async close() {
      await browser.close().catch(() => undefined);
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/**
 * The tab whose document is at `prefix` (e.g. the options page the panel opened). Firefox's BiDi does
 * not report navigations inside moz-extension:// pages to puppeteer (page.url() stays about:blank),
 * so each tab is asked for its own location.
 */
export async function waitForTab(browser: Browser, prefix: string, timeout = 15_000): Promise<Page> {
  const end = Date.now() + timeout;
  for (;;) {
    for (const p of await browser.pages()) {
      const href = await p.evaluate(() => location.href).catch(() => '');
      if (href.startsWith(prefix)) return p;
    }
    if (Date.now() > end) throw new Error(`No tab opened at ${prefix}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

/**
 * Polls `check` in the page until it returns true. (page.waitForFunction compiles its predicate with
 * Function() inside the page, which an extension page's CSP blocks.)
 */
export async function waitInPage(page: Page, what: string, check: () => boolean, timeout = 15_000) {
  const end = Date.now() + timeout;
  while (!(await page.evaluate(check).catch(() => false))) {
    if (Date.now() > end) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 150));
  }
}
