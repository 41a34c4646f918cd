// Pure helpers for the Connection tab's Autotask half (issue 15): the hourly usage line, the host
// permission the Connect click asks for, and the form's checks.

import { AUTOTASK_HOST_PATTERN } from '@/lib/autotask/hosts';
import type { ApiUsageView } from '@/lib/messages/options-to-bg';

export const AUTOTASK_HOSTS = AUTOTASK_HOST_PATTERN;

/**
 * The permission an Autotask Connect asks for: Autotask's cloud hosts, except when a test build points
 * the zone lookup at the loopback sandbox (loopback is in those builds' manifest already).
 */
export function autotaskPermissionFor(zoneLookupUrl: string | undefined): string | undefined {
  if (!zoneLookupUrl) return AUTOTASK_HOSTS;
  const host = URL.canParse(zoneLookupUrl) ? new URL(zoneLookupUrl).hostname : '';
  return host === '127.0.0.1' || host === 'localhost' ? undefined : AUTOTASK_HOSTS;
}

/** "1,234 of 10,000 requests this hour" (the limit is per database, shared by every integration). */
export function usageText(u: Pick<ApiUsageView, 'used' | 'limit' | 'timeframeMinutes'>): string {
  const n = (x: number) => x.toLocaleString('en-US');
  const span = u.timeframeMinutes === 60 ? 'this hour' : `in ${n(u.timeframeMinutes)} minutes`;
  return `${n(u.used)} of ${n(u.limit)} requests ${span}`;
}

/** Near Autotask's limit it adds latency (from 50 %) and then refuses calls: say so early. */
export function usageLevel(u: Pick<ApiUsageView, 'used' | 'limit'>): 'ok' | 'warn' | 'error' {
  if (u.limit <= 0) return 'ok';
  const r = u.used / u.limit;
  return r >= 0.9 ? 'error' : r >= 0.5 ? 'warn' : 'ok';
}

export interface AutotaskForm {
  displayName: string;
  userName: string;
  secret: string;
  integrationCode: string;
  /** Test builds only (the sandbox's zone lookup). */
  zoneLookupUrl: string;
}

export const AUTOTASK_LABELS: Record<keyof AutotaskForm, string> = {
  displayName: 'Display name',
  userName: 'API user name',
  secret: 'Secret',
  integrationCode: 'Tracking identifier',
  zoneLookupUrl: 'Zone lookup URL (test build)',
};

/** Fields left empty, with what to enter (the background checks again and says more). */
export function autotaskFormErrors(f: AutotaskForm): Partial<Record<keyof AutotaskForm, string>> {
  const e: Partial<Record<keyof AutotaskForm, string>> = {};
  if (!f.userName.trim()) e.userName = 'Enter the API user name.';
  if (!f.secret.trim()) e.secret = 'Enter the secret.';
  if (!f.integrationCode.trim()) e.integrationCode = 'Enter the tracking identifier.';
  return e;
}
