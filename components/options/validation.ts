import { BgError } from '@/lib/messages/client';

// Form validation on the options page: every problem is shown next to its field, named by the field's
// label, never by the message schema's key ("companyId: …").

export type FieldErrors<K extends string> = Partial<Record<K, string>>;

export interface ConnectForm {
  displayName: string;
  site: string;
  companyId: string;
  publicKey: string;
  privateKey: string;
}

/** The Connection form's labels (exact: the page and the tests use them). */
export const CONNECT_LABELS: Record<keyof ConnectForm, string> = {
  displayName: 'Display Name',
  site: 'Site URL',
  companyId: 'Company ID',
  publicKey: 'Public Key',
  privateKey: 'Private Key',
};

/** Every empty required field of the Connection form at once (Display Name is optional). */
export function connectFormErrors(f: ConnectForm): FieldErrors<keyof ConnectForm> {
  const errors: FieldErrors<keyof ConnectForm> = {};
  if (!f.site.trim()) errors.site = 'Enter the Site URL, e.g. na.myconnectwise.net.';
  if (!f.companyId.trim())
    errors.companyId = 'Enter the Company ID you type on the ConnectWise login screen.';
  if (!f.publicKey.trim()) errors.publicKey = 'Enter the Public Key.';
  if (!f.privateKey.trim()) errors.privateKey = 'Enter the Private Key.';
  return errors;
}

/**
 * The background refused a payload ("companyId: Enter the company ID"): each issue goes to its field
 * with the field's label; issues for fields the form doesn't show stay in `rest`, without the key.
 */
export function issuesToFieldErrors<K extends string>(
  e: unknown,
  labels: Record<K, string>,
): { fields: FieldErrors<K>; rest: string[] } | undefined {
  if (!(e instanceof BgError) || e.info.kind !== 'invalidMessage' || !e.info.issues?.length) return undefined;
  const fields: FieldErrors<K> = {};
  const rest: string[] = [];
  for (const issue of e.info.issues) {
    const m = /^([\w.]+): (.*)$/.exec(issue);
    const key = m?.[1] as K | undefined;
    const text = m?.[2] ?? issue;
    if (key && key in labels) {
      fields[key] ??= `${labels[key]}: ${text}`;
    } else rest.push(text);
  }
  return { fields, rest };
}

/** The first field (in form order) that has an error. */
export function firstInvalid<K extends string>(order: readonly K[], errors: FieldErrors<K>): K | undefined {
  return order.find((k) => errors[k]);
}
