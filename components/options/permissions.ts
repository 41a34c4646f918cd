import { browser } from 'wxt/browser';
import { originPattern } from '@/lib/cw/hosts';
import { normalizeSite } from '@/lib/cw/site';

/**
 * The host permission an on-prem site needs, or undefined: cloud hosts are in the manifest, loopback
 * (the sandbox) only exists in the e2e build, and a site that does not parse is reported by Connect.
 */
export function hostPermissionFor(siteInput: string): string | undefined {
  const r = normalizeSite(siteInput);
  if (!r.ok || r.site.cloud || r.site.loopback) return undefined;
  return originPattern(r.site.scheme, r.site.hostname);
}

export type PermissionOutcome = { needed: false } | { needed: true; pattern: string; granted: boolean };

/**
 * Must be the FIRST await inside a click handler: Chrome only shows the prompt while the click's user
 * activation is still live, and any earlier await (a message to the worker) can use it up.
 */
export function requestHostPermission(siteInput: string): Promise<PermissionOutcome> | PermissionOutcome {
  const pattern = hostPermissionFor(siteInput);
  if (!pattern) return { needed: false };
  return browser.permissions
    .request({ origins: [pattern] })
    .then((granted) => ({ needed: true as const, pattern, granted }))
    .catch(() => ({ needed: true as const, pattern, granted: false }));
}

export function permissionDenied(pattern: string): string {
  return `FlowPilot needs access to ${pattern.replace(/\/\*$/, '')} to talk to your ConnectWise server. Press Connect again and choose Allow.`;
}

/**
 * Several host permissions in ONE request (one prompt, one user activation): e.g. the CW site and the
 * AI endpoint of a team import. Same rule as above: the first await of the click.
 */
export function requestOrigins(patterns: (string | undefined)[]): Promise<boolean> | true {
  const origins = [...new Set(patterns.filter((p): p is string => !!p))];
  if (!origins.length) return true;
  return browser.permissions.request({ origins }).catch(() => false);
}
