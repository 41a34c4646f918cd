// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { LOOPBACK_PATTERNS } from '../../lib/cw/hosts';
import config from '../../wxt.config';

type ManifestFn = (env: { mode: string; browser: string; manifestVersion: number; command: string }) => {
  host_permissions?: string[];
  permissions?: string[];
};
type Hook = (
  wxt: { config: { mode: string } },
  manifest: { content_scripts?: { matches?: string[] }[] },
) => void;

const manifestFor = (mode: string) =>
  (config.manifest as ManifestFn)({ mode, browser: 'chrome', manifestVersion: 3, command: 'build' });
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

  it('asks only for what it uses; on-prem hosts are optional', () => {
    const m = manifestFor('production') as { permissions: string[]; optional_host_permissions?: string[] };
    expect(m.permissions.sort()).toEqual(['alarms', 'idle', 'scripting', 'storage']);
    expect(m.optional_host_permissions).toEqual(['https://*/*']);
  });
});
