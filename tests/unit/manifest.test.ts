// @vitest-environment node
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { CLOUD_HOST_PATTERNS, LOOPBACK_PATTERNS } from '../../lib/cw/hosts';
import {
  CHROME_MIN_VERSION,
  E2E_POLICY_EXTENSION_ID,
  E2E_POLICY_KEY,
  GECKO_ID,
  GECKO_MIN_VERSION,
} from '../../lib/platform/build-variants';
import config from '../../wxt.config';

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: number; command: string }) => {
  host_permissions?: string[];
  permissions?: string[];
  web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
};
type Hook = (
  wxt: { config: { mode: string } },
  manifest: { content_scripts?: { matches?: string[] }[] },
) => void;

const manifestFor = (mode: string, browser = 'chrome') =>
  (config.manifest as ManifestFn)({ mode, browser, manifestVersion: 3, command: 'build' }) as Record<
    string,
    unknown
  > & {
    host_permissions?: string[];
    permissions?: string[];
    web_accessible_resources?: { resources: string[]; matches: string[]; use_dynamic_url?: boolean }[];
  };
const hook = (config.hooks as Record<string, unknown> | undefined)?.['build:manifestGenerated'] as Hook;

describe('manifest', () => {
  it('production never grants loopback; the e2e build does', () => {
    for (const p of LOOPBACK_PATTERNS) {
      expect(manifestFor('production').host_permissions).not.toContain(p);
      expect(manifestFor('e2e').host_permissions).toContain(p);
    }
  });

  it('loopback content-script matches are added to the e2e build only', () => {
    const prod = { content_scripts: [{ matches: ['https://*.myconnectwise.net/*'] }] };
    hook({ config: { mode: 'production' } }, prod);
    expect(prod.content_scripts[0]?.matches).toEqual(['https://*.myconnectwise.net/*']);
    const e2e = { content_scripts: [{ matches: ['https://*.myconnectwise.net/*'] }] };
    hook({ config: { mode: 'e2e' } }, e2e);
    expect(e2e.content_scripts[0]?.matches).toEqual(['https://*.myconnectwise.net/*', ...LOOPBACK_PATTERNS]);
  });

  it('asks only for what it uses; on-prem hosts and a local AI server are optional', () => {
    const m = manifestFor('production') as { permissions: string[]; optional_host_permissions?: string[] };
    expect(m.permissions.sort()).toEqual(['alarms', 'idle', 'scripting', 'storage', 'webRequest']);
    // Local AI (Ollama, LM Studio) in production builds (issue 14 §3): optional, asked for in the AI
    // settings' Save/Test click; ConnectWise itself never runs on loopback there (tests above).
    expect(m.optional_host_permissions).toEqual(['https://*/*', 'http://localhost/*', 'http://127.0.0.1/*']);
  });

  it('declares the oldest Chromium the tests run against', () => {
    const m = manifestFor('production') as { minimum_chrome_version?: string };
    expect(m.minimum_chrome_version).toBe(CHROME_MIN_VERSION);
    expect(Number(CHROME_MIN_VERSION)).toBeGreaterThanOrEqual(116); // AbortSignal.any in the CW client
    // A Chromium-only key: Firefox states its own minimum (strict_min_version).
    expect(
      (manifestFor('production', 'firefox') as { minimum_chrome_version?: string }).minimum_chrome_version,
    ).toBeUndefined();
  });

  it('Firefox: fixed add-on id, ESR 140 minimum, no Chrome-only keys', () => {
    for (const mode of ['production', 'e2e']) {
      const m = manifestFor(mode, 'firefox');
      expect(m.browser_specific_settings).toMatchObject({
        gecko: { id: GECKO_ID, strict_min_version: GECKO_MIN_VERSION },
      });
      expect(m.storage).toBeUndefined();
      expect(m.optional_permissions).toBeUndefined();
    }
    expect(GECKO_MIN_VERSION).toBe('140.0');
  });

  it('Chrome/Edge: managed-storage schema and the optional profile-email permission', () => {
    const m = manifestFor('production');
    expect(m.storage).toEqual({ managed_schema: 'managed_schema.json' });
    expect(m.optional_permissions).toEqual(['identity', 'identity.email']);
    expect(m.browser_specific_settings).toBeUndefined();
  });

  it('only the policy e2e build pins its id with a key; it is a loopback test build', () => {
    expect(manifestFor('production').key).toBeUndefined();
    expect(manifestFor('e2e').key).toBeUndefined();
    const m = manifestFor('e2e-policy');
    expect(m.key).toBe(E2E_POLICY_KEY);
    expect(m.host_permissions).toEqual(expect.arrayContaining(LOOPBACK_PATTERNS));
    // Chrome's id: the first 128 bits of SHA-256 of the DER public key, as letters a–p.
    const hex = createHash('sha256').update(Buffer.from(E2E_POLICY_KEY, 'base64')).digest('hex').slice(0, 32);
    const id = [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
    expect(id).toBe(E2E_POLICY_EXTENSION_ID);
  });

  it('only panel.html is web-accessible, to CW pages only, under a per-session URL in Chrome', () => {
    const war = manifestFor('production').web_accessible_resources ?? [];
    expect(war).toHaveLength(1);
    expect(war[0]?.resources).toEqual(['panel.html']);
    expect(war[0]?.use_dynamic_url).toBe(true);
    // Cloud CW and, as on-prem hosts are granted at run time, the optional-host pattern; no loopback.
    expect(war[0]?.matches).toEqual([...CLOUD_HOST_PATTERNS, 'https://*/*']);
    expect(manifestFor('e2e').web_accessible_resources?.[0]?.matches).toEqual([
      ...CLOUD_HOST_PATTERNS,
      'https://*/*',
      ...LOOPBACK_PATTERNS,
    ]);
    // Firefox has no use_dynamic_url (lib/platform/panel-frame.ts).
    expect(manifestFor('production', 'firefox').web_accessible_resources?.[0]).not.toHaveProperty(
      'use_dynamic_url',
    );
  });
});
