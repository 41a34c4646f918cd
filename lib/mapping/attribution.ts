import { db, type TechnicianRecord } from '../db/schema';
import { getSettings } from '../settings/store';

export type Attribution =
  /** A signed-in technician mapped to a CW member: posts carry that member. */
  | {
      kind: 'member';
      technician: TechnicianRecord;
      member: { id: number; identifier?: string; name?: string };
    }
  /** Signed in but not mapped yet: posts go out as the API member; the panel should say so. */
  | { kind: 'unmapped'; technician: TechnicianRecord }
  /** Nobody chosen on this browser (or the chosen technician was removed): the API member posts. */
  | { kind: 'none' };

/** Who posts from this browser (background only). The panel shows it; posting sets `member` from it. */
export async function currentAttribution(): Promise<Attribution> {
  const { signedInTechnicianId } = await getSettings();
  if (!signedInTechnicianId) return { kind: 'none' };
  const technician = await db().technicians.get(signedInTechnicianId);
  if (!technician) return { kind: 'none' };
  if (technician.memberId === undefined) return { kind: 'unmapped', technician };
  return {
    kind: 'member',
    technician,
    member: { id: technician.memberId, identifier: technician.memberIdentifier, name: technician.memberName },
  };
}
