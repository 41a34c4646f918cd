// Which role an Autotask time entry is logged under (Autotask requires a roleID the resource holds):
// the one the FlowPilot settings ask for when the resource holds it, else the resource's default
// service-desk role, else its first active role (by name). One rule for the writer and for the options
// page that shows it. Pure.

import type { Option, TimeEntryOptions } from '../psa/types';

export type RoleSource = 'setting' | 'default' | 'first';

export function chooseRole(
  held: TimeEntryOptions,
  wanted?: number,
): { role: Option; source: RoleSource } | undefined {
  const byId = (id: number | undefined) =>
    id === undefined ? undefined : held.roles.find((r) => r.id === id);
  const fromSetting = byId(wanted);
  if (fromSetting) return { role: fromSetting, source: 'setting' };
  const def = byId(held.defaultRoleId);
  if (def) return { role: def, source: 'default' };
  const first = held.roles[0];
  return first ? { role: first, source: 'first' } : undefined;
}
