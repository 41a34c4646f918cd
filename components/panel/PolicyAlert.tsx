import type { PanelStatus } from '@/lib/messages/panel-to-bg';

/**
 * Problems with the organization's FlowPilot policy, each naming its policy key. Shown above the
 * panel's body (which still renders: a bad policy value never leaves the panel blank).
 */
export function PolicyAlert({ status }: { status: PanelStatus | undefined }) {
  const problems = status?.policyProblems;
  if (!problems?.length) return null;
  return (
    <div class="fp-alert" role="alert" aria-label="Policy problem">
      <p>Your organization’s FlowPilot policy has a problem; ask your IT admin to fix it:</p>
      <ul>
        {problems.map((p) => (
          <li key={p}>{p}</li>
        ))}
      </ul>
    </div>
  );
}
