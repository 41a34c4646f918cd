import type { ComponentChildren } from 'preact';
import { useEffect, useRef, useState } from 'preact/hooks';
import { Button } from '@/components/ui/Button';
import { ConfirmDialog } from '@/components/ui/Dialog';
import { describedBy, Field } from '@/components/ui/Field';
import { SetByOrg } from '@/components/ui/SetByOrg';
import { StatusDot } from '@/components/ui/StatusDot';
import { showToast } from '@/components/ui/Toast';
import { askFromOptions } from '@/lib/messages/client';
import type { PublicConnection } from '@/lib/messages/options-to-bg';
import type { PsaKind } from '@/lib/psa/types';
import { AutotaskConnectForm, AutotaskStatus, autotaskTestText } from './AutotaskConnection';
import { errorText } from './api';
import { type Banner, FormBanners } from './FormBanners';
import { HeldPosts, useUnsent } from './HeldPosts';
import { permissionDenied, requestHostPermission } from './permissions';
import { PolicyTemplate } from './policy/PolicyTemplate';
import { isConnectionManaged, policy } from './policy/state';
import { connection, formatTime, refreshConnection } from './store';
import { TeamSetup } from './TeamSetup';
import {
  CONNECT_LABELS,
  connectFormErrors,
  type FieldErrors,
  type ConnectForm as Form,
  firstInvalid,
  issuesToFieldErrors,
} from './validation';

/** Input ids in form order (the first invalid one gets focus). */
const INPUT_IDS: Record<keyof Form, string> = {
  displayName: 'cw-display-name',
  site: 'cw-site',
  companyId: 'cw-company',
  publicKey: 'cw-public-key',
  privateKey: 'cw-private-key',
};
const ORDER = Object.keys(INPUT_IDS) as (keyof Form)[];

const EMPTY: Form = { displayName: '', site: '', companyId: '', publicKey: '', privateKey: '' };

function formFrom(c: PublicConnection | null | undefined): Form {
  if (!c) return EMPTY;
  return {
    displayName: c.displayName,
    site: c.site,
    companyId: c.companyId,
    publicKey: c.publicKey,
    privateKey: '',
  };
}

export function hostAccessText(c: PublicConnection): string {
  if (c.cloud) return 'ConnectWise cloud host: built in, no extra permission needed';
  return c.grantedOrigin ? `Granted for ${c.grantedOrigin}` : 'Not granted';
}

const PSA_NAMES: Record<PsaKind, string> = { connectwise: 'ConnectWise', autotask: 'Autotask' };

export function ConnectionTab() {
  const any = connection.value;
  const connectedPsa: PsaKind | undefined = any
    ? any.psa === 'autotask'
      ? 'autotask'
      : 'connectwise'
    : undefined;
  const atConn = any?.psa === 'autotask' ? any : undefined;
  /** The ConnectWise connection (undefined while loading, null when none or when Autotask is connected). */
  const conn = any === undefined ? undefined : any && any.psa !== 'autotask' ? any : null;
  // The policy carries the whole connection: nothing to type here, and it cannot be removed.
  const managedConnection = policy.value?.fullConnection === true;
  // Policies describe ConnectWise connections only: while one sets any connection field, Autotask is
  // not offered (the background refuses it too).
  const policyConnection = managedConnection || Object.keys(policy.value?.connectionValues ?? {}).length > 0;
  /** Which PSA's form shows: the connected one, ConnectWise when none. */
  const [psa, setPsa] = useState<PsaKind>(connectedPsa ?? 'connectwise');
  const [askSwitch, setAskSwitch] = useState<PsaKind | undefined>();
  useEffect(() => {
    if (connectedPsa) setPsa(connectedPsa);
  }, [connectedPsa]);
  const choosePsa = (next: PsaKind) => {
    if (next === psa) return;
    // Switching away from a working connection asks first (the switch happens only at Connect).
    if (connectedPsa && connectedPsa !== next) setAskSwitch(next);
    else setPsa(next);
  };
  const [form, setForm] = useState<Form>(() => formFrom(conn));
  const [showKey, setShowKey] = useState(false);
  const [busy, setBusy] = useState<'connect' | 'test' | 'disconnect' | undefined>();
  const [banner, setBanner] = useState<Banner>();
  /** Connect's own outcome, shown under its button where the eye is (Test/Disconnect use `banner`). */
  const [connectBanner, setConnectBanner] = useState<Banner>();
  const [errors, setErrors] = useState<FieldErrors<keyof Form>>({});
  const [confirmDisconnect, setConfirmDisconnect] = useState(false);
  const connectBannerRef = useRef<HTMLParagraphElement>(null);
  // A failed Connect moves focus to its message, so keyboard and screen-reader users land on it.
  useEffect(() => {
    if (connectBanner?.kind === 'error') connectBannerRef.current?.focus();
  }, [connectBanner]);
  const [discardUnsent, setDiscardUnsent] = useState(false);
  const [unsent] = useUnsent([confirmDisconnect]);
  const mine = unsent.find((g) => g.current);

  // Fill the form once the saved connection arrives (or changes elsewhere); the private key stays empty.
  // Fields the organization's policy sets show the policy's values (read-only).
  // Only those fields change when the policy does: what the user is typing elsewhere stays.
  const fromPolicy = policy.value?.connectionValues;
  useEffect(
    () => setForm({ ...formFrom(conn), ...policy.peek()?.connectionValues }),
    [conn?.site, conn?.companyId, conn?.publicKey, conn?.displayName],
  );
  useEffect(() => {
    if (fromPolicy && Object.keys(fromPolicy).length) setForm((f) => ({ ...f, ...fromPolicy }));
  }, [JSON.stringify(fromPolicy)]);

  const set = (k: keyof Form) => (e: Event) => {
    const next = { ...form, [k]: (e.currentTarget as HTMLInputElement).value };
    setForm(next);
    // A field's error goes away as soon as it is fixed (others stay until they are).
    if (errors[k] && !connectFormErrors(next)[k]) {
      const { [k]: _fixed, ...rest } = errors;
      setErrors(rest);
    }
  };
  /** One of the connection's text fields: label, help, error and the policy's read-only mark. */
  const textField = (
    k: Exclude<keyof Form, 'privateKey'>,
    label: string,
    help: ComponentChildren,
    { required = true }: { required?: boolean } = {},
  ) => {
    const id = INPUT_IDS[k];
    // The display name is free text; the others are codes and host names (no autocomplete/spelling).
    const code = k !== 'displayName';
    return (
      <Field id={id} managed={isConnectionManaged(k)} error={errors[k]} label={label} help={help}>
        <input
          id={id}
          readOnly={isConnectionManaged(k)}
          type="text"
          required={required}
          value={form[k]}
          onInput={set(k)}
          aria-describedby={describedBy(id, errors[k])}
          aria-invalid={errors[k] ? true : undefined}
          autocomplete={code ? 'off' : undefined}
          spellcheck={code ? false : undefined}
        />
      </Field>
    );
  };
  const focusField = (k: keyof Form) => document.getElementById(INPUT_IDS[k])?.focus();
  /** A failure while a connection exists: the saved one is untouched (nothing is written before the test passes). */
  const stillWorks = any ? ' The current connection still works.' : '';

  const onConnect = async (e: Event) => {
    e.preventDefault();
    const invalid = connectFormErrors(form);
    setErrors(invalid);
    const first = firstInvalid(ORDER, invalid);
    if (first) {
      setConnectBanner(undefined);
      focusField(first);
      return;
    }
    // The permission prompt must come first, while the click still counts as a user gesture.
    const perm = await requestHostPermission(form.site);
    if (perm.needed && !perm.granted) {
      setConnectBanner({ kind: 'error', text: permissionDenied(perm.pattern) + stillWorks });
      return;
    }
    setBusy('connect');
    setConnectBanner({ kind: 'info', text: 'Testing the credentials against ConnectWise…' });
    try {
      const c = await askFromOptions('connection/connect', form);
      connection.value = c;
      setShowKey(false);
      const access = perm.needed ? ` Host access granted for ${perm.pattern}.` : '';
      setConnectBanner({
        kind: 'success',
        text: `Connected to ${c.displayName} (server version ${'serverVersion' in c ? c.serverVersion : c.serverLabel}).${access}`,
      });
    } catch (err) {
      const mapped = issuesToFieldErrors(err, CONNECT_LABELS);
      const firstMapped = mapped && firstInvalid(ORDER, mapped.fields);
      if (mapped && firstMapped) {
        setErrors(mapped.fields);
        setConnectBanner(mapped.rest.length ? { kind: 'error', text: mapped.rest.join(' ') } : undefined);
        focusField(firstMapped);
      } else setConnectBanner({ kind: 'error', text: errorText(err) + stillWorks });
    } finally {
      setBusy(undefined);
    }
  };

  const onTest = async () => {
    setBusy('test');
    setBanner({ kind: 'info', text: 'Testing the connection…' });
    try {
      const r = await askFromOptions('connection/test', {});
      await refreshConnection();
      if (r.psa === 'autotask') {
        setBanner(autotaskTestText(r));
        return;
      }
      setBanner({
        kind: r.missingPermissions.length ? 'error' : 'success',
        text: r.missingPermissions.length
          ? `Connection works (server version ${r.serverVersion}), but the API member is missing: ${r.missingPermissions.join(', ')}.`
          : `Connection test passed. Server version ${r.serverVersion}.`,
      });
    } catch (err) {
      setBanner({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(undefined);
    }
  };

  const onDisconnect = async () => {
    setConfirmDisconnect(false);
    setBusy('disconnect');
    try {
      await askFromOptions('connection/disconnect', { discardUnsent: Boolean(mine) && discardUnsent });
      connection.value = null;
      setBanner({
        kind: 'info',
        text:
          connectedPsa === 'autotask'
            ? 'Disconnected. The API secret was removed from this browser.'
            : 'Disconnected. The API keys were removed from this browser.',
      });
      showToast(`Disconnected from ${PSA_NAMES[connectedPsa ?? 'connectwise']}`);
    } catch (err) {
      setBanner({ kind: 'error', text: errorText(err) });
    } finally {
      setBusy(undefined);
    }
  };

  return (
    <div>
      <section class="fp-card" aria-labelledby="conn-status-title">
        <h2 id="conn-status-title">Status</h2>
        {any === undefined ? (
          <p class="fp-muted">Loading…</p>
        ) : any ? (
          <>
            {atConn ? <AutotaskStatus conn={atConn} /> : conn && <CwStatusRows conn={conn} />}
            <div class="fp-actions">
              <Button variant="primary" busy={busy === 'test'} disabled={!!busy} onClick={onTest}>
                Test Connection
              </Button>
              <Button
                variant="danger"
                busy={busy === 'disconnect'}
                disabled={!!busy || managedConnection}
                aria-describedby={managedConnection ? 'conn-managed' : undefined}
                onClick={() => setConfirmDisconnect(true)}
              >
                Disconnect
              </Button>
            </div>
            {managedConnection && (
              <p class="fp-help" id="conn-managed">
                <SetByOrg />
                This connection comes from your organization’s policy: FlowPilot connected with it by itself,
                and only your IT admin can change or remove it.
              </p>
            )}
          </>
        ) : (
          <p class="fp-status">
            <StatusDot state="idle" /> <strong>Not connected</strong>
          </p>
        )}
        {banner && (
          <p
            class={`fp-banner fp-banner--${banner.kind}`}
            role={banner.kind === 'error' ? 'alert' : 'status'}
          >
            {banner.text}
          </p>
        )}
      </section>

      {!policyConnection && (
        <fieldset class="fp-card fp-psa-choice" aria-describedby="psa-choice-help">
          <legend>Which PSA?</legend>
          {(['connectwise', 'autotask'] as const).map((k) => (
            <div class="fp-check" key={k}>
              <input
                id={`psa-${k}`}
                type="radio"
                name="psa"
                value={k}
                checked={psa === k}
                onChange={() => choosePsa(k)}
              />
              <label for={`psa-${k}`}>{PSA_NAMES[k]}</label>
            </div>
          ))}
          <p class="fp-help" id="psa-choice-help">
            FlowPilot keeps one connection per browser: connecting to one PSA replaces the other.
          </p>
        </fieldset>
      )}

      {psa === 'autotask' && !policyConnection && <AutotaskConnectForm stillWorks={stillWorks} />}

      {psa === 'connectwise' && !managedConnection && (
        <form class="fp-card" onSubmit={onConnect} aria-labelledby="conn-form-title" novalidate>
          <h2 id="conn-form-title">
            {conn ? 'Change the connection or rotate keys' : 'Connect to ConnectWise'}
          </h2>
          {conn && (
            <p class="fp-help">
              Enter the new key pair and press Connect. The new keys are tested first; if they fail, the
              current connection keeps working.
            </p>
          )}
          {textField(
            'displayName',
            'Display Name',
            'Any name that tells this connection apart, e.g. “Acme CW”.',
            {
              required: false,
            },
          )}
          {textField(
            'site',
            'Site URL',
            <>
              The host name you log in to ConnectWise at, e.g. <code>na.myconnectwise.net</code> or your own
              server’s name. No <code>https://</code> needed; a pasted browser address is trimmed to its host.
            </>,
          )}
          {textField(
            'companyId',
            'Company ID',
            'The company you type on the ConnectWise login screen (not the company’s full name).',
          )}
          {textField(
            'publicKey',
            'Public Key',
            'In ConnectWise: System → Members → your API member → API Keys → New. The public key is shown in the list.',
          )}
          <Field
            id="cw-private-key"
            managed={isConnectionManaged('privateKey')}
            error={errors.privateKey}
            label="Private Key"
            help="Shown only once, when the API key is created: copy it then. It stays in this browser’s FlowPilot storage and is never shown again."
          >
            <div class="fp-row">
              <input
                id="cw-private-key"
                readOnly={isConnectionManaged('privateKey')}
                type={showKey ? 'text' : 'password'}
                required
                value={form.privateKey}
                onInput={set('privateKey')}
                aria-describedby={describedBy('cw-private-key', errors.privateKey)}
                aria-invalid={errors.privateKey ? true : undefined}
                autocomplete="new-password"
                spellcheck={false}
                placeholder={
                  isConnectionManaged('privateKey')
                    ? 'set by your organization'
                    : conn
                      ? `saved key ends in ${conn.privateKeyLast4}; enter the new one to replace it`
                      : ''
                }
                style={{ flex: 1 }}
              />
              <Button variant="link" aria-pressed={showKey} onClick={() => setShowKey(!showKey)}>
                Show private key
              </Button>
            </div>
          </Field>
          <div class="fp-actions">
            <Button type="submit" variant="primary" busy={busy === 'connect'} disabled={!!busy}>
              Connect
            </Button>
          </div>
          <FormBanners
            fieldErrors={Object.keys(errors).length}
            banner={connectBanner}
            bannerRef={connectBannerRef}
          />
          <p class="fp-help">
            Connect tests the keys (company lookup, server info and the reads FlowPilot needs) and saves only
            when everything passes. Cloud sites need no extra permission; for your own server the browser asks
            once for access to that host.
          </p>
        </form>
      )}

      <HeldPosts />

      <TeamSetup />
      <PolicyTemplate />

      <ConfirmDialog
        open={askSwitch !== undefined}
        title={`Switch to ${PSA_NAMES[askSwitch ?? 'connectwise']}?`}
        confirmLabel={`Use ${PSA_NAMES[askSwitch ?? 'connectwise']}`}
        onConfirm={() => {
          if (askSwitch) setPsa(askSwitch);
          setAskSwitch(undefined);
        }}
        onCancel={() => setAskSwitch(undefined)}
      >
        FlowPilot is connected to {PSA_NAMES[connectedPsa ?? 'connectwise']}. Connecting to{' '}
        {PSA_NAMES[askSwitch ?? 'connectwise']} replaces that connection once the new one passes its test;
        until then the current one keeps working. Posts not sent yet stay with the connection they were made
        for and are never sent to the other PSA.
      </ConfirmDialog>

      <ConfirmDialog
        open={confirmDisconnect}
        title={`Disconnect from ${PSA_NAMES[connectedPsa ?? 'connectwise']}?`}
        confirmLabel="Disconnect now"
        danger
        onConfirm={onDisconnect}
        onCancel={() => setConfirmDisconnect(false)}
      >
        {connectedPsa === 'autotask' ? 'The API secret is' : 'The API keys are'} removed from this browser.
        Technicians here cannot post to tickets until someone connects again.
        {mine && (
          <>
            <p>
              {mine.posts} post(s) for this connection are not sent yet. Kept, they wait for this connection
              and go out when someone connects to it again; they are never sent to another one.
            </p>
            <div class="fp-check">
              <input
                id="disconnect-discard"
                type="checkbox"
                checked={discardUnsent}
                onChange={(e) => setDiscardUnsent(e.currentTarget.checked)}
              />
              <label for="disconnect-discard">Discard the unsent posts instead</label>
            </div>
          </>
        )}
      </ConfirmDialog>
    </div>
  );
}

/** The status rows of a saved ConnectWise connection. */
function CwStatusRows({ conn }: { conn: PublicConnection }) {
  return (
    <>
      <p class="fp-status">
        <StatusDot state={conn.missingPermissions.length ? 'warn' : 'ok'} /> <strong>Connected</strong>
      </p>
      <dl class="fp-kv" aria-label="Connection details">
        <dt>Display name</dt>
        <dd>{conn.displayName}</dd>
        <dt>Site</dt>
        <dd>{conn.site}</dd>
        <dt>Company</dt>
        <dd>
          {conn.companyId}
          {conn.companyName ? ` (${conn.companyName})` : ''}
        </dd>
        <dt>Server version</dt>
        <dd>{conn.serverVersion}</dd>
        <dt>Last tested</dt>
        <dd>{formatTime(conn.lastTestedAt)}</dd>
        <dt>Keys</dt>
        <dd>
          public {conn.publicKey}, private •••• {conn.privateKeyLast4}
        </dd>
        <dt>Host access</dt>
        <dd>{hostAccessText(conn)}</dd>
        {conn.missingPermissions.length > 0 && (
          <>
            <dt>Missing permissions</dt>
            <dd class="fp-flag">{conn.missingPermissions.join(', ')}</dd>
          </>
        )}
      </dl>
    </>
  );
}
