import { browser } from 'wxt/browser';

// Host permissions are the user's to grant and revoke: Firefox MV3 treats every manifest host
// permission that way (granted at install since Firefox 127, revocable in about:addons), and Chrome
// and Edge let users restrict site access too. Without them the panel cannot run on CW pages and the
// worker cannot reach the CW API, so the options page checks and asks (inside a click).

export function requiredHostPatterns(): string[] {
  return (browser.runtime.getManifest().host_permissions ?? []) as string[];
}

export async function missingHostAccess(): Promise<string[]> {
  const wanted = requiredHostPatterns();
  const granted = await Promise.all(
    wanted.map((o) => browser.permissions.contains({ origins: [o] }).catch(() => false)),
  );
  return wanted.filter((_, i) => !granted[i]);
}

/** Must be the first await of a click handler (the prompt needs the user gesture). */
export function requestHostAccess(patterns: string[]): Promise<boolean> {
  return browser.permissions.request({ origins: patterns }).catch(() => false);
}
