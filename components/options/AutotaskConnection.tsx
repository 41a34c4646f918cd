import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { describedBy, Field } from '@/components/ui/Field';
import { StatusDot } from '@/components/ui/StatusDot';
import { askFromOptions } from '@/lib/messages/client';
import type { AutotaskPublicConnection } from '@/lib/messages/options-to-bg';
import { isE2eMode } from '@/lib/platform/build-variants';
import { errorText } from './api';
import {
  AUTOTASK_LABELS,
  type AutotaskForm,
  autotaskFormErrors,
  autotaskPermissionFor,
  usageLevel,
  usageText,
} from './autotask-connection';
import { type Banner, FormBanners } from './FormBanners';
import { permissionDenied, requestOrigins } from './permissions';
import { connection, formatTime } from './store';
import { type FieldErrors, firstInvalid, issuesToFieldErrors } from './validation';

// The Connection tab's Autotask half (issue 15): the status of a saved Autotask connection and the
// Connect form. The secret and the tracking identifier go to the background once and never come back
// (only their last 4 characters).

/** Test and demo builds point the zone lookup at the loopback sandbox; production has no such field. */
const TEST_BUILD = isE2eMode(import.meta.env.MODE);

const IDS: Record<keyof AutotaskForm, string> = {
  userName: 'at-user-name',
  secret: 'at-secret',
  integrationCode: 'at-integration-code',
  displayName: 'at-display-name',
  zoneLookupUrl: 'at-zone-lookup',
};
const ORDER = Object.keys(IDS) as (keyof AutotaskForm)[];

/** The status rows of a saved Autotask connection (inside the tab's Status card). */
export function AutotaskStatus({ conn }: { conn: AutotaskPublicConnection }) {
  const warn = conn.missingPermissions.length > 0 || conn.warnings.length > 0;
  return (
    <>
      <p class="fp-status">
        <StatusDot state={warn ? 'warn' : 'ok'} /> <strong>Connected</strong>
      </p>
      <dl class="fp-kv" aria-label="Connection details">
        <dt>PSA</dt>
        <dd>Autotask</dd>
        <dt>Display name</dt>
        <dd>{conn.displayName}</dd>
        <dt>Server</dt>
        <dd>{conn.serverLabel}</dd>
        <dt>Web address</dt>
        <dd>{conn.webUrl || '—'}</dd>
        <dt>API user</dt>
        <dd>{conn.userName}</dd>
        <dt>Secret</dt>
        <dd>•••• {conn.secretLast4}</dd>
        <dt>Tracking identifier</dt>
        <dd>•••• {conn.integrationCodeLast4}</dd>
        <dt>Hourly API usage</dt>
        <dd class={conn.apiUsage && usageLevel(conn.apiUsage) !== 'ok' ? 'fp-flag' : undefined}>
          {conn.apiUsage
            ? `${usageText(conn.apiUsage)}${conn.apiUsage.measuredAt ? ` (read ${formatTime(conn.apiUsage.measuredAt)})` : ''}; the limit is shared by every integration of this Autotask database`
            : 'Not read yet: press Test Connection'}
        </dd>
        <dt>Last tested</dt>
        <dd>{formatTime(conn.lastTestedAt)}</dd>
        {conn.missingPermissions.length > 0 && (
          <>
            <dt>Missing permissions</dt>
            <dd class="fp-flag">{conn.missingPermissions.join(', ')}</dd>
          </>
        )}
        {conn.warnings.length > 0 && (
          <>
            <dt>Warnings</dt>
            <dd class="fp-flag">{conn.warnings.join(' ')}</dd>
          </>
        )}
      </dl>
    </>
  );
}

/** Test Connection's outcome on Autotask, in one sentence (or two). */
export function autotaskTestText(r: {
  serverVersion: string;
  missingPermissions: string[];
  warnings?: string[];
  apiUsage?: { used: number; limit: number; timeframeMinutes: number };
}): { kind: 'error' | 'success'; text: string } {
  const usage = r.apiUsage ? ` Hourly API usage: ${usageText(r.apiUsage)}.` : '';
  const warnings = r.warnings?.length ? ` ${r.warnings.join(' ')}` : '';
  if (r.missingPermissions.length)
    return {
      kind: 'error',
      text: `Connection works (${r.serverVersion}), but the API user's security level cannot read: ${r.missingPermissions.join(', ')}.${warnings}${usage}`,
    };
  return { kind: 'success', text: `Connection test passed. ${r.serverVersion}.${warnings}${usage}` };
}

export function AutotaskConnectForm({ stillWorks }: { stillWorks: string }) {
  const any = connection.value;
  const current = any?.psa === 'autotask' ? any : undefined;
  const [form, setForm] = useState<AutotaskForm>({
    displayName: current?.displayName ?? '',
    userName: current?.userName ?? '',
    secret: '',
    integrationCode: '',
    zoneLookupUrl: '',
  });
  const [errors, setErrors] = useState<FieldErrors<keyof AutotaskForm>>({});
  const [busy, setBusy] = useState(false);
  const [showSecret, setShowSecret] = useState(false);
  const [banner, setBanner] = useState<Banner>();
  const bannerRef = useRef<HTMLParagraphElement>(null);
  useEffect(() => {
    if (banner?.kind === 'error') bannerRef.current?.focus();
  }, [banner]);

  const set = (k: keyof AutotaskForm) => (e: Event) => {
    const next = { ...form, [k]: (e.currentTarget as HTMLInputElement).value };
    setForm(next);
    if (errors[k] && !autotaskFormErrors(next)[k]) {
      const { [k]: _fixed, ...rest } = errors;
      setErrors(rest);
    }
  };
  const focus = (k: keyof AutotaskForm) => document.getElementById(IDS[k])?.focus();

  const onConnect = async (e: Event) => {
    e.preventDefault();
    const invalid = autotaskFormErrors(form);
    setErrors(invalid);
    const first = firstInvalid(ORDER, invalid);
    if (first) {
      setBanner(undefined);
      focus(first);
      return;
    }
    const lookup = TEST_BUILD && form.zoneLookupUrl.trim() ? form.zoneLookupUrl.trim() : undefined;
    // The permission prompt must be the click's first await (it needs the user gesture).
    const pattern = autotaskPermissionFor(lookup);
    if (pattern) {
      const granted = await requestOrigins([pattern]);
      if (!granted) {
        setBanner({
          kind: 'error',
          text: permissionDenied(pattern).replace('ConnectWise server', 'Autotask') + stillWorks,
        });
        return;
      }
    }
    setBusy(true);
    setBanner({ kind: 'info', text: 'Finding your Autotask zone and testing the API user…' });
    try {
      const c = await askFromOptions('connection/connect', {
        psa: 'autotask',
        displayName: form.displayName,
        userName: form.userName,
        secret: form.secret,
        integrationCode: form.integrationCode,
        ...(lookup ? { zoneLookupUrl: lookup } : {}),
      });
      connection.value = c;
      setForm((f) => ({ ...f, secret: '', integrationCode: '' }));
      setShowSecret(false);
      setBanner({
        kind: 'success',
        text: `Connected to ${c.displayName} (${c.psa === 'autotask' ? c.serverLabel : c.serverVersion}).`,
      });
    } catch (err) {
      const mapped = issuesToFieldErrors(err, AUTOTASK_LABELS);
      const firstMapped = mapped && firstInvalid(ORDER, mapped.fields);
      if (mapped && firstMapped) {
        setErrors(mapped.fields);
        setBanner(mapped.rest.length ? { kind: 'error', text: mapped.rest.join(' ') } : undefined);
        focus(firstMapped);
      } else setBanner({ kind: 'error', text: errorText(err) + stillWorks });
    } finally {
      setBusy(false);
    }
  };

  const text = (
    k: 'userName' | 'integrationCode' | 'displayName' | 'zoneLookupUrl',
    help: string,
    required = true,
  ) => (
    <Field id={IDS[k]} label={AUTOTASK_LABELS[k]} help={help} error={errors[k]}>
      <input
        id={IDS[k]}
        type="text"
        required={required}
        value={form[k]}
        onInput={set(k)}
        aria-describedby={describedBy(IDS[k], errors[k])}
        aria-invalid={errors[k] ? true : undefined}
        autocomplete="off"
        spellcheck={false}
      />
    </Field>
  );

  return (
    <form class="fp-card" onSubmit={onConnect} aria-labelledby="at-form-title" novalidate>
      <h2 id="at-form-title">{current ? 'Change the Autotask connection' : 'Connect to Autotask'}</h2>
      {text(
        'userName',
        'In Autotask: Admin → Resources/Users → the API-only user (security level "API User (system)"). Its user name usually looks like an email address.',
      )}
      <Field
        id={IDS.secret}
        label={AUTOTASK_LABELS.secret}
        error={errors.secret}
        help='The API user’s secret (on the same user: "Generate Secret"). It stays in this browser’s FlowPilot storage and is never shown again.'
      >
        <div class="fp-row">
          <input
            id={IDS.secret}
            type={showSecret ? 'text' : 'password'}
            required
            value={form.secret}
            onInput={set('secret')}
            aria-describedby={describedBy(IDS.secret, errors.secret)}
            aria-invalid={errors.secret ? true : undefined}
            autocomplete="new-password"
            spellcheck={false}
            placeholder={
              current
                ? `saved secret ends in ${current.secretLast4}; enter it again to change the connection`
                : ''
            }
            style={{ flex: 1 }}
          />
          <Button variant="link" aria-pressed={showSecret} onClick={() => setShowSecret(!showSecret)}>
            Show secret
          </Button>
        </div>
      </Field>
      {text(
        'integrationCode',
        'The "Tracking Identifier" of the API user’s integration (API Tracking Identifier on the API user: the vendor’s, or "Custom (Internal Integration)" with its generated code).',
      )}
      {text('displayName', 'Any name that tells this connection apart, e.g. “Acme Autotask”.', false)}
      {TEST_BUILD &&
        text(
          'zoneLookupUrl',
          'Test and demo builds only: the Autotask sandbox’s zoneInformation address. Leave empty for Autotask’s own.',
          false,
        )}
      <div class="fp-actions">
        <Button type="submit" variant="primary" busy={busy} disabled={busy}>
          Connect
        </Button>
      </div>
      <FormBanners fieldErrors={Object.keys(errors).length} banner={banner} bannerRef={bannerRef} />
      <p class="fp-help">
        Connect finds your Autotask zone from the user name, reads a ticket, resources and the ticket
        statuses, and saves only when everything passes. The browser asks once for access to autotask.net.
      </p>
    </form>
  );
}
