import { SetByOrg } from '@/components/ui/SetByOrg';
import { POLICY_SETTINGS, type PolicySettingKey } from '@/lib/policy/keys';
import { isLocked, policy } from './state';

const AI_KEYS: PolicySettingKey[] = ['aiEnabled', 'aiBaseUrl', 'aiModel', 'aiRedactPii'];

/**
 * What the organization's policy fixes about the AI assistant (the assistant's own section stays as it
 * is; the background refuses a change to a locked value or an endpoint outside the allow-list).
 */
export function AiPolicyNote() {
  const p = policy.value;
  const locked = AI_KEYS.filter(isLocked);
  if (!p || (!locked.length && !p.aiAllowedEndpoints)) return null;
  return (
    <p class="fp-banner fp-banner--info" role="note" aria-label="AI assistant policy">
      <SetByOrg />
      {locked.length > 0 && (
        <>{locked.map((k) => POLICY_SETTINGS[k].label).join(', ')} cannot be changed here. </>
      )}
      {p.aiAllowedEndpoints && (
        <>
          Allowed AI endpoints:{' '}
          {p.aiAllowedEndpoints.length ? p.aiAllowedEndpoints.join(', ') : 'none (the assistant is off)'}.
        </>
      )}
    </p>
  );
}
