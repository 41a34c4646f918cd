import { signal } from '@preact/signals';
import { askFromOptions } from '@/lib/messages/client';
import type { PolicyViewData } from '@/lib/messages/options-to-bg-policy';

/** What the organization's policy manages on this browser (refreshed on the `policy/changed` broadcast). */
export const policy = signal<PolicyViewData | undefined>(undefined);

export async function refreshPolicy(): Promise<void> {
  policy.value = await askFromOptions('policy/get', {}).catch(() => policy.value);
}

/** Is this setting (policy key, e.g. `noteVisibility`) locked by policy? */
export const isLocked = (key: string) => policy.value?.settings[key]?.locked === true;

/** Is this connection field (`site`, `companyId`, …) set by policy? */
export const isConnectionManaged = (key: string) => policy.value?.connectionKeys.includes(key) === true;
