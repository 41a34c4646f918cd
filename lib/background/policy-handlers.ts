import { withActivity } from '../activity/log';
import { getConnection } from '../connection/service';
import { db } from '../db/schema';
import { normalizeEmail } from '../mapping/match';
import type { Handlers } from '../messages/router';
import { registerOnPremContentScript } from '../platform/content-scripts';
import { profileEmail } from '../platform/identity';
import { applyPolicy } from '../policy/service';
import { policyTemplate, policyView } from '../policy/view';
import { saveSettings } from '../settings/store';
import { broadcast } from './broadcast';

/**
 * Applies the policy and tells open pages. `announce` also when nothing changed (a new policy arrived:
 * the options page re-reads which fields are locked).
 */
export async function applyPolicyAndBroadcast(opts: { force?: boolean; announce?: boolean } = {}) {
  const changed = await applyPolicy({ force: opts.force });
  if (changed) {
    const conn = await getConnection();
    await registerOnPremContentScript(conn?.grantedOrigin).catch(() => undefined);
    await broadcast({ type: 'connection/changed' });
    await broadcast({ type: 'settings/changed' });
  }
  if (changed || opts.announce) await broadcast({ type: 'policy/changed' });
  return changed;
}

export const policyOptionsHandlers: Handlers<'optionsToBg'> = {
  'policy/get': () => policyView(),
  'policy/retry': async () => {
    await withActivity('policy/apply', 'admin policy', () =>
      applyPolicyAndBroadcast({ force: true, announce: true }),
    );
    return policyView();
  },
  'policy/template': ({ includeKeys }) =>
    withActivity(
      'policy/template',
      'admin (options page)',
      () => policyTemplate(includeKeys),
      (r) => (r.ok ? `Policy template exported${includeKeys ? ' with keys' : ' without keys'}` : undefined),
    ),
  'policy/useProfileEmail': async () => {
    const email = await profileEmail();
    if (!email) return {};
    const match = (await db().technicians.toArray()).find(
      (t) => normalizeEmail(t.email) === normalizeEmail(email),
    );
    if (!match) return { email };
    await saveSettings({ signedInTechnicianId: match.id });
    await broadcast({ type: 'settings/changed' });
    await broadcast({ type: 'policy/changed' });
    return { email, technicianId: match.id };
  },
};
