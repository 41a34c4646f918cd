import { useEffect, useState } from 'preact/hooks';
import { browser } from 'wxt/browser';
import { Button } from '@/components/ui/Button';
import { askFromOptions } from '@/lib/messages/client';
import { PROFILE_EMAIL_PERMISSIONS } from '@/lib/platform/identity';
import { describeProblem } from '@/lib/policy/describe';
import { errorText } from '../api';
import { policy, refreshPolicy } from './state';

const ASKED_KEY = 'policy:profileEmailAsked';

/**
 * Top of the options page when the organization manages FlowPilot: what the policy sets, its problems
 * (each naming the policy key) with Retry, and, with a managed roster, who uses this browser.
 */
export function PolicyBanner() {
  const p = policy.value;
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  useEffect(() => {
    void refreshPolicy();
  }, []);
  if (!p?.managed) return null;

  const retry = async () => {
    setBusy(true);
    setError(undefined);
    try {
      policy.value = await askFromOptions('policy/retry', {});
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="fp-card" aria-labelledby="policy-title">
      <h2 id="policy-title">Managed by your organization</h2>
      <p class="fp-help">
        Your IT admin set up FlowPilot by policy
        {p.fullConnection ? ': the ConnectWise connection' : ''}
        {p.roster ? `${p.fullConnection ? ', ' : ': '}the technician roster` : ''}
        {Object.keys(p.settings).length ? ' and some settings' : ''}. Fields marked “Set by your organization”
        are read-only here.
      </p>
      {p.problems.length > 0 && (
        <div class="fp-banner fp-banner--error" role="alert">
          <p>The policy has a problem; ask your IT admin to fix it:</p>
          <ul>
            {p.problems.map((x) => (
              <li key={x.key + x.message}>{describeProblem(x)}</li>
            ))}
          </ul>
          <Button onClick={retry} busy={busy}>
            Retry policy
          </Button>
        </div>
      )}
      {error && (
        <p class="fp-banner fp-banner--error" role="alert">
          {error}
        </p>
      )}
      {p.technicianNeeded && <WhoAreYou canUseEmail={p.profileEmail} />}
    </section>
  );
}

/** With a managed roster: pick the technician by the profile's email (asked once), or by hand, once. */
function WhoAreYou({ canUseEmail }: { canUseEmail: 'unsupported' | 'notGranted' | 'granted' }) {
  const [roster, setRoster] = useState<{ id: string; name: string; email: string }[]>([]);
  const [me, setMe] = useState('');
  const [asked, setAsked] = useState(true);
  const [note, setNote] = useState<string | undefined>();

  // Re-read the roster whenever the policy view changes (the first run may still be syncing it).
  const view = policy.value;
  useEffect(() => {
    void askFromOptions('mapping/get', {}).then((r) => setRoster(r.technicians));
  }, [view]);
  useEffect(() => {
    void browser.storage.local.get(ASKED_KEY).then((r) => setAsked(Boolean(r[ASKED_KEY])));
  }, []);

  const useEmail = async () => {
    // The permission prompt must be the first await of the click.
    const granted = await browser.permissions.request(PROFILE_EMAIL_PERMISSIONS).catch(() => false);
    await browser.storage.local.set({ [ASKED_KEY]: true });
    setAsked(true);
    if (!granted) return setNote('Not allowed: choose your name below instead.');
    const r = await askFromOptions('policy/useProfileEmail', {}).catch(() => ({}) as { email?: string });
    if ('technicianId' in r && r.technicianId) return refreshPolicy();
    setNote(
      r.email
        ? `${r.email} is not on your organization’s roster: choose your name below.`
        : 'This browser profile has no email (not signed in): choose your name below.',
    );
  };

  const choose = async () => {
    if (!me) return;
    await askFromOptions('mapping/signedIn', { technicianId: me });
    await refreshPolicy();
  };

  return (
    <div class="fp-banner fp-banner--info">
      <p>
        <strong>Who are you?</strong> Posts from this browser are attributed to the technician chosen here.
      </p>
      {canUseEmail === 'notGranted' && !asked && (
        <p>
          FlowPilot can find you on the roster by the email of this browser profile. The browser asks once for
          permission to read that email; it is used only for this match.{' '}
          <Button onClick={useEmail}>Use my browser profile’s email</Button>
        </p>
      )}
      {note && <p>{note}</p>}
      <div class="fp-row">
        <label for="policy-me">I am</label>
        <select id="policy-me" value={me} onChange={(e) => setMe(e.currentTarget.value)}>
          <option value="">Choose your name…</option>
          {roster.map((t) => (
            <option key={t.id} value={t.id}>
              {t.name} ({t.email})
            </option>
          ))}
        </select>
        <Button variant="primary" onClick={choose} disabled={!me}>
          This is me
        </Button>
      </div>
    </div>
  );
}
