import type { Settings } from '../settings/schema';
import { POLICY_SETTING_KEYS, POLICY_SETTINGS } from './keys';

// "Export policy template": the generic JSON an admin pastes into Chrome/Edge policy (3rdparty →
// extensions → <id>) or Firefox policies.json (3rdparty → Extensions → <id>). Pure: the background
// passes what this browser is set up with.

export interface TemplateInput {
  connection?: { displayName: string; site: string; companyId: string };
  keys?: { publicKey: string; privateKey: string };
  technicians: { name: string; email: string }[];
  settings: Settings;
}

export function buildPolicyTemplate(input: TemplateInput, includeKeys: boolean): Record<string, unknown> {
  const settings = Object.fromEntries(
    POLICY_SETTING_KEYS.flatMap((k) => {
      const v = POLICY_SETTINGS[k].get(input.settings);
      return v === undefined ? [] : [[k, { default: v, locked: false }]];
    }),
  );
  return {
    ...(input.connection
      ? {
          site: input.connection.site,
          companyId: input.connection.companyId,
          displayName: input.connection.displayName,
        }
      : {}),
    // Keys are left out unless asked for: the template is often mailed around before it is deployed.
    ...(includeKeys && input.keys
      ? { publicKey: input.keys.publicKey, privateKey: input.keys.privateKey }
      : {}),
    technicians: input.technicians.map((t) => ({ name: t.name, email: t.email })),
    settings,
  };
}
