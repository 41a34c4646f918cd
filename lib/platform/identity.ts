import { type Browser, browser } from 'wxt/browser';

// The browser profile's email, to pick the technician from a managed roster. Chrome (and Edge) expose it
// through identity.getProfileUserInfo once the optional `identity` + `identity.email` permissions are
// granted; Firefox has no such call, so there the technician makes a one-time choice instead.

// 'identity.email' is Chrome's; the polyfill's permission type does not list it.
export const PROFILE_EMAIL_PERMISSIONS = {
  permissions: ['identity', 'identity.email'],
} as unknown as Browser.permissions.Permissions;

type GetProfileUserInfo = (details?: { accountStatus?: 'SYNC' | 'ANY' }) => Promise<{ email?: string }>;

/** Whether this browser build can ask for the profile email at all (declared as optional permission). */
export function canAskForProfileEmail(): boolean {
  const optional = (browser.runtime.getManifest().optional_permissions ?? []) as string[];
  return optional.includes('identity.email');
}

export async function hasProfileEmailPermission(): Promise<boolean> {
  if (!canAskForProfileEmail()) return false;
  return browser.permissions.contains(PROFILE_EMAIL_PERMISSIONS).catch(() => false);
}

/** The signed-in profile's email, or undefined (not granted, not signed in, or not supported here). */
export async function profileEmail(): Promise<string | undefined> {
  if (!(await hasProfileEmailPermission())) return undefined;
  const identity = (browser as unknown as { identity?: { getProfileUserInfo?: GetProfileUserInfo } })
    .identity;
  if (!identity?.getProfileUserInfo) return undefined;
  try {
    const info = await identity.getProfileUserInfo({ accountStatus: 'ANY' });
    return info?.email?.trim() || undefined;
  } catch {
    return undefined;
  }
}
