import { loadConnection } from '../connection/store';
import { db } from '../db/schema';
import { canAskForProfileEmail, hasProfileEmailPermission } from '../platform/identity';
import { getSettings } from '../settings/store';
import { CONNECTION_KEYS, POLICY_SETTING_KEYS } from './keys';
import { hasFullConnection, isManaged, type PolicyProblem } from './parse';
import { readPolicy } from './read';
import { getRunStatus } from './service';
import { buildPolicyTemplate } from './template';

// What the options page and the panel need to know about the policy (never its key values).

export interface PolicyView {
  managed: boolean;
  problems: PolicyProblem[];
  /** Connection fields the policy sets (shown read-only). */
  connectionKeys: string[];
  /** Their values, to fill the read-only fields; never the private key. */
  connectionValues: { site?: string; companyId?: string; publicKey?: string; displayName?: string };
  fullConnection: boolean;
  roster: boolean;
  settings: Record<string, { locked: boolean; hasDefault: boolean }>;
  aiAllowedEndpoints?: string[];
  /** The roster is managed and nobody is chosen on this browser yet. */
  technicianNeeded: boolean;
  profileEmail: 'unsupported' | 'notGranted' | 'granted';
}

export async function policyView(): Promise<PolicyView> {
  const [{ policy, problems }, run, settings, granted] = await Promise.all([
    readPolicy(),
    getRunStatus(),
    getSettings(),
    hasProfileEmailPermission(),
  ]);
  const chosen =
    settings.signedInTechnicianId !== undefined &&
    (await db().technicians.get(settings.signedInTechnicianId)) !== undefined;
  return {
    managed: isManaged(policy) || problems.length > 0,
    problems: [
      ...problems,
      ...(run.connectionProblem && hasFullConnection(policy) ? [run.connectionProblem] : []),
    ],
    connectionKeys: CONNECTION_KEYS.filter((k) => policy.connection[k] !== undefined),
    connectionValues: {
      ...(policy.connection.site ? { site: policy.connection.site } : {}),
      ...(policy.connection.companyId ? { companyId: policy.connection.companyId } : {}),
      ...(policy.connection.publicKey ? { publicKey: policy.connection.publicKey } : {}),
      ...(policy.connection.displayName ? { displayName: policy.connection.displayName } : {}),
    },
    fullConnection: hasFullConnection(policy),
    roster: policy.technicians !== undefined,
    settings: Object.fromEntries(
      POLICY_SETTING_KEYS.flatMap((k) => {
        const r = policy.settings[k];
        return r ? [[k, { locked: r.locked, hasDefault: r.value !== undefined }]] : [];
      }),
    ),
    ...(policy.aiAllowedEndpoints ? { aiAllowedEndpoints: policy.aiAllowedEndpoints } : {}),
    technicianNeeded: policy.technicians !== undefined && policy.technicians.length > 0 && !chosen,
    profileEmail: !canAskForProfileEmail() ? 'unsupported' : granted ? 'granted' : 'notGranted',
  };
}

export async function policyTemplate(includeKeys: boolean): Promise<{ fileName: string; text: string }> {
  const [conn, techs, settings] = await Promise.all([
    loadConnection(),
    db().technicians.toArray(),
    getSettings(),
  ]);
  const template = buildPolicyTemplate(
    {
      ...(conn
        ? {
            connection: {
              displayName: conn.record.displayName,
              site: conn.record.scheme === 'http' ? `http://${conn.record.site}` : conn.record.site,
              companyId: conn.record.companyId,
            },
            keys: { publicKey: conn.creds.publicKey, privateKey: conn.creds.privateKey },
          }
        : {}),
      technicians: techs.sort((a, b) => a.name.localeCompare(b.name)),
      settings,
    },
    includeKeys,
  );
  return { fileName: 'flowpilot-policy.json', text: `${JSON.stringify(template, null, 2)}\n` };
}
