import { AppError } from '../errors';
import type { ConnectInput } from '../messages/options-to-bg';
import { hasFullConnection } from './parse';
import { readPolicy } from './read';
import { withPolicyConnection } from './service';

// What a policy takes out of the user's hands on this browser, checked in the background (the
// options page shows the same fields read-only, but a page is never the only guard).

export async function assertRosterEditable(): Promise<void> {
  const { policy } = await readPolicy();
  if (policy.technicians)
    throw new AppError(
      'policyLocked',
      'The technician roster is set by your organization’s policy. Ask your IT admin to change it.',
    );
}

export async function assertCanDisconnect(): Promise<void> {
  const { policy } = await readPolicy();
  if (hasFullConnection(policy))
    throw new AppError(
      'policyLocked',
      'This connection is set by your organization’s policy and cannot be removed here.',
    );
}

/** A typed Connect uses the policy's values for the fields the policy sets (they are read-only). */
export async function connectInputUnderPolicy(input: ConnectInput): Promise<ConnectInput> {
  const { policy } = await readPolicy();
  return withPolicyConnection(input, policy);
}

/**
 * Policies describe ConnectWise connections only (Autotask under policy is not designed yet): while the
 * administrator's policy sets any connection field, an Autotask Connect is refused rather than silently
 * replaced by the policy's ConnectWise connection at the next policy read.
 */
export async function assertAutotaskAllowed(): Promise<void> {
  const { policy } = await readPolicy();
  if (Object.keys(policy.connection).length > 0)
    throw new AppError(
      'policyLocked',
      'Your organization’s policy sets FlowPilot’s ConnectWise connection, so Autotask cannot be connected here. Ask your IT admin.',
    );
}
